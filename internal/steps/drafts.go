package steps

// Drafts are what was typed into a form and not yet submitted, by form
// step ID: going back from a form keeps every answer (as huh does), and the
// form shows them again when it comes back. They live in memory only:
// nothing writes them to disk, and a front end shows a secret's draft
// masked, as it shows the secret.

// Draft is what was typed into the form when it was last left, nil when
// nothing was. The map is a copy.
func (f *FormStep) Draft(s *Session) map[string]string {
	d, ok := s.Drafts[f.id]
	if !ok {
		return nil
	}
	out := make(map[string]string, len(d))
	for k, v := range d {
		out[k] = v
	}
	return out
}

// SaveDraft keeps the form's answers as typed (not validated, not
// normalized) until the form is submitted.
func (f *FormStep) SaveDraft(s *Session, answers map[string]string) {
	if s.Drafts == nil {
		s.Drafts = map[StepID]map[string]string{}
	}
	d := make(map[string]string, len(f.Fields))
	for _, fl := range f.Fields {
		if v, ok := answers[fl.Key]; ok {
			d[fl.Key] = v
		}
	}
	s.Drafts[f.id] = d
}

// DropDraft forgets the draft: the answers were submitted, and the session
// holds them now.
func (f *FormStep) DropDraft(s *Session) { delete(s.Drafts, f.id) }

// DropDraftValues forgets what was typed for these variables in every
// form's draft: they were just set another way (a pasted block of keys
// fills the forms ahead too), and that wins.
func (s *Session) DropDraftValues(keys []string) {
	for _, d := range s.Drafts {
		for _, k := range keys {
			delete(d, k)
		}
	}
}
