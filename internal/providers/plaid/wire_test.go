package plaid

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
)

// TestCredentialsTravelInHeadersOnly: bodies can be echoed by proxies and
// logs, so the secret must never be in one; the API version is pinned.
func TestCredentialsTravelInHeadersOnly(t *testing.T) {
	sim := plaidsim.New()
	var mu sync.Mutex
	var problems []string
	spy := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		if bytes.Contains(body, []byte(goodSecret)) || bytes.Contains(body, []byte(goodID)) {
			problems = append(problems, r.URL.Path+": credentials in the body")
		}
		if r.Header.Get("Plaid-Version") != APIVersion || r.Header.Get("PLAID-CLIENT-ID") != goodID || r.Header.Get("PLAID-SECRET") != goodSecret {
			problems = append(problems, r.URL.Path+": version or credential headers missing")
		}
		if r.Header.Get("Content-Type") != "application/json" || r.Method != http.MethodPost {
			problems = append(problems, r.URL.Path+": not a JSON POST")
		}
		mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		sim.ServeHTTP(w, r)
	})
	srv, err := sandbox.Serve(spy, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	res, _ := verify(t, New(Config{BaseURL: srv.URL + "/", HTTP: fastHTTP(0)}), sandboxValues())
	for _, r := range res {
		if r.Status != providers.Pass {
			t.Fatalf("results: %s", statuses(res))
		}
	}
	// lookup ‖ create → exchange → remove, and the Link token beside them.
	if len(problems) > 0 || sim.Requests() != 5 {
		t.Fatalf("%d requests; %v", sim.Requests(), problems)
	}
}

// TestTokenShapesAreChecked: a server that hands out tokens of another
// environment (a --plaid-url pointing at the wrong place) is caught.
func TestTokenShapesAreChecked(t *testing.T) {
	sim := plaidsim.New()
	for _, c := range []struct {
		path, token, check string
	}{
		{"/sandbox/public_token/create", `{"public_token":"public-production-0b6ae5e4-8a4a-4c3f-9d41-3c3f0e8a1b2c","request_id":"r1"}`, CheckItemCreate},
		{"/item/public_token/exchange", `{"access_token":"access-sandbox-not-a-uuid","item_id":"abc","request_id":"r2"}`, CheckTokenExchange},
		{"/link/token/create", `{"link_token":"link-production-0b6ae5e4-8a4a-4c3f-9d41-3c3f0e8a1b2c","expiration":"2026-12-01T12:00:00Z","request_id":"r3"}`, CheckLinkToken},
	} {
		fake := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == c.path {
				_, _ = w.Write([]byte(c.token))
				return
			}
			sim.ServeHTTP(w, r)
		})
		srv, err := sandbox.Serve(fake, sandbox.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, _ := verify(t, New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)}), sandboxValues())
		_ = srv.Close()
		r := byName(t, res, c.check)
		if r.Status != providers.Fail || !strings.Contains(r.Detail, "does not have the shape") || r.Hint != tokenShapeHint {
			t.Fatalf("%s = %s %q", c.check, r.Status, r.Detail)
		}
	}
	// The malformed access token was still handed to /item/remove, which
	// refused it; the real Item it stood for stays (in Sandbox, harmless).
	if sim.Items() != 1 {
		t.Fatalf("Items() = %d", sim.Items())
	}
}
