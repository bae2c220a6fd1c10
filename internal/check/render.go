package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// jsonReport is the --json document. ok is true only when every check ran
// and none failed; interrupted is there (true) when the run was cut short.
type jsonReport struct {
	OK          bool               `json:"ok"`
	Interrupted bool               `json:"interrupted,omitempty"`
	Checks      []providers.Result `json:"checks"`
}

func writeJSON(w io.Writer, o *outcome) error {
	rs := o.results
	if rs == nil {
		rs = []providers.Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{OK: !hasFailure(rs) && !o.interrupted, Interrupted: o.interrupted, Checks: rs})
}

var symbols = map[providers.Status]string{
	providers.Pass: "✓", providers.Fail: "✗", providers.Warn: "!", providers.Skip: "-",
}

// ANSI colours, used only when the caller says the output is a terminal
// that wants them.
var colours = map[providers.Status]string{
	providers.Pass: "\x1b[32m", providers.Fail: "\x1b[31m", providers.Warn: "\x1b[33m", providers.Skip: "\x1b[2m",
}

const reset = "\x1b[0m"

// writeText prints the results grouped by provider, in the order the groups
// first appear, each with its symbol and, below a failure or warning, the
// hint indented.
func writeText(w io.Writer, o *outcome, colour bool) {
	fmt.Fprintf(w, "onboard check: %s\n", o.envPath)
	var order []providers.ID
	groups := map[providers.ID][]providers.Result{}
	for _, r := range o.results {
		if _, ok := groups[r.Provider]; !ok {
			order = append(order, r.Provider)
		}
		groups[r.Provider] = append(groups[r.Provider], r)
	}
	width := 0
	for _, r := range o.results {
		width = max(width, len([]rune(r.Name)))
	}
	for _, g := range order {
		title := o.names[g]
		if title == "" {
			title = string(g)
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, r := range groups[g] {
			sym := symbols[r.Status]
			if sym == "" {
				sym = "?"
			}
			if colour {
				sym = colours[r.Status] + sym + reset
			}
			line := fmt.Sprintf("  %s %-*s", sym, width, r.Name)
			if r.Detail != "" {
				line += "  " + oneLine(r.Detail)
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			if r.Hint != "" && (r.Status == providers.Fail || r.Status == providers.Warn) {
				fmt.Fprintf(w, "      %s\n", oneLine(r.Hint))
			}
		}
	}
	if left := leftBehind(o.results); len(left) > 0 {
		fmt.Fprintf(w, "\nMay be left behind (a cleanup failed or was cut short):\n")
		for _, l := range left {
			fmt.Fprintf(w, "  - %s\n", oneLine(l))
		}
	}
	fmt.Fprintf(w, "\n%s\n", summary(o.results, o.interrupted))
}

// leftBehind lists what the checks may have left in the services' test
// environments.
func leftBehind(rs []providers.Result) []string {
	var out []string
	for _, r := range rs {
		if r.LeftBehind != "" {
			out = append(out, r.LeftBehind)
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func summary(rs []providers.Result, interrupted bool) string {
	n := map[providers.Status]int{}
	ready := true
	production := false
	for _, r := range rs {
		n[r.Status]++
		if r.Provider == providers.Readiness {
			production = true
			if r.Status == providers.Fail {
				ready = false
			}
		}
	}
	s := fmt.Sprintf("%d passed, %d failed, %s, %d not run.", n[providers.Pass], n[providers.Fail], providers.Count(n[providers.Warn], "warning", "warnings"), n[providers.Skip])
	switch {
	case interrupted:
		s = "Interrupted before every check finished, so nothing above is proven (" + strings.TrimSuffix(s, ".") + "). Run onboard check again."
	case n[providers.Fail] > 0 && production && !ready:
		s += " Not ready for production: fix or confirm the ✗ items above."
	case n[providers.Fail] > 0:
		s += " Fix the ✗ items above, then run onboard check again."
	case production:
		s += " Ready for production."
	default:
		s += " All checks passed."
	}
	return s
}
