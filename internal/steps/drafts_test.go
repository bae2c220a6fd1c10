package steps_test

import (
	"testing"

	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
)

// A draft is kept per form, as typed, is a copy both ways, holds only the
// form's own fields, and is gone once the form is submitted.
func TestDrafts(t *testing.T) {
	f := newTestFlow(t, &stepstest.Store{Root: "/proj"}, nil)
	s := f.Session()
	var form *steps.FormStep
	for _, st := range f.Steps() {
		if fs, ok := st.(*steps.FormStep); ok {
			form = fs
			break
		}
	}
	if form == nil {
		t.Fatal("no form in the flow")
	}
	if form.Draft(s) != nil {
		t.Fatal("a draft before anything was typed")
	}
	typed := map[string]string{"NOT_A_FIELD": "x"}
	for _, fl := range form.Fields {
		typed[fl.Key] = "  typed " + fl.Key
	}
	form.SaveDraft(s, typed)
	typed[form.Fields[0].Key] = "changed after saving"
	d := form.Draft(s)
	if d[form.Fields[0].Key] != "  typed "+form.Fields[0].Key {
		t.Fatalf("the draft is not what was typed, as typed: %q", d[form.Fields[0].Key])
	}
	if _, ok := d["NOT_A_FIELD"]; ok {
		t.Fatal("the draft holds a key that is not the form's")
	}
	d[form.Fields[0].Key] = "changed in the copy"
	if form.Draft(s)[form.Fields[0].Key] == "changed in the copy" {
		t.Fatal("Draft hands out the stored map")
	}
	if _, ok := s.Values[form.Fields[0].Key]; ok {
		t.Fatal("a draft reached the answers")
	}
	form.DropDraft(s)
	if form.Draft(s) != nil {
		t.Fatal("the draft outlived DropDraft")
	}
}

// A value set another way (a pasted block of keys) wins over the same
// variable's draft in any form; the draft's other answers stay.
func TestDropDraftValues(t *testing.T) {
	f := newTestFlow(t, &stepstest.Store{Root: "/proj"}, nil)
	s := f.Session()
	var forms []*steps.FormStep
	for _, st := range f.Steps() {
		if fs, ok := st.(*steps.FormStep); ok && len(fs.Fields) > 1 {
			forms = append(forms, fs)
		}
	}
	if len(forms) == 0 {
		t.Fatal("no form with two fields")
	}
	form := forms[0]
	a, b := form.Fields[0].Key, form.Fields[1].Key
	form.SaveDraft(s, map[string]string{a: "typed a", b: "typed b"})
	s.DropDraftValues([]string{a, "SOMETHING_ELSE"})
	d := form.Draft(s)
	if _, ok := d[a]; ok || d[b] != "typed b" {
		t.Fatalf("draft after dropping %s: %v", a, d)
	}
}
