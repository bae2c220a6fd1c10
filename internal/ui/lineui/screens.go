package lineui

import (
	"maps"
	"strconv"
	"strings"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/steps"
)

// checklist prints the items with their full links; a confirm checklist
// asks yes or no for each.
func (u *ui) checklist(st *steps.ChecklistStep) (outcome, error) {
	s := u.flow.Session()
	if st.Intro != "" {
		u.p.line("%s", st.Intro)
	}
	items := st.Items(s)
	for i, it := range items {
		u.p.line("%d. %s", i+1, it.Title)
		if it.Detail != "" {
			u.p.line("   %s", it.Detail)
		}
		if it.URL != "" {
			u.p.line("   Link: %s", it.URL)
		}
	}
	if !st.Confirm {
		return u.enterToContinue()
	}
	answers := st.Answers(s)
	for i, it := range items {
		done, err := u.yesNo("Is "+strconv.Itoa(i+1)+" ("+it.Title+") done?", answers[i])
		if err != nil {
			return answerOutcome(err)
		}
		answers[i] = done
	}
	st.Answer(s, answers)
	return goNext, nil
}

func (u *ui) yesNo(question string, def bool) (bool, error) {
	word := "no"
	if def {
		word = "yes"
	}
	for {
		ans, err := u.ask(question+" Type y or n, or press Enter for the default: "+word+".", false)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(ans)) {
		case "":
			return def, nil
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		if err := u.refuse("the question "+strconv.Quote(question), echo(ans)+" is neither y nor n."); err != nil {
			return false, err
		}
	}
}

// form asks one field at a time, checking each as it is entered, then
// submits; a cross-field finding at submit asks that field again.
func (u *ui) form(st *steps.FormStep) (outcome, error) {
	s := u.flow.Session()
	answers := map[string]string{}
	for _, f := range st.Fields {
		answers[f.Key] = st.Initial(s, f.Key)
	}
	ask := st.Fields
	for {
		for _, f := range ask {
			v, err := u.field(st, f, answers)
			if err != nil {
				return answerOutcome(err)
			}
			answers[f.Key] = v
		}
		found := st.Submit(s, answers)
		ask = nil
		var why []string
		for _, f := range st.Fields {
			if e := found[f.Key]; e != nil && e.Severity == providers.Invalid {
				why = append(why, f.Label+": "+e.Msg)
				ask = append(ask, f)
			}
		}
		// One refusal per submit, however many fields it names: three
		// findings in one round are not three rounds.
		if len(why) > 0 {
			if err := u.refuse("the answers of "+strconv.Quote(st.Title()), strings.Join(why, "\n")); err != nil {
				return goStay, err
			}
		}
		if len(ask) == 0 {
			u.accepted("the answers of " + strconv.Quote(st.Title()))
			return goNext, nil
		}
	}
}

// field asks for one value until it is not invalid. Enter keeps the
// current value; a single "-" clears an optional one.
func (u *ui) field(st *steps.FormStep, f providers.Field, answers map[string]string) (string, error) {
	u.fieldIntro(st, f)
	cur := answers[f.Key]
	question := fieldQuestion(st, f, cur)
	for {
		ans, err := u.ask(question, f.Secret)
		if err != nil {
			return "", err
		}
		if st.PasteHolds(ans) {
			if got, ok := u.paste(st, f.Key, ans, answers); ok {
				return got, nil
			}
			continue
		}
		v, ok, err := u.settle(st, f, providers.Normalize(ans), cur, answers)
		if err != nil || ok {
			return v, err
		}
	}
}

// fieldIntro says what the field is before it is asked for.
func (u *ui) fieldIntro(st *steps.FormStep, f providers.Field) {
	u.p.line("")
	req := "optional"
	if f.Required {
		req = "required"
	}
	u.p.line("%s (%s, %s)", f.Label, f.Key, req)
	if f.Help != "" {
		u.p.line("%s", f.Help)
	}
	if f.Placeholder != "" {
		u.p.line("Example of the format: %s", f.Placeholder)
	}
	if n := st.Notice(f.Key); n != "" {
		u.p.line("Note: %s", n)
	}
}

// fieldQuestion is the prompt: what to type, what Enter keeps (masked
// when secret), and how to clear an optional value.
func fieldQuestion(st *steps.FormStep, f providers.Field, cur string) string {
	question := "Type the value"
	if f.Secret {
		question = "Type or paste the value (it is not shown)"
	}
	switch {
	case cur != "" && st.Masked(f.Key, cur):
		question += ", or press Enter to keep " + secret.Mask(cur)
	case cur != "":
		question += ", or press Enter to keep: " + cur
	}
	if cur != "" && !f.Required {
		question += " (type - to leave it empty)"
	}
	return question + ":"
}

// paste sorts a line holding several keys (KEY=… KEY=…) into every field
// it names or whose shape it has, this form's and the later ones'. It
// returns the asked field's value when the paste filled it; otherwise the
// field is asked again.
func (u *ui) paste(st *steps.FormStep, key, ans string, answers map[string]string) (string, bool) {
	s := u.flow.Session()
	r := st.Paste(s, ans)
	u.p.line("%s", r.Paste())
	for _, k := range r.Filled {
		if _, ours := answers[k]; ours {
			answers[k] = s.Values[k]
		}
	}
	if got, ok := answers[key]; ok && containsKey(r.Filled, key) {
		return got, true
	}
	return "", false
}

// settle checks one typed answer: ok when it is accepted (with any
// warning said), not ok when it was refused and is to be asked again.
func (u *ui) settle(st *steps.FormStep, f providers.Field, v, cur string, answers map[string]string) (string, bool, error) {
	switch {
	case v == "":
		v = cur
	case v == "-" && !f.Required:
		v = ""
	}
	pending := maps.Clone(answers)
	pending[f.Key] = v
	e := st.Check(u.flow.Session(), f.Key, v, pending)
	what := "the value of " + f.Key
	if e != nil && e.Severity == providers.Invalid {
		return "", false, u.refuse(what, "Not accepted: "+e.Msg)
	}
	u.accepted(what)
	if v != "" && st.Masked(f.Key, v) {
		u.p.line("Accepted: %s", secret.Mask(v))
	} else if v != "" {
		u.p.line("Accepted: %s", v)
	}
	if e != nil {
		u.p.line("Warning (accepted anyway): %s", e.Msg)
	}
	return v, true, nil
}

// choice prints numbered options; one number, or several separated by
// commas when the step takes several.
func (u *ui) choice(st *steps.ChoiceStep) (outcome, error) {
	s := u.flow.Session()
	if intro := st.IntroText(s); intro != "" {
		u.p.line("%s", intro)
	}
	opts := st.Options(s)
	if len(opts) == 1 && !st.Multi {
		// One answer only (the welcome before a first setup): nothing to
		// choose, Enter goes on.
		if o, err := u.enterToContinue(); err != nil || o != goNext {
			return o, err
		}
		return goNext, st.Apply(s, []string{opts[0].Value})
	}
	for i, o := range opts {
		line := strconv.Itoa(i+1) + ". " + o.Label
		if o.Help != "" {
			line += ": " + o.Help
		}
		u.p.line("%s", line)
	}
	shown := st.Notice(s)
	if shown != "" {
		u.p.line("Note: %s", shown)
	}
	selected := st.Selected(s)
	question := choiceQuestion(st.Multi, opts, selected)
	for {
		ans, err := u.ask(question, false)
		if err != nil {
			return answerOutcome(err)
		}
		if done, err := u.choose(st, ans, opts, selected); err != nil || !done {
			if err != nil {
				return goStay, err
			}
			continue
		}
		// The answer may bring its own remark (a shell export of it).
		if n := st.Notice(s); n != "" && n != shown {
			u.p.line("Note: %s", n)
		}
		return goNext, nil
	}
}

// choiceQuestion is the prompt: one number or several, and what Enter
// keeps.
func choiceQuestion(multi bool, opts []providers.Option, selected []string) string {
	question := "Type the number of your choice"
	if multi {
		question = "Type the numbers of your choices, separated by commas"
	}
	if len(selected) > 0 {
		question += ", or press Enter for the default: " + labels(opts, selected)
	}
	return question + "."
}

// choose applies one typed answer (empty: the default). done is false
// when it was refused and is to be asked again.
func (u *ui) choose(st *steps.ChoiceStep, ans string, opts []providers.Option, selected []string) (bool, error) {
	what := "the answer to " + strconv.Quote(st.Title())
	values := selected
	if strings.TrimSpace(ans) != "" {
		var why string
		if values, why = parseChoice(ans, opts, st.Multi); why != "" {
			return false, u.refuse(what, why)
		}
	}
	if err := st.Apply(u.flow.Session(), values); err != nil {
		return false, u.refuse(what, "Not accepted: "+err.Error())
	}
	u.accepted(what)
	return true, nil
}

func labels(opts []providers.Option, values []string) string {
	var out []string
	for _, v := range values {
		label := v
		for _, o := range opts {
			if o.Value == v {
				label = o.Label
			}
		}
		out = append(out, label)
	}
	return strings.Join(out, ", ")
}

// parseChoice reads "2" or "1, 3" into option values, or says why not.
func parseChoice(ans string, opts []providers.Option, multi bool) ([]string, string) {
	parts := strings.Split(ans, ",")
	if !multi && len(parts) > 1 {
		return nil, "Choose only one number."
	}
	var values []string
	seen := map[int]bool{}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > len(opts) {
			return nil, echo(p) + " is not one of the numbers 1 to " + strconv.Itoa(len(opts)) + "."
		}
		if !seen[n] {
			seen[n] = true
			values = append(values, opts[n-1].Value)
		}
	}
	return values, ""
}

// review prints what the write will change, values masked where secret:
// every variable, every file and every open warning.
func (u *ui) review(st *steps.ReviewStep) (outcome, error) {
	p := st.Plan(u.flow.Session())
	if p == nil {
		p = &steps.Review{}
	}
	if len(p.Changes) == 0 {
		u.p.line("No variable to change in the file.")
	}
	for _, c := range p.Changes {
		switch c.Change {
		case envfile.Added:
			u.p.line("added     %s = %s", c.Key, c.New)
		case envfile.Changed:
			u.p.line("changed   %s: %s becomes %s", c.Key, c.Old, c.New)
		case envfile.Removed:
			u.p.line("removed   %s (was %s)", c.Key, c.Old)
		default:
			u.p.line("kept      %s = %s", c.Key, c.New)
		}
	}
	if len(p.Files) == 0 {
		u.p.line("Nothing on disk changes.")
	} else {
		u.p.line("Files that change:")
		for _, f := range p.Files {
			u.p.line("  - %s", f)
		}
	}
	for _, w := range p.Warnings {
		u.p.line("Warning: %s", w)
	}
	question := "Press Enter to write the file (or type back to change something)."
	switch {
	case p.Refusal != "":
		u.p.line("Not written: %s", p.Refusal)
		question = "Type back to change your answers (Enter goes on, and nothing is written)."
	case len(p.Files) == 0:
		question = "Press Enter to go on (nothing is rewritten), or type back to change something."
	}
	if _, err := u.ask(question, false); err != nil {
		return answerOutcome(err)
	}
	return goNext, nil
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}
