package steps

// Flow walks the steps in order, leaving out skipped ones, and remembers
// the way it came so Back retraces it.
type Flow struct {
	steps   []Step
	cur     int
	history []int // indexes of the steps shown before the current one, in order
	s       *Session
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

// Position is the current step's number (from 1) and the number of steps
// for the answers so far: the steps shown on the way here, then those still
// ahead. A step already shown stays counted even when a later answer skips
// it (the .gitignore fix, once applied), so the number only moves forward
// as the person does.
func (f *Flow) Position() (n, total int) {
	n = len(f.history) + 1
	total = n
	for _, st := range f.steps[f.cur+1:] {
		if !f.skipped(st) && !st.Answered(f.s) {
			total++
		}
	}
	return n, total
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
