package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
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
	f  providers.Field
	in textinput.Model
	// A masked value cannot be edited in place, since it cannot be seen:
	// while pristine, the first keystroke replaces it (the screen says
	// so); while replacing, esc puts saved back.
	pristine, replacing bool
	saved               string
	verdict             *providers.ValidationError
	notice              string
}

// formScreen edits a provider's text fields, validating as you type.
// Going back keeps what was typed (a draft in the session, in memory
// only); Enter stores it.
type formScreen struct {
	scroll
	c      *common
	step   *steps.FormStep
	fields []*formField
	focus  int
	tried  bool // Enter was pressed with invalid fields: show every verdict
	// pasteNote says what the last pasted block of keys filled.
	pasteNote string
	// pinnedLines: how many lines of the focused field's block (label,
	// value, verdict) the last drawing had before its help.
	pinnedLines int
}

func newFormScreen(c *common, st *steps.FormStep) (*formScreen, tea.Cmd) {
	s := c.session
	fs := &formScreen{c: c, step: st}
	th := c.theme.Focused
	draft := st.Draft(s)
	for _, f := range st.Fields {
		in := textinput.New()
		in.CharLimit = 0 // a Stripe key can be long; never cut one
		in.Prompt = ""
		in.Placeholder = f.Placeholder
		in.Width = 60
		in.TextStyle, in.PlaceholderStyle = th.Text, th.Placeholder
		in.Cursor.Style = th.Caret.Reverse(true)
		// A steady cursor: no blink ticks while the person reads.
		in.Cursor.SetMode(cursor.CursorStatic)
		if f.Secret {
			in.EchoMode = textinput.EchoNone
		}
		v, ok := draft[f.Key]
		if !ok {
			v = st.Initial(s, f.Key)
		}
		in.SetValue(v)
		fs.fields = append(fs.fields, &formField{f: f, in: in, notice: st.Notice(f.Key)})
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

// masked reports whether the field's value is drawn masked.
func (fs *formScreen) masked(ff *formField) bool {
	return ff.f.Secret || fs.step.Masked(ff.f.Key, ff.in.Value())
}

func (fs *formScreen) focusOn(i int) tea.Cmd {
	if len(fs.fields) == 0 {
		return nil
	}
	old := fs.fields[fs.focus]
	old.in.Blur()
	old.replacing = false
	fs.focus = (i + len(fs.fields)) % len(fs.fields)
	ff := fs.fields[fs.focus]
	ff.pristine = ff.in.Value() != "" && fs.masked(ff)
	fs.follow = true
	return ff.in.Focus()
}

func invalid(v *providers.ValidationError) bool {
	return v != nil && v.Severity == providers.Invalid
}

func (fs *formScreen) update(msg tea.Msg) tea.Cmd {
	keys := fs.c.keys
	ff := fs.fields[fs.focus]
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, keys.Back) && ff.replacing:
			// Put back what the field held before typing replaced it.
			ff.in.SetValue(ff.saved)
			ff.replacing, ff.pristine = false, true
			fs.checkAll()
			return nil
		case key.Matches(k, keys.Back):
			fs.step.SaveDraft(fs.c.session, fs.answers())
			return fs.c.navigate(navBack)
		case key.Matches(k, keys.FieldUp):
			return fs.focusOn(fs.focus - 1)
		case key.Matches(k, keys.FieldDown):
			return fs.focusOn(fs.focus + 1)
		case key.Matches(k, keys.Next):
			return fs.submit()
		case key.Matches(k, keys.Clear):
			fs.replace(ff)
			ff.in.SetValue("")
			fs.checkAll()
			return nil
		}
		if k.Paste && fs.step.PasteHolds(string(k.Runes)) {
			fs.paste(string(k.Runes))
			return nil
		}
		if ff.pristine && (k.Type == tea.KeyRunes || k.Paste || k.Type == tea.KeyBackspace) {
			// Typing over a masked value replaces it rather than changing
			// a key the person cannot see.
			fs.replace(ff)
			ff.in.SetValue("")
			if k.Type == tea.KeyBackspace {
				fs.checkAll()
				return nil
			}
		}
	}
	var cmd tea.Cmd
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
	// What the block filled wins over what was typed before in any form.
	fs.c.session.DropDraftValues(r.Filled)
	fs.pasteNote = r.Paste()
	fs.checkAll()
}

// replace starts replacing the field's value, keeping it for esc.
func (fs *formScreen) replace(ff *formField) {
	if ff.pristine {
		ff.saved, ff.replacing = ff.in.Value(), true
	}
	ff.pristine = false
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
	fs.step.DropDraft(fs.c.session)
	return fs.c.navigate(navNext)
}

func (fs *formScreen) body(width, height int) string {
	th := fs.c.theme
	var above, pinned, below []string
	if fs.pasteNote != "" {
		above = append(lines(paint(th.OK, wrap(fs.pasteNote, width-2))), "")
	}
	for i, ff := range fs.fields {
		block := fs.field(ff, i == fs.focus, width)
		switch {
		case i < fs.focus:
			above = append(append(above, block...), "")
		case i == fs.focus:
			// The field itself stays in view; its help may scroll.
			pinned, below = block[:fs.pinnedLines], block[fs.pinnedLines:]
		default:
			below = append(append(below, ""), block...)
		}
	}
	return fs.fit(fs.c.theme, above, pinned, below, height)
}

// field draws one field: its label, value and verdict, and for the
// focused one its help, behind huh's bar.
func (fs *formScreen) field(ff *formField, focused bool, width int) []string {
	th := fs.c.theme
	st, bar := th.Blurred, "  "
	if focused {
		st, bar = th.Focused, th.Focused.Indicator.Render("┃ ")
	}
	w := width - 4
	var out []string
	add := func(s string) {
		for _, l := range lines(s) {
			out = append(out, bar+l)
		}
	}
	label := ff.f.Label
	if !ff.f.Required {
		label += " (optional)"
	}
	add(paint(st.Title, wrap(label, w)))
	add(fs.valueView(ff, focused, w))
	v := providers.Normalize(ff.in.Value())
	switch {
	case ff.verdict != nil && ff.verdict.Severity == providers.Invalid:
		if v != "" || fs.tried {
			add(paint(st.Error, wrap("✗ "+ff.verdict.Msg, w)))
		}
	case ff.verdict != nil:
		add(paint(st.Warn, wrap("! "+ff.verdict.Msg, w)))
	case v != "":
		add(st.OK.Render("✓ looks right"))
	}
	if focused {
		fs.pinnedLines = len(out)
		switch {
		case ff.replacing:
			add(paint(st.Description, wrap("Replacing the saved value; esc restores it.", w)))
		case ff.pristine:
			add(paint(st.Description, wrap("Typing replaces the saved value; esc restores it.", w)))
		}
		if ff.f.Help != "" {
			add(paint(st.Description, wrap(ff.f.Help, w)))
		}
		if ff.notice != "" {
			add(paint(st.Warn, wrap("! "+ff.notice, w)))
		}
	}
	return out
}

// valueView draws a field's value: plain fields through the textinput,
// secrets as a fixed mask, with the kind and last four once valid.
func (fs *formScreen) valueView(ff *formField, focused bool, width int) string {
	st := fs.c.theme.Blurred
	if focused {
		st = fs.c.theme.Focused
	}
	if !fs.masked(ff) {
		if v := providers.Normalize(ff.in.Value()); !focused && v != "" {
			// A blurred textinput keeps its scroll offset and would show
			// the tail of a long key; the head (pk_test_…) is what tells
			// a person which key it is. Show what will be stored.
			return clip(v, width)
		}
		// textinput pads to its width; the padding is noise on screen.
		return strings.TrimRight(ff.in.View(), " ")
	}
	v := providers.Normalize(ff.in.Value())
	caret := ""
	if focused {
		caret = st.Caret.Render("▏")
	}
	switch {
	case v == "":
		return caret + st.Placeholder.Render(ff.f.Placeholder)
	case ff.verdict == nil || !invalid(ff.verdict):
		return secret.Mask(v) + caret
	default:
		return secretMask + caret
	}
}

func (fs *formScreen) bindings() []key.Binding {
	keys := fs.c.keys
	if fs.fields[fs.focus].replacing {
		restore := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "restore"))
		return []key.Binding{keys.Next, keys.FieldDown, restore, keys.Quit}
	}
	return keys.withNav(keys.Next, keys.FieldDown)
}
