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
