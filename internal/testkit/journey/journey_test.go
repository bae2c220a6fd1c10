package journey

import "testing"

func TestTitleIsTheFirstLineWithoutTheProgramName(t *testing.T) {
	for screen, want := range map[string]string{
		"\n  onboard · Plaid: keys\n● Start  ○ Plaid\n": "Plaid: keys",
		"Wrote /tmp/app/.env (mode 0600).\nLoad it":     "Wrote /tmp/app/.env (mode 0600).",
		"\n\n": "(blank screen)",
	} {
		if got := Title(screen); got != want {
			t.Errorf("Title(%q) = %q, want %q", screen, got, want)
		}
	}
}

func TestBusyAndFailed(t *testing.T) {
	if !Busy("⣾ Working… (esc cancels)") || Busy("All checks passed.") {
		t.Error("Busy misreads the task screen")
	}
	if !FailedJob("Something failed.\nEnter or r retries.") || FailedJob("All checks passed.") {
		t.Error("FailedJob misreads the task screen")
	}
}
