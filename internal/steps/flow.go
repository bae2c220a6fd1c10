package steps

// Flow walks the steps in order, leaving out skipped ones, and remembers
// the way it came so Back retraces it.
type Flow struct {
	steps []Step
	// sections names the part of the walk each step belongs to (by index).
	sections []string
	cur      int
	history  []int // indexes of the steps shown before the current one, in order
	s        *Session
}

// Session is the collected state.
func (f *Flow) Session() *Session { return f.s }

// Steps are all the steps, skipped ones included, in order.
func (f *Flow) Steps() []Step { return f.steps }

// Current is the step to show.
func (f *Flow) Current() Step { return f.steps[f.cur] }

// Next moves to the next step that is neither skipped nor answered by the
// team file, and returns it; at the last step it stays there and returns
// nil.
func (f *Flow) Next() Step {
	for i := f.cur + 1; i < len(f.steps); i++ {
		if st := f.steps[i]; !f.skipped(st) && !st.Answered(f.s) {
			f.history = append(f.history, f.cur)
			f.cur = i
			return st
		}
	}
	return nil
}

// CanBack reports whether Back would move: not once the file is written,
// and never onto a task (a task is re-run by going forward again).
func (f *Flow) CanBack() bool { return f.backTarget() >= 0 }

// backTarget is the step Back goes to: the nearest earlier one that was
// shown, or that the team file answered (going back is how a teammate
// changes a team choice), and that still applies; -1 if none.
func (f *Flow) backTarget() int {
	if f.s.Written != nil {
		return -1
	}
	shown := make(map[int]bool, len(f.history))
	for _, i := range f.history {
		shown[i] = true
	}
	for i := f.cur - 1; i >= 0; i-- {
		st := f.steps[i]
		if st.Kind() == KindTask || f.skipped(st) {
			continue
		}
		if shown[i] || st.Answered(f.s) {
			return i
		}
	}
	return -1
}

// Back returns to the previous step shown (tasks excepted), or to one the
// team file answered, which is then shown from now on; it reports whether
// it moved.
func (f *Flow) Back() bool {
	i := f.backTarget()
	if i < 0 {
		return false
	}
	f.s.Opened[f.steps[i].ID()] = true
	f.cur = i
	kept := f.history[:0]
	for _, h := range f.history {
		if h < i {
			kept = append(kept, h)
		}
	}
	f.history = kept
	return true
}

// BackTo returns to the step with this ID if it was shown before (a task's
// "edit keys"), and reports whether it moved.
func (f *Flow) BackTo(id StepID) bool {
	if f.s.Written != nil {
		return false
	}
	for i := len(f.history) - 1; i >= 0; i-- {
		if f.steps[f.history[i]].ID() == id {
			f.cur = f.history[i]
			f.history = f.history[:i]
			return true
		}
	}
	return false
}

// Section is one part of the walk as the header lists it: the start, a
// provider, the go-live checks, saving, the end.
type Section struct {
	Name    string
	Done    bool // passed on the way here
	Current bool
}

// Sections are the parts of the walk for the answers so far: those passed,
// the current one, those ahead, in order. Unlike a step count they promise
// no number that a later answer breaks: a part comes or goes only when an
// answer adds or removes it (ticking a service). A step already shown keeps
// its part listed even when a later answer skips it.
func (f *Flow) Sections() []Section {
	shown := make(map[int]bool, len(f.history))
	for _, i := range f.history {
		shown[i] = true
	}
	var out []Section
	current := -1
	for i, st := range f.steps {
		ahead := i > f.cur && !f.skipped(st) && !st.Answered(f.s)
		if i != f.cur && !shown[i] && !ahead {
			continue
		}
		if n := len(out); n == 0 || out[n-1].Name != f.sections[i] {
			out = append(out, Section{Name: f.sections[i]})
		}
		if i == f.cur {
			current = len(out) - 1
			out[current].Current = true
		}
	}
	for i := 0; i < current; i++ {
		out[i].Done = true
	}
	return out
}

// skipped: the step's own rule, or the flow took a path that leaves it out:
// halted before the write (only the end is left), or re-verifying (only the
// checks and the end).
func (f *Flow) skipped(st Step) bool {
	switch {
	case f.s.Halt != "" && st.Kind() != KindDone:
		return true
	case f.s.Reverify && st.ID() != StepWelcome && st.ID() != StepReverify && st.Kind() != KindDone:
		return true
	}
	return st.Skip(f.s)
}

// Find returns the step with this ID, or nil.
func (f *Flow) Find(id StepID) Step {
	for _, st := range f.steps {
		if st.ID() == id {
			return st
		}
	}
	return nil
}
