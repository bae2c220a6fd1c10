package steps

// Flow walks the steps in order, leaving out skipped ones, and remembers
// the way it came so Back retraces it.
type Flow struct {
	steps   []Step
	cur     int
	history []int
	s       *Session
}

// Session is the collected state.
func (f *Flow) Session() *Session { return f.s }

// Steps are all the steps, skipped ones included, in order.
func (f *Flow) Steps() []Step { return f.steps }

// Current is the step to show.
func (f *Flow) Current() Step { return f.steps[f.cur] }

// Next moves to the next step that is not skipped for the answers so far
// and returns it; at the last step it stays there and returns nil.
func (f *Flow) Next() Step {
	for i := f.cur + 1; i < len(f.steps); i++ {
		if !f.skipped(f.steps[i]) {
			f.history = append(f.history, f.cur)
			f.cur = i
			return f.steps[i]
		}
	}
	return nil
}

// CanBack reports whether Back would move: not once the file is written,
// and never onto a task (a task is re-run by going forward again).
func (f *Flow) CanBack() bool { return f.backTarget() >= 0 }

func (f *Flow) backTarget() int {
	if f.s.Written != nil {
		return -1
	}
	for i := len(f.history) - 1; i >= 0; i-- {
		st := f.steps[f.history[i]]
		if st.Kind() != KindTask && !st.Skip(f.s) {
			return i
		}
	}
	return -1
}

// Back returns to the previous step shown (tasks excepted) and reports
// whether it moved.
func (f *Flow) Back() bool {
	i := f.backTarget()
	if i < 0 {
		return false
	}
	f.cur = f.history[i]
	f.history = f.history[:i]
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
		if !f.skipped(st) {
			total++
		}
	}
	return n, total
}

// skipped: the step's own rule, or the flow was halted (Session.Halt) and
// only the end is left.
func (f *Flow) skipped(st Step) bool {
	if f.s.Halt != "" && st.Kind() != KindDone {
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
