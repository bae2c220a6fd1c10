package check

import (
	"fmt"
	"github.com/onboard-dev/onboard/internal/exit"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
)

// A .env others can read fails, with the command that fixes it; through
// a symlink the target's mode counts and the fix names the target.
func TestEnvReadableByOthersFails(t *testing.T) {
	s := startSims(t)
	dir := t.TempDir()
	env := filepath.Join(dir, ".env")
	writeFile(t, env, demoEnv())
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o620} {
		if err := os.Chmod(env, mode); err != nil {
			t.Fatal(err)
		}
		r := run(t, Options{Dir: dir, JSON: true, URLs: urls(s.plaidURL, s.stripeURL)})
		got := mustFind(t, decode(t, r.stdout), "env", "permissions")
		if r.code != exit.Failed || got.Status != providers.Fail || !strings.Contains(got.Hint, "chmod 600 "+env) || !strings.Contains(got.Detail, fmt.Sprintf("%04o", mode)) {
			t.Errorf("mode %04o: exit %d, %+v; want a failure naming the mode and chmod 600 %s", mode, r.code, got, env)
		}
	}
	if err := os.Chmod(env, 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls(s.plaidURL, s.stripeURL)})
	if got := mustFind(t, decode(t, r.stdout), "env", "permissions"); r.code != exit.OK || got.Status != providers.Pass {
		t.Errorf("mode 0600: exit %d, %+v", r.code, got)
	}

	// The .env is a link to a readable file elsewhere.
	other := t.TempDir()
	target := filepath.Join(other, "secrets with space.env")
	writeFile(t, target, demoEnv())
	if err := os.Chmod(target, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(other, "project")
	if err := os.Mkdir(link, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(link, ".env")); err != nil {
		t.Fatal(err)
	}
	r = run(t, Options{Dir: link, JSON: true, URLs: urls(s.plaidURL, s.stripeURL)})
	got := mustFind(t, decode(t, r.stdout), "env", "permissions")
	if got.Status != providers.Fail || !strings.Contains(got.Hint, "chmod 600 '"+target+"'") || !strings.Contains(got.Detail, target) {
		t.Errorf("symlink: %+v; want a failure that names the target and quotes it for the shell", got)
	}
}
