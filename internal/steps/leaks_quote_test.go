package steps

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/scan"
)

// The git step names where a key of this setup was committed: that path
// is the repository's, shown quoted when it holds terminal controls.
func TestLeakTextQuotesThePath(t *testing.T) {
	k := scan.Key{EnvVar: "STRIPE_SECRET_KEY", Masked: "sk_test_…1234",
		Places: []scan.Finding{{Path: "src/\x1b[2Jconfig.js", Commit: "1a2b3c4"}}}
	got := leakText(k)
	if strings.ContainsRune(got, 0x1b) || !strings.Contains(got, `"src/\x1b[2Jconfig.js"`) {
		t.Errorf("leakText = %q", got)
	}
}
