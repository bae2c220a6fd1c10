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

// Keys pressed while the move to a slow task is on its way reach the task
// at once, not after its job's first report: the replay runs beside the
// task's start (a listener that returns only with a report), so Esc can
// cancel a check that reports nothing.
func TestKeysTypedAheadReachASlowTask(t *testing.T) {
	task := steps.NewTask(steps.StepID{Part: "slow"}, "Slow", "", func(*steps.Session) *steps.Job {
		return &steps.Job{Checks: []string{"wait"}, Run: func(ctx context.Context, _ providers.Report) steps.Outcome {
			<-ctx.Done()
			return steps.Results([]providers.Result{{Name: "wait", Status: providers.Fail, Detail: "cancelled"}})
		}}
	}, nil)
	before := steps.NewChecklist(steps.StepID{Part: "before"}, "Before", "", false,
		func(*steps.Session) []providers.ChecklistItem {
			return []providers.ChecklistItem{{Title: "one", URL: "https://example.com"}}
		}, nil)
	flow := steps.New(steps.Options{Store: newStore(), Extra: []steps.Step{before, task}, LookupEnv: func(string) (string, bool) { return "", false }})
	for flow.Current().ID().String() != "before" {
		flow.Next()
	}
	m := New(flow)
	setSize(m, 80, 24)
	m.show()
	_, move := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	m.Update(tea.KeyMsg{Type: tea.KeyEsc}) // typed while the move is on its way
	_, start := m.Update(move())
	defer m.cancel()
	batch, ok := start().(tea.BatchMsg)
	if !ok {
		t.Fatalf("the slow task's start and the typed keys run one after the other (%T)", start())
	}
	got := make(chan tea.Msg, len(batch))
	for _, cmd := range batch {
		go func(cmd tea.Cmd) {
			if cmd != nil {
				got <- cmd()
			}
		}(cmd)
	}
	deadline := time.After(2 * time.Second)
	for {
		select {
		case msg := <-got:
			if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc {
				return // the replay answered while the task's listener still waits
			}
		case <-deadline:
			t.Fatal("no typed key came back while the slow task ran")
		}
	}
}
