package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
)

// frame reads the current frame from the running program.
func frame(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	ch := make(chan string, 1)
	tm.Send(snapshotMsg(ch))
	select {
	case f := <-ch:
		return f
	case <-time.After(5 * time.Second):
		t.Fatal("no frame")
		return ""
	}
}

func goldenFrame(t *testing.T, tm *teatest.TestModel, name string) string {
	t.Helper()
	f := frame(t, tm)
	if strings.Contains(f, fakeSecret) {
		t.Fatalf("%s shows the full secret", name)
	}
	t.Run(name, func(t *testing.T) { golden.RequireEqual(t, []byte(f)) })
	return f
}

// TestScreens walks the flow with a fake provider and keeps a golden frame
// of every kind of screen at 80x24.
func TestScreens(t *testing.T) {
	// A .env is there already, so the review and the end show what
	// happens to existing lines and where the previous file went.
	store := &stepstest.Store{Root: "/project", Git: gitUnignored(),
		Files: map[string]providers.Values{"/project/.env": {"DATABASE_URL": "postgres://localhost/app"}}}
	flow := newTestFlow(store, nil)
	tm, _ := startModel(t, flow)

	waitText(t, tm, "Press Enter to continue")
	goldenFrame(t, tm, "welcome")
	press(tm, "enter")
	waitText(t, tm, "Which services")
	goldenFrame(t, tm, "choice-multi")
	press(tm, "enter")
	waitText(t, tm, "with warnings above")
	goldenFrame(t, tm, "task-warn")
	press(tm, "enter")
	waitText(t, tm, "Appends:")
	goldenFrame(t, tm, "choice-gitfix")
	press(tm, "enter") // the fix is applied by the write step, not now
	waitText(t, tm, "Create an Acme account")
	goldenFrame(t, tm, "checklist")
	press(tm, "enter")
	waitText(t, tm, "Fake money")
	press(tm, "enter")
	waitText(t, tm, "Account name")
	press(tm, "enter") // empty required fields: focus stays, errors shown
	waitText(t, tm, "required")
	goldenFrame(t, tm, "form-empty")
	paste(tm, "  acme-demo\n")
	press(tm, "tab")
	paste(tm, "pk_test_abcdefghijklmnop1234")
	waitText(t, tm, "publishable key")
	f := goldenFrame(t, tm, "form-wrong-key")
	if strings.Contains(f, "pk_test_abcdefghijklmnop1234") {
		t.Fatal("an invalid secret is echoed")
	}
	press(tm, "ctrl+u")
	paste(tm, "sk_test_wrongwrongwrongwrong0000")
	waitText(t, tm, "looks right")
	press(tm, "enter")
	waitText(t, tm, "Something failed")
	goldenFrame(t, tm, "task-fail")
	press(tm, "e") // edit the keys: the keys form itself, not the environment before it
	waitText(t, tm, "Account name")
	press(tm, "tab", "ctrl+u")
	paste(tm, "\t"+fakeSecret+"\n")
	waitText(t, tm, "…9876")
	goldenFrame(t, tm, "form-valid")
	press(tm, "enter")
	waitText(t, tm, "All checks passed")
	goldenFrame(t, tm, "task-pass")
	press(tm, "enter")
	waitText(t, tm, "onboard.json")
	goldenFrame(t, tm, "choice-team")
	press(tm, "enter")
	waitText(t, tm, "About to write")
	goldenFrame(t, tm, "review")
	press(tm, "enter")
	waitText(t, tm, "All checks passed")
	press(tm, "enter")
	waitText(t, tm, "Press Enter to finish")
	goldenFrame(t, tm, "done")
	press(tm, "enter")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	got, _, _, _ := store.Read("/project/.env")
	if got["ACME_SECRET_KEY"] != fakeSecret || got["ACME_ACCOUNT"] != "acme-demo" || got["ACME_ENV"] != "test" {
		t.Fatalf("written values wrong: %v", got)
	}
	if !store.Fixed() {
		t.Fatal("the default answer did not apply the git fix")
	}
}

func TestCtrlCQuitsAtOnceWritingNothing(t *testing.T) {
	// Through the model directly: teatest treats an interrupted program as
	// a failure, which is the point here.
	store := newStore()
	m := New(newTestFlow(store, nil))
	m.scr = newTextScreen(m.c, []steps.Line{{Text: "x"}}, false)
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	if cmd == nil {
		t.Fatal("Ctrl+C returned no command")
	}
	if _, ok := cmd().(tea.InterruptMsg); !ok {
		t.Fatal("Ctrl+C does not interrupt the program (exit 130)")
	}
	if m.c.ctx.Err() == nil {
		t.Fatal("Ctrl+C did not cancel the running work")
	}
	if m.View() != "" || store.Applied() != 0 {
		t.Fatal("something was drawn or written after Ctrl+C")
	}
}

func TestEscGoesBackAndResizeFits(t *testing.T) {
	tm, _ := startModel(t, newTestFlow(newStore(), nil))
	waitText(t, tm, "Press Enter to continue")
	press(tm, "enter")
	waitText(t, tm, "Which services")
	press(tm, "esc")
	waitText(t, tm, "Target file")
	for _, size := range [][2]int{{40, 12}, {200, 60}, {80, 24}} {
		tm.Send(teaSize(size[0], size[1]))
		f := frame(t, tm)
		if n := strings.Count(f, "\n") + 1; n > size[1] {
			t.Fatalf("at %dx%d the frame has %d lines", size[0], size[1], n)
		}
	}
}
