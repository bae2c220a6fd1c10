package bench

import (
	"fmt"
	"io"
	"strings"
)

// Row is one line of the bench table: what was measured, the figure, the
// target it is held to ("" = none) and whether it holds.
type Row struct {
	Measure, Result, Target string
	Met                     *bool // nil = no target
}

// Holds is a Met value.
func Holds(ok bool) *bool { return &ok }

// TableHeader is the header of the table every helper prints rows of.
const TableHeader = "| Measure | Result | Target | Met |\n|---|---|---|---|\n"

// Print writes r as a Markdown table row.
func (r Row) Print(w io.Writer) {
	met := ""
	if r.Met != nil {
		met = "no"
		if *r.Met {
			met = "yes"
		}
	}
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	fmt.Fprintf(w, "| %s | %s | %s | %s |\n", cell(r.Measure), cell(r.Result), cell(r.Target), met)
}
