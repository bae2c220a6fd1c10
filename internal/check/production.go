package check

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/readiness"
)

// productionReadiness judges the readiness checklist, writes the Markdown
// report and adds the items to the results (provider "readiness").
func productionReadiness(opts Options, envPath string, values providers.Values, used []providers.Provider,
	byProvider map[string][]providers.Result, facts readiness.GitFacts, out *outcome) {
	reportPath := opts.ReportPath
	if reportPath == "" {
		reportPath = filepath.Join(filepath.Dir(envPath), readiness.DefaultReportName)
	}
	today := opts.Now().Format("2006-01-02")

	earlier := map[string]string{}
	if b, err := os.ReadFile(reportPath); err == nil {
		earlier = readiness.Parse(b)
	} else if !os.IsNotExist(err) {
		out.add(providers.Result{Provider: readiness.ProviderName, Name: "earlier report", Status: providers.Warn,
			Detail: fmt.Sprintf("%s could not be read, so its confirmations were not kept: %v", reportPath, err),
			Hint:   "Check the file's permissions, or confirm the items again with --confirm."})
	}

	in := readiness.Input{
		Values:    values,
		Use:       readiness.UseOf(used),
		Git:       facts,
		Results:   byProvider,
		Confirmed: readiness.MergeConfirmations(earlier, opts.Confirm, today),
	}
	outs := readiness.Evaluate(in)
	out.add(readiness.Results(outs)...)

	shownEnv := envPath
	if rel, err := filepath.Rel(filepath.Dir(reportPath), envPath); err == nil {
		shownEnv = rel // the report travels with the project; no home directory in it
	}
	rep := readiness.Report{Date: today, EnvFile: shownEnv, Keys: readiness.KeyIDs(used, values), Outcomes: outs}
	if err := readiness.WriteReport(reportPath, rep); err != nil {
		out.add(providers.Result{Provider: readiness.ProviderName, Name: "report", Status: providers.Fail,
			Detail: fmt.Sprintf("The report could not be written to %s: %v", reportPath, err),
			Hint:   "Choose a writable place with --report FILE."})
		return
	}
	out.add(providers.Result{Provider: readiness.ProviderName, Name: "report", Status: providers.Pass,
		Detail: "Written to " + reportPath + "."})
}
