package check

import (
	"context"
	"errors"
	"fmt"
	"github.com/onboard-dev/onboard/internal/envfile"
	"path/filepath"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/readiness"
)

// productionReadiness judges the readiness checklist, writes the Markdown
// report and adds the items to the results (provider "readiness").
func productionReadiness(ctx context.Context, opts Options, envPath string, values providers.Values, used []providers.Provider,
	byProvider map[providers.ID][]providers.Result, git gitFound, out *outcome) {
	specs := make([]*providers.Spec, len(used))
	for i, p := range used {
		specs[i] = p.Spec()
	}
	reportPath := opts.ReportPath
	if reportPath == "" {
		reportPath = filepath.Join(filepath.Dir(envPath), readiness.DefaultReportName)
	}
	today := opts.Now().Format("2006-01-02")

	earlier := map[string]string{}
	// A file that is not a report holds no confirmations; WriteReport below
	// leaves it alone and says so.
	var notReport *readiness.NotReportError
	ours := !errors.As(readiness.CheckReportPath(reportPath), &notReport)
	if b, err := envfile.ReadProjectFile(reportPath); ours && err == nil {
		earlier = readiness.Parse(b, readiness.Catalog(specs))
	} else if ours && err != nil {
		out.add(providers.Result{Provider: providers.Readiness, Name: "earlier report", Status: providers.Warn,
			Detail: fmt.Sprintf("%s could not be read, so its confirmations were not kept: %v", reportPath, err),
			Hint:   "Check the file's permissions, or confirm the items again with --confirm."})
	}

	in := readiness.Input{
		Specs:     specs,
		Values:    values,
		Git:       git.state,
		Results:   byProvider,
		Confirmed: readiness.MergeConfirmations(earlier, opts.Confirm, today),
	}
	if git.err != nil {
		in.GitNote = git.err.Error()
	}
	if g := git.state; g != nil && g.InRepo && !g.GitMissing {
		in.History, in.HistoryNote = readiness.History(ctx, g.RepoRoot, envPath, values)
	}
	if ctx.Err() != nil {
		// Interrupted during the history search: this run proves nothing,
		// and its report would replace the last real one.
		return
	}
	outs := readiness.Evaluate(in)
	out.add(readiness.Results(outs)...)

	shownEnv := envPath
	if rel, err := filepath.Rel(filepath.Dir(reportPath), envPath); err == nil {
		shownEnv = rel // the report travels with the project; no home directory in it
	}
	rep := readiness.Report{Date: today, EnvFile: shownEnv, Keys: readiness.KeyIDs(used, values), Outcomes: outs}
	if err := readiness.WriteReport(reportPath, rep); err != nil {
		res := providers.Result{Provider: providers.Readiness, Name: "report", Status: providers.Fail,
			Detail: fmt.Sprintf("The report could not be written to %s: %v", reportPath, err),
			Hint:   "Choose a writable place with --report FILE."}
		if errors.As(err, &notReport) {
			res.Detail, res.Hint = "The report was not written: "+err.Error()+".", notReport.Do()
		}
		out.add(res)
		return
	}
	out.add(providers.Result{Provider: providers.Readiness, Name: "report", Status: providers.Pass,
		Detail: "Written to " + reportPath + "."})
}
