package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/steps"
)

// secretMask is what a secret being typed looks like: the same whatever its
// length, so neither the screen nor a shoulder learns how long it is.
const secretMask = "••••••••••••"

type formField struct {
	f        providers.Field
	in       textinput.Model
	pristine bool // still the pre-filled value: the first keystroke replaces it
	verdict  *providers.ValidationError
	notice   string
}

// formScreen edits a provider's text fields, validating as you type.
type formScreen struct {
	c      *common
	step   *steps.FormStep
	fields []*formField
	focus  int
	tried  bool // Enter was pressed with invalid fields: show every verdict
	// pasteNote says what the last pasted block of keys filled.
	pasteNote string
}

func newFormScreen(c *common, st *steps.FormStep) (*formScreen, tea.Cmd) {
	s := c.session
	fs := &formScreen{c: c, step: st}
	for _, f := range st.Fields {
		in := textinput.New()
		in.CharLimit = 0 // a Stripe key can be long; never cut one
		in.Prompt = ""
		in.Placeholder = f.Placeholder
		in.Width = 60
		if f.Secret {
			in.EchoMode = textinput.EchoNone
		}
		in.SetValue(st.Initial(s, f.Key))
		fs.fields = append(fs.fields, &formField{f: f, in: in, pristine: in.Value() != "", notice: st.Notice(f.Key)})
	}
	fs.checkAll()
	fs.resize(c.width)
	return fs, fs.focusOn(0)
}

// resize lets plain inputs use the terminal's width.
func (fs *formScreen) resize(width int) {
	for _, ff := range fs.fields {
		ff.in.Width = max(10, width-6)
	}
}

func (fs *formScreen) answers() map[string]string {
	out := make(map[string]string, len(fs.fields))
	for _, ff := range fs.fields {
		out[ff.f.Key] = ff.in.Value()
	}
	return out
}

func (fs *formScreen) checkAll() {
	ans := fs.answers()
	for _, ff := range fs.fields {
		ff.verdict = fs.step.Check(fs.c.session, ff.f.Key, ff.in.Value(), ans)
	}
}

func (fs *formScreen) focusOn(i int) tea.Cmd {
	if len(fs.fields) == 0 {
		return nil
	}
	fs.fields[fs.focus].in.Blur()
	fs.focus = (i + len(fs.fields)) % len(fs.fields)
	return fs.fields[fs.focus].in.Focus()
}

func invalid(v *providers.ValidationError) bool {
	return v != nil && v.Severity == providers.Invalid
}

func (fs *formScreen) update(msg tea.Msg) tea.Cmd {
	keys := fs.c.keys
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, keys.Back):
			return fs.c.navigate(navBack)
		case key.Matches(k, keys.FieldUp):
			return fs.focusOn(fs.focus - 1)
		case key.Matches(k, keys.FieldDown):
			return fs.focusOn(fs.focus + 1)
		case key.Matches(k, keys.Next):
			return fs.submit()
		case key.Matches(k, keys.Clear):
			ff := fs.fields[fs.focus]
			ff.in.SetValue("")
			ff.pristine = false
			fs.checkAll()
			return nil
		}
		if k.Paste && fs.step.PasteHolds(string(k.Runes)) {
			fs.paste(string(k.Runes))
			return nil
		}
		ff := fs.fields[fs.focus]
		if ff.pristine && (k.Type == tea.KeyRunes || k.Paste) {
			// Typing over a pre-filled value replaces it rather than
			// appending to a key the user cannot see.
			ff.in.SetValue("")
		}
		ff.pristine = false
	}
	var cmd tea.Cmd
	ff := fs.fields[fs.focus]
	ff.in, cmd = ff.in.Update(msg)
	fs.checkAll()
	return cmd
}

// paste sorts a pasted block of keys into the fields (this form's and the
// forms ahead), and says what went where.
func (fs *formScreen) paste(text string) {
	r := fs.step.Paste(fs.c.session, text)
	for _, ff := range fs.fields {
		for _, k := range r.Filled {
			if k == ff.f.Key {
				ff.in.SetValue(fs.c.session.Values[k])
				ff.pristine = false
			}
		}
	}
	fs.pasteNote = r.Paste()
	fs.checkAll()
}

// submit: with every field valid, Enter stores the answers and goes on;
// otherwise it moves to the first field that needs attention.
func (fs *formScreen) submit() tea.Cmd {
	for i, ff := range fs.fields {
		if invalid(ff.verdict) {
			fs.tried = true
			return fs.focusOn(i)
		}
	}
	errs := fs.step.Submit(fs.c.session, fs.answers())
	for _, ff := range fs.fields {
		if invalid(errs[ff.f.Key]) {
			ff.verdict = errs[ff.f.Key]
			fs.tried = true
			return nil
		}
	}
	return fs.c.navigate(navNext)
}

func (fs *formScreen) body(width, height int) string {
	th := fs.c.theme
	var b strings.Builder
	if fs.pasteNote != "" {
		b.WriteString(paint(th.OK, wrap(fs.pasteNote, width-2)) + "\n\n")
	}
	for i, ff := range fs.fields {
		focused := i == fs.focus
		label := ff.f.Label
		if !ff.f.Required {
			label += " (optional)"
		}
		if focused {
			b.WriteString(th.Cursor.Render("> "+label) + "\n")
		} else {
			b.WriteString("  " + th.Title.Render(label) + "\n")
		}
		b.WriteString("  " + fs.valueView(ff, focused) + "\n")
		v := providers.Normalize(ff.in.Value())
		switch {
		case ff.verdict != nil && (focused || fs.tried || v != "") && ff.verdict.Severity == providers.Invalid:
			if v != "" || fs.tried {
				b.WriteString(paint(th.Bad, wrap("  ✗ "+ff.verdict.Msg, width-2)) + "\n")
			}
		case ff.verdict != nil:
			b.WriteString(paint(th.Warn, wrap("  ! "+ff.verdict.Msg, width-2)) + "\n")
		case v != "":
			b.WriteString(th.OK.Render("  ✓ looks right") + "\n")
		}
		if focused {
			if ff.f.Help != "" {
				b.WriteString(paint(th.Dim, wrap("  "+ff.f.Help, width-2)) + "\n")
			}
			if ff.notice != "" {
				b.WriteString(paint(th.Warn, wrap("  ! "+ff.notice, width-2)) + "\n")
			}
		}
		if i < len(fs.fields)-1 {
			b.WriteString("\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// valueView draws a field's value: plain fields through the textinput,
// secrets as a fixed mask, with the kind and last four once valid.
func (fs *formScreen) valueView(ff *formField, focused bool) string {
	th := fs.c.theme
	if !ff.f.Secret && !fs.step.Masked(ff.f.Key, ff.in.Value()) {
		if v := providers.Normalize(ff.in.Value()); !focused && v != "" {
			// A blurred textinput keeps its scroll offset and would show
			// the tail of a long key; the head (pk_test_…) is what tells
			// a person which key it is. Show what will be stored.
			return clip(v, fs.c.width-4)
		}
		// textinput pads to its width; the padding is noise on screen.
		return strings.TrimRight(ff.in.View(), " ")
	}
	v := providers.Normalize(ff.in.Value())
	caret := ""
	if focused {
		caret = th.Cursor.Render("▏")
	}
	switch {
	case v == "":
		return caret + th.Dim.Render(ff.f.Placeholder)
	case ff.verdict == nil || !invalid(ff.verdict):
		return secret.Mask(v) + caret
	default:
		return secretMask + caret
	}
}

func (fs *formScreen) bindings() []key.Binding {
	return fs.c.keys.withNav(fs.c.keys.Next, fs.c.keys.FieldDown)
}
