package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/onboard-dev/onboard/internal/demo"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// TestDemoWalkWithEnterOnly is the presenter's walk: the simulators, the
// real envfile and real git, and nothing pressed but Enter.
func TestDemoWalkWithEnterOnly(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	lazy := &demo.Lazy{}
	t.Cleanup(func() { _ = lazy.Close() })
	flow := steps.New(steps.Options{
		Providers: lazy.Providers(),
		Store:     steps.NewEnvStore(),
		Dir:       dir,
		Demo:      true,
		Prefill:   demo.Values(),
		Setup:     func(ctx context.Context) error { return demo.InitRepo(ctx, dir) },
		LookupEnv: func(string) (string, bool) { return "", false },
	})
	tm, m := startModel(t, flow)
	waitText(t, tm, "Press Enter to continue")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if time.Now().After(deadline) {
			t.Fatalf("the walk did not finish; last frame:\n%s", frame(t, tm))
		}
		f := frame(t, tm)
		for _, k := range []string{"PLAID_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"} {
			if strings.Contains(f, demo.Values()[k]) {
				t.Fatalf("the full %s is on screen", k)
			}
		}
		switch {
		case strings.Contains(f, "Something failed"):
			t.Fatalf("a check failed in the demo:\n%s", f)
		case strings.Contains(f, "Working"):
			time.Sleep(10 * time.Millisecond)
			continue
		case strings.Contains(f, "Press Enter to finish"):
			press(tm, "enter")
			tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
			checkDemoEnv(t, dir)
			if !m.Finished() {
				t.Fatal("the model does not say it finished")
			}
			return
		}
		press(tm, "enter")
	}
}

func checkDemoEnv(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, ".env")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf(".env mode %v, want 0600", st.Mode().Perm())
	}
	vals, _, _, err := steps.NewEnvStore().Read(path)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range demo.Values() {
		if vals[k] != want {
			t.Errorf("%s = %s, want the demo value %s", k, providers.Values{k: vals[k]}, providers.Values{k: want})
		}
	}
	if err := exec.Command("git", "-C", dir, "check-ignore", "-q", ".env").Run(); err != nil {
		t.Error("git does not ignore the written .env")
	}
}
