package ui

import (
	"fmt"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// BenchmarkView draws each kind of screen from scratch (the cache is
// marked dirty each time, as after a key press) at two sizes.
func BenchmarkView(b *testing.B) {
	flow := newTestFlow(newStore(), providers.Values{"ACME_ACCOUNT": "acme", "ACME_SECRET_KEY": fakeSecret})
	s := flow.Session()
	s.EnvPath, s.Chosen = "/project/.env", []providers.ID{"acme"}
	for _, id := range []string{"welcome", "providers", "acme-checklist", "acme-acme_env", "acme-acme_account", "acme-verify", "review", "done"} {
		for _, size := range [][2]int{{80, 24}, {200, 60}} {
			m := New(flow)
			setSize(m, size[0], size[1])
			for flow.Current().ID().String() != id {
				if flow.Next() == nil {
					b.Fatalf("no step %s", id)
				}
			}
			if id == "acme-verify" {
				m.scr = finishedTask(m, flow.Current().(*steps.TaskStep))
			} else {
				m.show()
			}
			b.Run(fmt.Sprintf("%s/%dx%d", id, size[0], size[1]), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					m.dirty = true
					_ = m.View()
				}
			})
		}
	}
}
