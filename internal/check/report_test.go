package check

import (
	"github.com/onboard-dev/onboard/internal/exit"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
)

// --report naming anything but a report is a usage error, and the file is
// left as it was: the .env being checked, the .gitignore, a link.
func TestReportNeverReplacesAnotherFile(t *testing.T) {
	dir := newRepo(t)
	env := filepath.Join(dir, ".env")
	writeFile(t, env, demoEnv())
	s := startSims(t)
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(filepath.Join(t.TempDir(), "elsewhere.md"), link); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{env, filepath.Join(dir, ".gitignore"), link, dir} {
		before, _ := os.ReadFile(target)
		r := run(t, Options{Dir: dir, Production: true, ReportPath: target, URLs: urls(s.plaidURL, s.stripeURL)})
		if r.code != exit.Usage || r.stdout != "" || !strings.Contains(r.stderr, "not a readiness report") || !strings.Contains(r.stderr, "--report FILE") {
			t.Errorf("--report %s: exit %d, stderr %q; want exit 2 saying it is not a report and what to do", target, r.code, r.stderr)
		}
		if after, _ := os.ReadFile(target); string(after) != string(before) {
			t.Errorf("--report %s: the file was changed", target)
		}
	}
	if _, err := os.Lstat(filepath.Join(filepath.Dir(link), "elsewhere.md")); err == nil {
		t.Error("the link was followed")
	}

	// The default place holds a file of the person's own: a failed check,
	// and the file is kept.
	mine := filepath.Join(dir, "onboard-readiness.md")
	writeFile(t, mine, "my notes\n")
	r := run(t, Options{Dir: dir, JSON: true, Production: true, URLs: urls(s.plaidURL, s.stripeURL)})
	got := mustFind(t, decode(t, r.stdout), "readiness", "report")
	if got.Status != providers.Fail || !strings.Contains(got.Hint, "Move") {
		t.Errorf("%+v, want a failure that says what to do", got)
	}
	if b, _ := os.ReadFile(mine); string(b) != "my notes\n" {
		t.Error("the person's file was replaced")
	}
}
