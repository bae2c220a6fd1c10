package readiness

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/envfile"
)

// The wizard applies an accepted .gitignore fix in its write step, after the
// readiness checks: an accepted fix counts as protection, a declined one not.
func TestEnvProtectedCountsAnAcceptedFix(t *testing.T) {
	git := &envfile.Protection{InRepo: true, RelPath: ".env", RepoRoot: "/p"}
	if o := envProtected(Input{Git: git}); o.Status != "fail" {
		t.Fatalf("unignored, no fix: %s", o.Status)
	}
	if o := envProtected(Input{Git: git, FixPending: "/p/.gitignore"}); o.Status != "pass" || !strings.Contains(o.Detail, "/p/.gitignore") {
		t.Fatalf("accepted fix: %s %q", o.Status, o.Detail)
	}
	tracked := *git
	tracked.Tracked = true
	if o := envProtected(Input{Git: &tracked, FixPending: "/p/.gitignore"}); o.Status != "fail" {
		t.Fatalf("a tracked file is not protected by an ignore rule: %s", o.Status)
	}
}
