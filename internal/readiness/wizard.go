package readiness

import (
	"context"
	"errors"
	"fmt"
	"github.com/onboard-dev/onboard/internal/envfile"
	"path/filepath"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// Step ids of the wizard's production-mode steps.
var (
	StepChecks  = steps.StepID{Part: "readiness-checks"}
	StepConfirm = steps.StepID{Part: "readiness-confirm"}
	StepReport  = steps.StepID{Part: "readiness-report"}
)

// Section names the readiness steps' part of the walk
// (steps.Options.ExtraSection).
const Section = "Go-live"

// WizardOptions shape the production-mode steps.
type WizardOptions struct {
	// Providers is the wizard's list (for the fields shown in the report).
	Providers []providers.Provider
	// ReportPath is where the report goes; "" = next to the .env.
	ReportPath string
	// Now dates the report; nil means time.Now.
	Now func() time.Time
}

// WizardSteps are the steps the wizard adds in production mode; outside it
// they are skipped. beforeReview (steps.Options.Extra) are the automatic
// checks, which also read the earlier report so its confirmations come
// pre-ticked, and the steps a person confirms one by one. afterWrite
// (steps.Options.AfterWrite) writes the report: only once the .env is
// written, so quitting before then leaves the disk as it was, and the
// report describes the file as it is on disk.
func WizardSteps(o WizardOptions) (beforeReview, afterWrite []steps.Step) {
	if o.Now == nil {
		o.Now = time.Now
	}
	notProduction := func(s *steps.Session) bool { return s.Mode != steps.Production }
	checks := steps.NewTask(StepChecks, "Production readiness: automatic checks",
		"What onboard can tell on its own: live keys, no test keys left, git protection, webhooks, Connect.",
		o.checksJob, notProduction)
	// The demo's keys are test keys: what fails is what a real go-live
	// would be stopped by, shown, and the presenter goes on.
	checks.AdvisoryFn = func(s *steps.Session) string {
		if !s.Demo {
			return ""
		}
		return "A real go-live would be stopped by what failed above; the demo's keys are test keys, so it goes on."
	}
	beforeReview = []steps.Step{
		checks,
		steps.NewChecklist(StepConfirm, "Production readiness: steps only you can confirm",
			"No API can tell these. Mark each one you have done; they are kept in the report, written after the .env.",
			true, o.confirmItems, notProduction),
	}
	report := steps.NewTask(StepReport, "Production readiness: report",
		"Writing the readiness report (no secrets in it, keys masked).",
		o.reportJob, notProduction)
	report.WillWrite = func(s *steps.Session) string {
		return o.reportPath(s) + ": the production-readiness report (no secrets; keys masked)"
	}
	afterWrite = []steps.Step{report}
	return beforeReview, afterWrite
}

// chosenSpecs are the specs of the chosen providers, in order.
func (o WizardOptions) chosenSpecs(s *steps.Session) []*providers.Spec {
	var out []*providers.Spec
	for _, p := range o.Providers {
		if s.Chose(p.Spec().ID) {
			out = append(out, p.Spec())
		}
	}
	return out
}

// confirmCatalog is the confirm items that apply, in catalogue order; the
// checklist's answers are indexed by it.
func confirmCatalog(specs []*providers.Spec) []Item {
	var out []Item
	for _, it := range Catalog(specs) {
		if it.Kind == Confirm {
			out = append(out, it)
		}
	}
	return out
}

func (o WizardOptions) confirmItems(s *steps.Session) []providers.ChecklistItem {
	var out []providers.ChecklistItem
	for _, it := range confirmCatalog(o.chosenSpecs(s)) {
		req := "Recommended. "
		if it.Required {
			req = "Required. "
		}
		out = append(out, providers.ChecklistItem{Title: it.Title, Detail: req + it.Why, URL: it.URL})
	}
	return out
}

func (o WizardOptions) reportPath(s *steps.Session) string {
	if o.ReportPath != "" {
		return o.ReportPath
	}
	return filepath.Join(filepath.Dir(s.EnvPath), DefaultReportName)
}

// input gathers, on the UI goroutine, what evaluation needs: copies only.
func (o WizardOptions) input(s *steps.Session) Input {
	in := Input{Specs: o.chosenSpecs(s), Values: providers.Values{}, Results: map[providers.ID][]providers.Result{}, Confirmed: map[string]string{}}
	for k, v := range s.Values {
		in.Values[k] = v
	}
	for _, id := range s.Chosen {
		in.Results[id] = append([]providers.Result(nil), s.Results[steps.StepVerify(id)]...)
	}
	if g := s.Git; g != nil {
		c := *g
		if g.Fix != nil && !g.Ignored && s.GitChoice.Fixes() {
			in.FixPending = g.Fix.File
		}
		if s.GitChoice == steps.GitUntrack {
			c.Tracked = false // git rm --cached runs first, in the write
		}
		in.Git = &c
	}
	return in
}

// readEarlier reads the confirmations of an earlier report; a missing file
// is no confirmation at all.
func readEarlier(path string, items []Item) (map[string]string, error) {
	// Only a report of onboard's holds confirmations; the file may come
	// with the clone (a FIFO, a link to /dev/zero), so it is read as a
	// bounded plain file.
	if err := CheckReportPath(path); err != nil {
		var nr *NotReportError
		if errors.As(err, &nr) {
			return map[string]string{}, nil // the report step says so
		}
		return map[string]string{}, err
	}
	b, err := envfile.ReadProjectFile(path)
	if err != nil || b == nil {
		return map[string]string{}, err
	}
	return Parse(b, items), nil
}

func (o WizardOptions) checksJob(s *steps.Session) *steps.Job {
	in := o.input(s)
	path, envPath := o.reportPath(s), s.EnvPath
	items := confirmCatalog(in.Specs)
	var autos []string
	for _, it := range Catalog(in.Specs) {
		if it.Kind == Auto {
			autos = append(autos, it.Title)
		}
	}
	return &steps.Job{
		Checks: autos,
		Run: func(ctx context.Context, report providers.Report) steps.Outcome {
			earlier, err := readEarlier(path, items)
			in.Confirmed = earlier
			if g := in.Git; g != nil && g.InRepo && !g.GitMissing {
				in.History, in.HistoryNote = History(ctx, g.RepoRoot, envPath, in.Values)
			}
			var rs []providers.Result
			for _, o := range Evaluate(in) {
				if o.Item.Kind == Auto {
					r := screenResult(o)
					report(r)
					rs = append(rs, r)
				}
			}
			if err != nil {
				rs = append(rs, providers.Result{Provider: providers.Readiness, Name: "earlier report", Status: providers.Warn,
					Detail: fmt.Sprintf("%s could not be read, so earlier confirmations are not pre-ticked: %v", path, err)})
			}
			return steps.Outcome{Results: rs, Apply: func(s *steps.Session) { preTick(s, items, earlier) }}
		},
	}
}

// preTick marks the confirmations of an earlier report on the checklist,
// unless the person already answered it in this run (then their answers
// stand).
func preTick(s *steps.Session, items []Item, earlier map[string]string) {
	if _, answered := s.Confirmed[StepConfirm]; answered {
		return
	}
	done := make([]bool, len(items))
	for i, it := range items {
		_, done[i] = earlier[it.ID]
	}
	s.Confirmed[StepConfirm] = done
}

func (o WizardOptions) reportJob(s *steps.Session) *steps.Job {
	in := o.input(s)
	path := o.reportPath(s)
	items := confirmCatalog(in.Specs)
	answers := s.Confirmed[StepConfirm]
	keys := KeyIDs(chosenProviders(o.Providers, s), in.Values)
	envShown := s.EnvPath
	if rel, err := filepath.Rel(filepath.Dir(path), s.EnvPath); err == nil {
		envShown = rel
	}
	disk := s.Disk
	refresh := s.CheckCommand
	if !strings.Contains(refresh, "--production") {
		refresh += " --production"
	}
	return &steps.Job{
		Checks: []string{"report"},
		Writes: true,
		Run: func(ctx context.Context, report providers.Report) steps.Outcome {
			today := o.Now().Format("2006-01-02")
			earlier, _ := readEarlier(path, items) // unreadable: the checks step already said so
			in.Confirmed = map[string]string{}
			for i, it := range items {
				if i < len(answers) && answers[i] {
					day := earlier[it.ID]
					if day == "" {
						day = today
					}
					in.Confirmed[it.ID] = day
				}
			}
			outs := Evaluate(in)
			ready, failing := Ready(outs), 0
			for _, o := range outs {
				if o.Failing() {
					failing++
				}
			}
			r := providers.Result{Provider: providers.Readiness, Name: "report", Status: providers.Pass, Detail: path + ": ready for production."}
			if !ready {
				r.Status = providers.Warn
				r.Detail = fmt.Sprintf("%s: not ready yet, %s open.", path, providers.Count(failing, "required item", "required items"))
				r.Hint = "The report lists what to do for each; " + refresh + " refreshes it."
			}
			if err := WriteReport(path, Report{Date: today, EnvFile: envShown, Keys: keys, Outcomes: outs}); err != nil {
				r.Status, r.Detail, r.Hint = providers.Fail, fmt.Sprintf("%s could not be written: %v", path, err),
					"Check the directory's permissions, then retry."
				var nr *NotReportError
				if errors.As(err, &nr) {
					r.Detail, r.Hint = "The report was not written: "+err.Error()+".", nr.Do()
				}
			} else {
				disk.Add("wrote the readiness report " + path)
			}
			report(r)
			if r.Status == providers.Fail {
				return steps.Results([]providers.Result{r})
			}
			note := notePrefix + path + ": ready."
			if !ready {
				note = fmt.Sprintf("%s%s: not ready yet (%s open).", notePrefix, path, providers.Count(failing, "required item", "required items"))
			}
			return steps.Outcome{Results: []providers.Result{r}, Apply: func(s *steps.Session) { replaceNote(s, note) }}
		},
	}
}

// replaceNote puts the closing note about the report in place of an earlier
// one (a re-run of the step).
func replaceNote(s *steps.Session, note string) {
	kept := s.Notes[:0]
	for _, n := range s.Notes {
		if !strings.HasPrefix(n, notePrefix) {
			kept = append(kept, n)
		}
	}
	s.Notes = append(kept, note)
}

// notePrefix marks the wizard's closing note about the report, so a re-run
// of the step replaces it instead of adding another.
const notePrefix = "Production readiness report: "

func chosenProviders(all []providers.Provider, s *steps.Session) []providers.Provider {
	var out []providers.Provider
	for _, p := range all {
		if s.Chose(p.Spec().ID) {
			out = append(out, p)
		}
	}
	return out
}

// screenResult is an automatic item's result as the wizard shows it: named
// by its title, which a person reads, rather than by the id that `check
// --json` and the report use as a stable key.
func screenResult(o Outcome) providers.Result {
	r := Results([]Outcome{o})[0]
	r.Name, r.Detail = o.Item.Title, o.Detail
	return r
}
