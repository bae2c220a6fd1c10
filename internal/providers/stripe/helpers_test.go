package stripe

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
)

// fastHTTP is apihttp's client with waits short enough for tests.
func fastHTTP() *apihttp.Client {
	c := apihttp.New()
	c.Timeout = 2 * time.Second
	c.Backoff = func(int) time.Duration { return 5 * time.Millisecond }
	return c
}

func startSim(t *testing.T, opts sandbox.Options) (Config, *stripesim.Sim) {
	t.Helper()
	srv, sim, err := stripesim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return Config{BaseURL: srv.URL, HTTP: fastHTTP()}, sim
}

func demoValues() providers.Values {
	return providers.Values{
		EnvSecretKey:      sandbox.DemoStripeSecretKey,
		EnvPublishableKey: sandbox.DemoStripePublishableKey,
		EnvWebhookSecret:  sandbox.DemoStripeWebhookSecret,
	}
}

func with(v providers.Values, kv ...string) providers.Values {
	out := providers.Values{}
	for k, val := range v {
		out[k] = val
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func byName(t *testing.T, rs []providers.Result, name string) providers.Result {
	t.Helper()
	for _, r := range rs {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no result named %q in %d results", name, len(rs))
	return providers.Result{}
}

// secretsIn are the raw values that must never appear in a result.
var secretsIn = []string{
	sandbox.DemoStripeSecretKey, sandbox.DemoStripePublishableKey, sandbox.DemoStripeWebhookSecret,
	stripesim.OtherAccountSecretKey, stripesim.OtherAccountPublishableKey, stripesim.RestrictedKey, stripesim.ExpiredKey,
}

// noLeak fails if any result quotes a full key. Messages name the key by
// kind only, so a failure here prints no secret.
func noLeak(t *testing.T, rs []providers.Result) {
	t.Helper()
	for _, r := range rs {
		for _, s := range secretsIn {
			if strings.Contains(r.Detail+r.Hint, s) {
				t.Fatalf("result %q quotes a full key (%s)", r.Name, ParseKey(s).Kind)
			}
		}
	}
}

func expect(t *testing.T, r providers.Result, status providers.Status, detailHas, hintHas string) {
	t.Helper()
	if r.Status != status || !strings.Contains(r.Detail, detailHas) || !strings.Contains(r.Hint, hintHas) {
		t.Fatalf("%s: got %s %q (hint %q); want %s with %q, hint with %q", r.Name, r.Status, r.Detail, r.Hint, status, detailHas, hintHas)
	}
}

// verify runs p's checks the way every caller does, through providers.Verify.
func verify(t *testing.T, p providers.Provider, v providers.Values) []providers.Result {
	t.Helper()
	rs := providers.Verify(context.Background(), p, v, nil)
	noLeak(t, rs)
	return rs
}
