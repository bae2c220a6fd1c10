package readiness

import (
	"strings"
	"testing"
)

// The wizard applies an accepted .gitignore fix in its write step, after the
// readiness checks: an accepted fix counts as protection, a declined one not.
func TestEnvProtectedCountsAnAcceptedFix(t *testing.T) {
	base := GitFacts{Checked: true, InRepo: true, Problems: []string{"No ignore rule covers .env."}}
	if o := envProtected(Input{Git: base}); o.Status != Fail {
		t.Fatalf("unignored, no fix: %s", o.Status)
	}
	accepted := base
	accepted.FixPending, accepted.FixFile = true, "/p/.gitignore"
	if o := envProtected(Input{Git: accepted}); o.Status != Pass || !strings.Contains(o.Detail, "/p/.gitignore") {
		t.Fatalf("accepted fix: %s %q", o.Status, o.Detail)
	}
	tracked := accepted
	tracked.Tracked = true
	if o := envProtected(Input{Git: tracked}); o.Status != Fail {
		t.Fatalf("a tracked file is not protected by an ignore rule: %s", o.Status)
	}
}
