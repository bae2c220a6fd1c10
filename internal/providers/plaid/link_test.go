package plaid

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
)

const redirect = "https://example.com/oauth-return"

// spyOn serves sim and keeps the body of every /link/token/create.
func spyOn(t *testing.T, sim *plaidsim.Sim) (url string, bodies func() []map[string]any) {
	t.Helper()
	var mu sync.Mutex
	var got []map[string]any
	srv, err := sandbox.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.URL.Path == pathLink {
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Errorf("the Link token request is not JSON: %v", err)
			}
			mu.Lock()
			got = append(got, m)
			mu.Unlock()
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
		sim.ServeHTTP(w, r)
	}), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv.URL, func() []map[string]any {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

// The Link token is asked for with the app's own settings, in a request the
// spec allows: its properties, the required ones, the enums, the language
// list, the user object and the statements range.
func TestLinkTokenRequestFollowsTheSpec(t *testing.T) {
	sim := plaidsim.New()
	sim.AllowRedirectURIs(redirect)
	url, bodies := spyOn(t, sim)
	p := New(Config{BaseURL: url, HTTP: fastHTTP(0)})
	res, _ := verify(t, p, sandboxValues(KeyProducts, "auth,transactions,statements,signal", KeyCountryCodes, "US", KeyRedirectURI, redirect))
	l := byName(t, res, CheckLinkToken)
	if l.Status != providers.Pass || !strings.Contains(l.Detail, "auth, transactions, statements, signal for US in language en, returning to PLAID_REDIRECT_URI") ||
		!strings.Contains(l.Detail, "link-sandbox-…") || !strings.Contains(l.Detail, KeySignalRulesetKey) {
		t.Fatalf("link token = %s %q", l.Status, l.Detail)
	}
	if len(bodies()) != 1 {
		t.Fatalf("%d Link token requests, want 1", len(bodies()))
	}
	body := bodies()[0]

	spec := loadSpec(t)
	props, err := spec.Properties("LinkTokenCreateRequest")
	if err != nil {
		t.Fatal(err)
	}
	for k := range body {
		if !slices.Contains(props, k) {
			t.Errorf("the request sends %s, which LinkTokenCreateRequest does not have", k)
		}
	}
	req, _ := spec.Required("LinkTokenCreateRequest")
	for _, k := range req {
		if _, ok := body[k]; !ok {
			t.Errorf("the request lacks required %s", k)
		}
	}
	enum := func(name string) []string {
		v, err := spec.Enum(name)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	linkProducts, _ := spec.PropertyList("LinkTokenCreateRequest", "products", "x-override-enum-values-shown")
	for k, allowed := range map[string][]string{"products": linkProducts, "country_codes": enum("CountryCode")} {
		list, _ := body[k].([]any)
		if len(list) == 0 {
			t.Errorf("%s is empty (minItems 1)", k)
		}
		for _, v := range list {
			if !slices.Contains(allowed, v.(string)) {
				t.Errorf("%s holds %v, which the spec does not list", k, v)
			}
		}
	}
	lang, _ := spec.Property("LinkTokenCreateRequest", "language")
	var langs []string
	for _, m := range regexp.MustCompile("\\(`'([a-z]{2})'`\\)").FindAllStringSubmatch(strings.Join(lang, "\n"), -1) {
		langs = append(langs, m[1])
	}
	if len(langs) < 10 || !slices.Contains(langs, body["language"].(string)) {
		t.Errorf("language %v is not among the spec's %v", body["language"], langs)
	}
	if name, _ := body["client_name"].(string); name == "" || len(name) > 30 {
		t.Errorf("client_name %q: Link shows at most 30 characters", name)
	}
	if body["redirect_uri"] != redirect {
		t.Errorf("redirect_uri = %v, want the configured one", body["redirect_uri"])
	}
	for obj, schema := range map[string]string{"user": "LinkTokenCreateRequestUser", "statements": "LinkTokenCreateRequestStatements"} {
		m, ok := body[obj].(map[string]any)
		if !ok {
			t.Errorf("%s is not an object: %v", obj, body[obj])
			continue
		}
		props, _ := spec.Properties(schema)
		req, _ := spec.Required(schema)
		for k := range m {
			if !slices.Contains(props, k) {
				t.Errorf("%s.%s is not in %s", obj, k, schema)
			}
		}
		for _, k := range req {
			if s, _ := m[k].(string); s == "" {
				t.Errorf("%s.%s is required and empty", obj, k)
			}
		}
	}
	if id := body["user"].(map[string]any)["client_user_id"].(string); strings.Contains(id, "@") || !strings.HasPrefix(id, "onboard-check-") {
		t.Errorf("client_user_id %q: a throw-away id, no personal data", id)
	}
	st := body["statements"].(map[string]any)
	from, err1 := time.Parse(time.DateOnly, st["start_date"].(string))
	to, err2 := time.Parse(time.DateOnly, st["end_date"].(string))
	if err1 != nil || err2 != nil || !from.Before(to) {
		t.Errorf("statements range %v", st)
	}

	// Without signal, no word of its ruleset; with the key set, neither.
	for _, v := range []providers.Values{sandboxValues(), sandboxValues(KeyProducts, "auth,signal", KeySignalRulesetKey, "default")} {
		res, _ := verify(t, p, v)
		if l := byName(t, res, CheckLinkToken); l.Status != providers.Pass || strings.Contains(l.Detail, KeySignalRulesetKey) {
			t.Errorf("link token = %s %q", l.Status, l.Detail)
		}
	}
}

// What the Sandbox Item test cannot see, the Link token check names, with
// what to do; the Item checks still pass beside it.
func TestLinkTokenRefusalsAreExplained(t *testing.T) {
	cases := []struct {
		name  string
		setup func(*plaidsim.Sim)
		v     providers.Values
		code  string
		hint  string
	}{
		{"redirect URI not allowed", nil, sandboxValues(KeyRedirectURI, redirect), "INVALID_FIELD", redirectHint},
		{"product not enabled", func(s *plaidsim.Sim) { s.DisableProducts("transactions") }, sandboxValues(), "INVALID_PRODUCT", productsHint},
		{"environment not allowed", func(s *plaidsim.Sim) { s.FailNextOn(pathLink, "UNAUTHORIZED_ENVIRONMENT") }, sandboxValues(), "UNAUTHORIZED_ENVIRONMENT",
			Hints[HintKey{"INVALID_INPUT", "UNAUTHORIZED_ENVIRONMENT"}]},
		{"settings that do not go together", func(s *plaidsim.Sim) { s.FailNextOn(pathLink, "INVALID_CONFIGURATION") }, sandboxValues(), "INVALID_CONFIGURATION",
			Hints[HintKey{"INVALID_REQUEST", "INVALID_CONFIGURATION"}]},
		{"rate limited", func(s *plaidsim.Sim) { s.FailNextOn(pathLink, "TRIAL_CONNECTION_LIMIT") }, sandboxValues(), "TRIAL_CONNECTION_LIMIT",
			Hints[HintKey{"RATE_LIMIT_EXCEEDED", "TRIAL_CONNECTION_LIMIT"}]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, sim := startSim(t, sandbox.Options{})
			if c.setup != nil {
				c.setup(sim)
			}
			res, _ := verify(t, New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)}), c.v)
			l := byName(t, res, CheckLinkToken)
			if l.Status != providers.Fail || !strings.Contains(l.Detail, c.code) || !strings.Contains(l.Detail, "request_id ") || l.Hint != c.hint {
				t.Fatalf("link token = %s %q / %q", l.Status, l.Detail, l.Hint)
			}
			for _, name := range []string{CheckInstitution, CheckItemCreate, CheckTokenExchange, CheckItemRemoved} {
				if r := byName(t, res, name); r.Status != providers.Pass {
					t.Errorf("%s = %s %q: the Item test does not depend on Link's settings", name, r.Status, r.Detail)
				}
			}
			if sim.Items() != 0 {
				t.Fatalf("Items() = %d", sim.Items())
			}
		})
	}
	// The allowed redirect URI passes.
	srv, sim := startSim(t, sandbox.Options{})
	sim.AllowRedirectURIs(redirect)
	res, _ := verify(t, New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)}), sandboxValues(KeyRedirectURI, redirect))
	if l := byName(t, res, CheckLinkToken); l.Status != providers.Pass {
		t.Fatalf("link token with an allowed redirect URI = %s %q", l.Status, l.Detail)
	}
}

// Plaid names the refused field only in its message; the hint follows it,
// and a message that names nothing known gets the list of usual causes.
func TestLinkHintFollowsTheRefusedField(t *testing.T) {
	for msg, want := range map[string]string{
		"client_id must be a properly formatted, non-empty string":         Hints[HintKey{"INVALID_REQUEST", "INVALID_FIELD"}],
		"OAuth redirect URI must be configured in the developer dashboard": redirectHint,
		"the following country codes are not enabled for your account: DE": countryHint,
		"something Plaid has not said before":                              linkFieldHint,
	} {
		_, hint := describeLink(&Error{ErrorType: "INVALID_REQUEST", ErrorCode: "INVALID_FIELD", ErrorMessage: msg})
		if hint != want {
			t.Errorf("%q: hint %q", msg, hint)
		}
	}
	if !strings.Contains(redirectHint, redirectPage) || !strings.Contains(redirectHint, "Allowed redirect URIs") || !strings.Contains(productsHint, requestAccess) {
		t.Error("the Link hints must say where to act")
	}
}

// The Link token check runs beside the Item chain, not before or after it:
// the exchange and the Link token request are each answered only once the
// other has arrived, which only two requests in flight together can meet.
func TestLinkTokenRunsBesideTheItemChain(t *testing.T) {
	sim := plaidsim.New()
	exchange, link := make(chan struct{}), make(chan struct{})
	meet := func(mine, theirs chan struct{}) bool {
		close(mine)
		select {
		case <-theirs:
			return true
		case <-time.After(3 * time.Second): // a fallback: the test fails, it does not hang
			return false
		}
	}
	var mu sync.Mutex
	met := 0
	srv, err := sandbox.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case pathExchange:
			if meet(exchange, link) {
				mu.Lock()
				met++
				mu.Unlock()
			}
		case pathLink:
			if meet(link, exchange) {
				mu.Lock()
				met++
				mu.Unlock()
			}
		}
		sim.ServeHTTP(w, r)
	}), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	client := fastHTTP(0)
	client.Timeout = 5 * time.Second
	res, _ := verify(t, New(Config{BaseURL: srv.URL, HTTP: client}), sandboxValues())
	for _, r := range res {
		if r.Status != providers.Pass {
			t.Fatalf("results: %s", statuses(res))
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if met != 2 {
		t.Fatalf("the exchange and the Link token request were not in flight together")
	}
}

// In Production the Link token check is the only one that sees the Link
// settings (there is no test Item); its token must be a production one.
func TestLinkTokenInProduction(t *testing.T) {
	token := ""
	srv, err := sandbox.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"link_token":"` + token + `","expiration":"2026-12-01T16:00:00Z","request_id":"r1"}`))
	}), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	p := New(Config{})
	v := sandboxValues(KeyEnv, EnvProduction)
	for tok, want := range map[string]providers.Status{
		"link-production-0b6ae5e4-8a4a-4c3f-9d41-3c3f0e8a1b2c": providers.Pass,
		"link-sandbox-0b6ae5e4-8a4a-4c3f-9d41-3c3f0e8a1b2c":    providers.Fail,
	} {
		token = tok
		r := newRun([]string{CheckLinkToken}, nil)
		r.start(CheckLinkToken)
		p.checkLink(context.Background(), r, newClient(fastHTTP(0), srv.URL, goodID, goodSecret), p.linkPlan(v, time.Now()), EnvProduction, v)
		got := r.final()[0]
		assertSafe(t, r.final())
		if got.Status != want {
			t.Errorf("%s…: link token = %s %q", tok[:16], got.Status, got.Detail)
		}
	}
}
