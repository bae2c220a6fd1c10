package readiness

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/scan"
)

// A committed path is the repository's name: its terminal controls are
// shown quoted in the item's detail, never passed on.
func TestNoKeyInHistoryQuotesThePath(t *testing.T) {
	path := "a\x1b]52;c;cGF5bG9hZA==\x07b.js"
	h := &scan.Report{Findings: []scan.Finding{{Kind: "stripe_secret", Masked: "sk_test_…1234", Fingerprint: "f", Path: path, Commit: "1a2b3c4"}}}
	d := noKeyInHistory(Input{History: h}).Detail
	if strings.ContainsAny(d, "\x1b\x07") || !strings.Contains(d, `"a\x1b]52;c;cGF5bG9hZA==\ab.js"`) {
		t.Errorf("detail: %q", d)
	}
}
