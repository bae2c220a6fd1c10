package ui

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// Leaving a running task (esc) cancels its work: bubbletea cannot stop a
// command, so the job's context must.
func TestEscCancelsARunningTask(t *testing.T) {
	cancelled := make(chan struct{})
	task := steps.NewTask(steps.StepID{Part: "slow"}, "Slow", "", func(*steps.Session) *steps.Job {
		return &steps.Job{Checks: []string{"wait"}, Run: func(ctx context.Context, _ providers.Report) steps.Outcome {
			<-ctx.Done()
			close(cancelled)
			return steps.Results([]providers.Result{{Name: "wait", Status: providers.Fail, Detail: "cancelled"}})
		}}
	}, nil)
	flow := steps.New(steps.Options{Store: newStore(), Extra: []steps.Step{task}, LookupEnv: func(string) (string, bool) { return "", false }})
	for flow.Current().ID().String() != "slow" {
		flow.Next()
	}
	m := New(flow)
	m.show()
	if !m.scr.(*taskScreen).running {
		t.Fatal("the task did not start")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("esc did not cancel the running job")
	}
}
