package readiness

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// KeyID is one credential as the report shows it: its variable name and a
// masked form (or the plain value of a non-secret setting such as PLAID_ENV).
type KeyID struct {
	Name  string
	Shown string
}

// Report is what the Markdown report is rendered from. Rendering is a pure
// function of it, so a fixed Date gives a byte-identical file.
type Report struct {
	Date     string // YYYY-MM-DD
	EnvFile  string // as the user should recognise it, e.g. ".env"
	Keys     []KeyID
	Outcomes []Outcome
}

// The report's title and the sentence under its summary: together they
// tell a report onboard wrote from any other file (see isReport).
const (
	reportTitle = "# Production readiness"
	reportMark  = "Written by `onboard check --production`"
)

// Render writes the report as Markdown. The confirm items are task-list
// boxes with their id, which is what Parse reads back: a person may tick a
// box by hand and the next run keeps it.
func Render(r Report) []byte {
	var b bytes.Buffer
	failing := 0
	for _, o := range r.Outcomes {
		if o.Failing() {
			failing++
		}
	}
	b.WriteString(reportTitle + "\n\n")
	fmt.Fprintf(&b, "- Checked: %s\n", r.Date)
	fmt.Fprintf(&b, "- Environment file: `%s`\n", r.EnvFile)
	if failing == 0 {
		b.WriteString("- Verdict: **ready**: every required item passes or is confirmed.\n")
	} else {
		fmt.Fprintf(&b, "- Verdict: **not ready**: %s open (failing or not confirmed).\n", providers.Count(failing, "required item", "required items"))
	}
	b.WriteString("\n" + reportMark + " (or the wizard's production mode); run it again to refresh. " +
		"Boxes you tick below are kept. This file holds no secret: keys appear masked.\n")

	b.WriteString("\n## Keys checked\n\n")
	if len(r.Keys) == 0 {
		b.WriteString("No provider key was found in the environment file.\n")
	} else {
		b.WriteString("| Variable | Value (masked) |\n| --- | --- |\n")
		for _, k := range r.Keys {
			fmt.Fprintf(&b, "| `%s` | `%s` |\n", k.Name, oneLine(k.Shown))
		}
	}

	b.WriteString("\n## Automatic checks\n\n")
	for _, o := range r.Outcomes {
		if o.Item.Kind != Auto {
			continue
		}
		fmt.Fprintf(&b, "- **%s**: %s (`%s`, %s)\n", strings.ToUpper(string(o.Status)), o.Item.Title, o.Item.ID, requirement(o.Item))
		writeSub(&b, "Found", o.Detail)
		if o.Status == Fail || o.Status == Warn {
			writeSub(&b, "To do", o.Todo)
			writeSub(&b, "Why", o.Item.Why)
			writeSub(&b, "Where", o.Item.URL)
		}
	}

	b.WriteString("\n## Steps to confirm\n\n")
	b.WriteString("These cannot be read from an API. When one is done, change its `[ ]` to `[x]`, " +
		"or run `onboard check --production --confirm <id>`.\n\n")
	for _, o := range r.Outcomes {
		if o.Item.Kind != Confirm {
			continue
		}
		if o.Status == Confirmed {
			fmt.Fprintf(&b, "- [x] %s (`%s`, %s): confirmed %s\n", o.Item.Title, o.Item.ID, requirement(o.Item), o.ConfirmedOn)
		} else {
			fmt.Fprintf(&b, "- [ ] %s (`%s`, %s): **not confirmed**\n", o.Item.Title, o.Item.ID, requirement(o.Item))
		}
		writeSub(&b, "Why", o.Item.Why)
		writeSub(&b, "Where", o.Item.URL)
	}
	return b.Bytes()
}

func requirement(it Item) string {
	if it.Required {
		return "required"
	}
	return "recommended"
}

func writeSub(b *bytes.Buffer, label, text string) {
	if text = oneLine(text); text != "" {
		fmt.Fprintf(b, "  - %s: %s\n", label, text)
	}
}

// oneLine keeps a provider's message from breaking the list structure.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

var (
	confirmLine = regexp.MustCompile("^\\s*[-*] \\[([ xX])\\] .*\\(`([a-z0-9-]+)`")
	confirmDate = regexp.MustCompile(`confirmed (\d{4}-\d{2}-\d{2})\s*$`)
)

// Parse reads the confirmations recorded in an earlier report: the ticked
// boxes of the confirm items among items, mapped to the day they were
// confirmed ("" when a person ticked the box by hand and no day is written
// yet).
func Parse(md []byte, items []Item) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(string(md), "\n") {
		m := confirmLine.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m == nil || m[1] == " " {
			continue
		}
		if it, ok := Lookup(items, m[2]); !ok || it.Kind != Confirm {
			continue
		}
		day := ""
		if d := confirmDate.FindStringSubmatch(strings.TrimRight(line, "\r")); d != nil {
			day = d[1]
		}
		out[m[2]] = day
	}
	return out
}
