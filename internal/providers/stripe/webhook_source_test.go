package stripe

import (
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
)

// The webhook secret's field offers the Stripe CLI in development only, and
// never for a key the CLI may not be given (a live key).
func TestWebhookSourceOnlyInDevelopment(t *testing.T) {
	field := func(m providers.Mode) providers.Field {
		for _, f := range New(Config{Mode: m}).Fields() {
			if f.Key == EnvWebhookSecret {
				return f
			}
		}
		t.Fatal("no webhook field")
		return providers.Field{}
	}
	if f := field(providers.Production); f.Source != nil {
		t.Error("the Stripe CLI is offered in production")
	}
	src := field(providers.Development).Source
	if src == nil || src.Fetch == nil || src.Label == "" {
		t.Fatalf("development: source %+v", src)
	}
	if src.Available(providers.Values{EnvSecretKey: "sk_live_" + "0123456789abcdefghijklmn"}) {
		t.Error("the CLI is offered for a live key")
	}
}
