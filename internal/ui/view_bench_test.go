package ui

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/steps"
)

// realFlow is the wizard's flow with the real Plaid, Stripe and Connect
// providers, pointed at the simulators on loopback and pre-filled with the
// demo keys, so every screen carries the text and checks a person sees.
func realFlow(b *testing.B) *steps.Flow {
	b.Helper()
	ps, _, err := plaidsim.Start(sandbox.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ps.Close() })
	ss, _, err := stripesim.Start(sandbox.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ss.Close() })
	flow := steps.New(steps.Options{
		Providers: []providers.Provider{
			plaid.New(plaid.Config{BaseURL: ps.URL}),
			stripe.New(stripe.Config{BaseURL: ss.URL}),
			stripe.NewConnect(stripe.Config{BaseURL: ss.URL}),
		},
		Store: newStore(),
		Dir:   "/project",
		Prefill: providers.Values{
			plaid.KeyClientID: sandbox.DemoPlaidClientID, plaid.KeySecret: sandbox.DemoPlaidSecret,
			stripe.EnvSecretKey: sandbox.DemoStripeSecretKey, stripe.EnvPublishableKey: sandbox.DemoStripePublishableKey,
			stripe.EnvWebhookSecret: sandbox.DemoStripeWebhookSecret, stripe.EnvClientID: sandbox.DemoStripeClientID,
		},
		LookupEnv: func(string) (string, bool) { return "", false },
	})
	s := flow.Session()
	s.EnvPath, s.Chosen = "/project/.env", []providers.ID{"plaid", "stripe", "connect"}
	return flow
}

// inColour renders as a person's terminal does (TestMain pins plain text for
// the goldens): escape sequences are part of the cost of a frame.
func inColour(b *testing.B) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	lipgloss.SetHasDarkBackground(true)
	b.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
}

// screenFor puts m on the flow's current step as the wizard would: a
// loader's job (in memory here) is run first, a task's checks are run to
// the end so the screen shows every result.
func screenFor(m *Model, flow *steps.Flow) {
	s := flow.Session()
	st := flow.Current()
	if l, ok := st.(steps.Loader); ok {
		if job := l.Load(s); job != nil {
			job.Run(context.Background(), func(providers.Result) {}).ApplyTo(s)
		}
	}
	if ts, ok := st.(*steps.TaskStep); ok {
		m.scr = finishedTask(m, ts)
		return
	}
	m.show()
}

// BenchmarkViewRealFlow draws every screen of the real providers' flow,
// in colour, from scratch (the cache is marked dirty, as after a key press),
// at 80x24 and 200x60. A frame is due every 16 ms at most; View must stay
// far below that (the target is 0.5 ms).
func BenchmarkViewRealFlow(b *testing.B) {
	inColour(b)
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		flow := realFlow(b)
		for {
			m := New(flow)
			setSize(m, size[0], size[1])
			screenFor(m, flow)
			st := flow.Current()
			b.Run(fmt.Sprintf("%s/%s/%dx%d", st.Kind(), st.ID(), size[0], size[1]), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					m.dirty = true
					_ = m.View()
				}
			})
			if flow.Next() == nil {
				break // the store is in memory: writing the file writes nothing
			}
		}
	}
}

// BenchmarkKeystroke is one typed character in a form field: Update and the
// frame that follows. Typing must never wait on disk, git or the network.
func BenchmarkKeystroke(b *testing.B) {
	inColour(b)
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		flow := realFlow(b)
		for flow.Current().Kind() != steps.KindForm {
			if flow.Next() == nil {
				b.Fatal("the flow has no form")
			}
		}
		m := New(flow)
		setSize(m, size[0], size[1])
		screenFor(m, flow)
		keys := []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune{'a'}}, {Type: tea.KeyBackspace}}
		b.Run(fmt.Sprintf("%s/%dx%d", flow.Current().ID(), size[0], size[1]), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_, _ = m.Update(keys[i%2])
				_ = m.View()
			}
		})
	}
}
