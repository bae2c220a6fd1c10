package steps

import (
	"regexp"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// PasteResult says what a pasted block of keys did. It names variables,
// never a value.
type PasteResult struct {
	// Filled are the variables the paste filled, in the order found.
	Filled []string
	// Refused are variables the paste named whose value their field does
	// not take (a secret where a public value belongs, a wrong format).
	Refused []string
	// Unplaced counts the values no field recognised.
	Unplaced int
}

// PasteHolds reports whether the text is a block of keys rather than one
// answer: it has several lines, names a variable (KEY=…), or holds more
// than one value some field recognises. A single value, or words no field
// recognises, are typed into the field as usual.
func (f *FormStep) PasteHolds(text string) bool {
	lines := pasteLines(text)
	switch {
	case len(lines) == 0:
		return false
	case len(lines) > 1:
		return true
	}
	if _, _, named := splitAssignment(lines[0]); named {
		return true
	}
	known := 0
	for _, tok := range tokens(lines[0]) {
		for _, p := range f.all {
			for _, fl := range p.Fields() {
				if fl.Recognize != nil && fl.Recognize(providers.Normalize(tok)) {
					known++
				}
			}
		}
	}
	return known > 1
}

// Paste sorts a block of keys someone shared (a snippet of their .env, a
// password manager's note, `export X=…` lines, a single line of several
// keys) into every provider's fields: by variable name where the text
// names them, by shape otherwise (the fields' Recognize). A secret never
// goes into a public field, a value a field refuses is left out, and
// nothing is echoed. Filled values go into the session, so the forms still
// ahead start with them.
func (f *FormStep) Paste(s *Session, text string) PasteResult {
	p := newPaster(f, s)
	var bare []string
	for _, line := range pasteLines(text) {
		bare = append(bare, p.byName(line)...)
	}
	for _, v := range bare {
		p.byShape(v)
	}
	return p.r
}

// paster is one paste being sorted into the fields.
type paster struct {
	f      *FormStep
	s      *Session
	fields map[string]providers.Field // by variable name
	order  []providers.Field          // the order shapes are tried in
	alias  map[string]string          // a public name (NEXT_PUBLIC_…) → its variable
	filled map[string]bool
	r      PasteResult
}

func newPaster(f *FormStep, s *Session) *paster {
	p := &paster{f: f, s: s, fields: map[string]providers.Field{}, alias: map[string]string{}, filled: map[string]bool{}}
	for _, pr := range f.all {
		for _, fl := range pr.Fields() {
			if fl.IsSetting() && len(fl.Options) > 0 {
				continue // a choice is answered on its own screen
			}
			p.fields[fl.Key] = fl
			p.order = append(p.order, fl)
		}
	}
	for k, n := range s.Names {
		p.alias[n] = k
	}
	return p
}

// byName places a NAME=value line in the field it names; it returns the
// values left to place by shape (a line without a name, or a name no field
// has, such as "keys:").
func (p *paster) byName(line string) []string {
	name, value, named := splitAssignment(line)
	if !named {
		return tokens(line)
	}
	if k, ok := p.alias[name]; ok {
		name = k
	}
	fl, known := p.fields[name]
	switch {
	case !known:
		return tokens(value)
	case p.filled[name]:
	case !p.place(fl, value):
		p.r.Refused = append(p.r.Refused, name)
	}
	return nil
}

// byShape places a bare value in the one unfilled field that recognises
// it; none or several is a value left alone.
func (p *paster) byShape(v string) {
	v = providers.Normalize(v)
	if v == "" {
		return
	}
	var fit []providers.Field
	for _, fl := range p.order {
		if fl.Recognize != nil && fl.Recognize(v) && !p.filled[fl.Key] {
			fit = append(fit, fl)
		}
	}
	if len(fit) != 1 || !p.place(fit[0], v) {
		p.r.Unplaced++
	}
}

// place puts v into fl unless it is a secret and fl is public, or fl
// refuses it.
func (p *paster) place(fl providers.Field, v string) bool {
	if !fl.Secret && providers.LooksSecret(p.f.all, v) {
		return false
	}
	all := p.s.Snapshot()
	all[fl.Key] = v
	if e := fl.Check(v, all); e != nil && e.Severity == providers.Invalid {
		return false
	}
	p.s.Values[fl.Key] = v
	p.filled[fl.Key] = true
	p.r.Filled = append(p.r.Filled, fl.Key)
	return true
}

// tokens splits a run of values at blanks and commas.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(c rune) bool { return c == ' ' || c == '\t' || c == ',' || c == ';' })
}

// pasteLines are the text's non-empty lines, comments dropped.
func pasteLines(text string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(text, func(c rune) bool { return c == '\n' || c == '\r' }) {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "//") {
			continue
		}
		// A line of several KEY=value pairs is several lines.
		if parts := strings.Fields(l); len(parts) > 1 && allAssignments(parts) {
			out = append(out, parts...)
			continue
		}
		out = append(out, l)
	}
	return out
}

func allAssignments(parts []string) bool {
	for _, p := range parts {
		if _, _, ok := splitAssignment(p); !ok {
			return false
		}
	}
	return true
}

// assignment reads KEY=value, export KEY=value, KEY: value and the JSON
// or YAML forms "KEY": "value", (a trailing comma, quotes around either).
var assignment = regexp.MustCompile(`^(?:export\s+|set\s+)?["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*(?:=|:\s|:$)\s*(.*?)\s*,?$`)

func splitAssignment(line string) (name, value string, ok bool) {
	m := assignment.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return "", "", false
	}
	return m[1], providers.Normalize(m[2]), true
}

// Paste says, for a screen, what a paste did: "Filled 3 fields from the
// paste: A, B, C." and what it left out, never a value.
func (r PasteResult) Paste() string {
	var parts []string
	if n := len(r.Filled); n > 0 {
		parts = append(parts, "Filled "+providers.Count(n, "field", "fields")+" from the paste: "+strings.Join(r.Filled, ", ")+".")
	}
	if len(r.Refused) > 0 {
		parts = append(parts, "Left out "+strings.Join(r.Refused, ", ")+": the value is not one that field takes.")
	}
	if r.Unplaced > 0 {
		parts = append(parts, providers.Count(r.Unplaced, "value matched no field and was", "values matched no field and were")+" left out.")
	}
	if len(parts) == 0 {
		return "Nothing in the paste matched a field."
	}
	return strings.Join(parts, " ")
}
