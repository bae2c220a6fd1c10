package plaid

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/providers/plaid/plaidspec"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
)

func startSim(t *testing.T, opts sandbox.Options) (*sandbox.Server, *plaidsim.Sim) {
	t.Helper()
	srv, sim, err := plaidsim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv, sim
}

// fastHTTP keeps fault tests quick: a short per-attempt timeout, no
// retries unless a test asks, a token backoff.
func fastHTTP(retries int) *apihttp.Client {
	c := apihttp.New()
	c.Timeout = 300 * time.Millisecond
	c.MaxRetries = retries
	c.Backoff = func(int) time.Duration { return time.Millisecond }
	return c
}

func sandboxValues(extra ...string) providers.Values {
	v := providers.Values{KeyClientID: goodID, KeySecret: goodSecret, KeyEnv: "sandbox"}
	for i := 0; i+1 < len(extra); i += 2 {
		v[extra[i]] = extra[i+1]
	}
	return v
}

type events struct {
	mu   sync.Mutex
	list []providers.Result
}

func (e *events) add(r providers.Result) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.list = append(e.list, r)
}

// verify runs p's checks the way every caller does, through providers.Verify.
func verify(t *testing.T, p *Provider, v providers.Values) ([]providers.Result, *events) {
	t.Helper()
	ev := &events{}
	res := providers.Verify(context.Background(), p, v, ev.add)
	assertSafe(t, res)
	assertSafe(t, ev.list)
	return res, ev
}

var fullToken = regexp.MustCompile(`(access|public|link)-(sandbox|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// assertSafe fails when a result shows a secret or a whole token. The
// failure message names the check, never the value.
func assertSafe(t *testing.T, res []providers.Result) {
	t.Helper()
	for _, r := range res {
		for _, s := range []string{r.Detail, r.Hint} {
			if strings.Contains(s, goodSecret) || strings.Contains(s, goodID) || strings.Contains(s, otherSecret) || fullToken.MatchString(s) {
				t.Errorf("check %q shows a credential or a whole token", r.Name)
			}
		}
	}
}

func byName(t *testing.T, res []providers.Result, name string) providers.Result {
	t.Helper()
	for _, r := range res {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no result named %q in %v", name, res)
	return providers.Result{}
}

func statuses(res []providers.Result) string {
	var b []string
	for _, r := range res {
		b = append(b, r.Name+"="+string(r.Status))
	}
	return strings.Join(b, " ")
}

func TestSandboxHappyPathCreatesExchangesAndRemoves(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	v := sandboxValues(KeyProducts, "transactions,auth")
	res, ev := verify(t, p, v)
	if got, want := len(res), len(p.Checks(v)); got != want {
		t.Fatalf("got %d results, want %d", got, want)
	}
	for i, r := range res {
		if r.Name != p.Checks(v)[i] || r.Status != providers.Pass {
			t.Fatalf("results: %s", statuses(res))
		}
	}
	if sim.Items() != 0 {
		t.Fatalf("the test Item was left behind: Items() = %d", sim.Items())
	}
	// Each check was announced as running before its outcome, in order;
	// the Link token check runs beside the Item checks, so its two events
	// fall anywhere among theirs.
	var seq, link []string
	for _, e := range ev.list {
		if e.Name == CheckLinkToken {
			link = append(link, string(e.Status))
			continue
		}
		seq = append(seq, e.Name+":"+string(e.Status))
	}
	want := []string{}
	for _, n := range p.Checks(v) {
		if n != CheckLinkToken {
			want = append(want, n+":running", n+":pass")
		}
	}
	if strings.Join(seq, ",") != strings.Join(want, ",") || strings.Join(link, ",") != "running,pass" {
		t.Fatalf("report sequence:\n got %v and link %v\nwant %v and link [running pass]", seq, link, want)
	}
	if d := byName(t, res, CheckTokenExchange).Detail; !strings.Contains(d, "access-sandbox-…") || !strings.Contains(d, "item ") {
		t.Fatalf("exchange detail = %q", d)
	}
	if d := byName(t, res, CheckInstitution).Detail; !strings.Contains(d, "First Platypus Bank") {
		t.Fatalf("institution detail = %q", d)
	}
}

func TestVerifyRunsConcurrently(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range p.Verify(context.Background(), sandboxValues(), func(providers.Result) {}) {
				if r.Status != providers.Pass {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() != 0 || sim.Items() != 0 {
		t.Fatalf("%d checks failed, %d Items left", failed.Load(), sim.Items())
	}
}

const (
	pathLookup   = "/institutions/get_by_id"
	pathCreate   = "/sandbox/public_token/create"
	pathExchange = "/item/public_token/exchange"
	pathRemove   = "/item/remove"
	pathLink     = "/link/token/create"
)

// TestEveryHintedCodeIsExplained forces each error code Plaid may send at
// the Item creation and checks the person sees the hint from the table and
// the request_id, and that nothing runs after it. The error targets the
// create's path: the create starts while the lookup runs.
func TestEveryHintedCodeIsExplained(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	forced := map[string]bool{}
	for _, code := range plaidsim.Codes() {
		forced[code] = true
		sim.FailNextOn(pathCreate, code)
		res, _ := verify(t, p, sandboxValues())
		r := byName(t, res, CheckItemCreate)
		if r.Status != providers.Fail || !strings.Contains(r.Detail, code) || !strings.Contains(r.Detail, "request_id ") {
			t.Errorf("%s: item create = %s %q", code, r.Status, r.Detail)
			continue
		}
		want, ok := HintFor(plaidspec.ErrorCodes[code], code)
		if !ok {
			t.Errorf("%s: the simulator can send it but the hint table has no entry for it or its type", code)
		}
		if r.Hint != want {
			t.Errorf("%s: hint = %q, want the table's", code, r.Hint)
		}
		for _, later := range []string{CheckTokenExchange, CheckItemRemoved} {
			if s := byName(t, res, later).Status; s != providers.Skip {
				t.Errorf("%s: %s = %s after a failed create, want skip", code, later, s)
			}
		}
	}
	for k := range Hints {
		if k.Code != "" && !forced[k.Code] {
			t.Errorf("hint for %s is never exercised: the simulator cannot send it", k.Code)
		}
	}
	if sim.Items() != 0 {
		t.Fatalf("Items() = %d", sim.Items())
	}
}

// A test bank gone from Sandbox is skipped for the next one; a refusal of
// the keys at the lookup stops everything.
func TestInstitutionLookupFallsThroughAndStops(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	sim.FailNextOn(pathLookup, "INVALID_INSTITUTION")
	res, _ := verify(t, p, sandboxValues())
	if r := byName(t, res, CheckInstitution); r.Status != providers.Pass || !strings.Contains(r.Detail, "ins_109509") {
		t.Fatalf("institution = %s %q", r.Status, r.Detail)
	}
	// The Item made on First Platypus while the lookup ran was not used:
	// it is removed, and the reported one is at the bank the lookup chose.
	if r := byName(t, res, CheckItemCreate); r.Status != providers.Pass || !strings.Contains(r.Detail, "First Gingham") {
		t.Fatalf("item create = %s %q", r.Status, r.Detail)
	}
	if sim.Items() != 0 {
		t.Fatalf("the unused early Item was left: Items() = %d", sim.Items())
	}
	// RATE_LIMIT_EXCEEDED is the type; the code names the limited call.
	sim.FailNextOn(pathLookup, "INSTITUTIONS_GET_BY_ID_LIMIT")
	res, _ = verify(t, p, sandboxValues())
	if r := byName(t, res, CheckInstitution); r.Status != providers.Fail || r.Hint != Hints[HintKey{"RATE_LIMIT_EXCEEDED", ""}] {
		t.Fatalf("institution = %s %q", r.Status, r.Detail)
	}
	for _, later := range []string{CheckItemCreate, CheckTokenExchange, CheckItemRemoved} {
		if s := byName(t, res, later).Status; s != providers.Skip {
			t.Errorf("%s = %s after a failed lookup, want skip", later, s)
		}
	}
	if sim.Items() != 0 {
		t.Fatalf("Items() = %d", sim.Items())
	}
}

func TestWrongSecretNamesTheEnvironmentMixUp(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	res, _ := verify(t, p, sandboxValues(KeySecret, otherSecret))
	r := byName(t, res, CheckInstitution)
	if r.Status != providers.Fail || !strings.Contains(r.Detail, "INVALID_API_KEYS") || !strings.Contains(r.Hint, "Sandbox and Production secrets differ") {
		t.Fatalf("got %s %q / %q", r.Status, r.Detail, r.Hint)
	}
	if sim.Items() != 0 {
		t.Fatal("an Item was created with a wrong secret")
	}
}

func TestBadFormatSendsNothing(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	for _, v := range []providers.Values{
		sandboxValues(KeySecret, "sk_test_51abcdefghijklmnopqrstuvwxyz"),
		sandboxValues(KeyEnv, "development"),
		sandboxValues(KeyProducts, "transactions,crypto"),
	} {
		res, _ := verify(t, p, v)
		if res[0].Name != CheckKeysFormat || res[0].Status != providers.Fail {
			t.Fatalf("keys format = %s", statuses(res))
		}
		for _, r := range res[1:] {
			if r.Status != providers.Skip {
				t.Fatalf("after a format failure: %s", statuses(res))
			}
		}
	}
	if n := sim.Requests(); n != 0 {
		t.Fatalf("the simulator received %d requests", n)
	}
}

func TestNearMissFormatWarnsAndStillChecks(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	res, _ := verify(t, p, sandboxValues(KeyClientID, strings.ToUpper(goodID)))
	if r := byName(t, res, CheckKeysFormat); r.Status != providers.Warn || !strings.Contains(r.Detail, "lowercase") {
		t.Fatalf("keys format = %s %q", r.Status, r.Detail)
	}
	// The live check decides: the simulator, like Plaid, refuses it.
	if r := byName(t, res, CheckInstitution); r.Status != providers.Fail || !strings.Contains(r.Detail, "INVALID_FIELD") {
		t.Fatalf("institution = %s %q", r.Status, r.Detail)
	}
	if sim.Requests() == 0 {
		t.Fatal("a warning must not stop the live check")
	}
}

func TestProductCoverage(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})

	// Link takes identity_verification, the Sandbox shortcut does not; a
	// Consumer Report Item needs a Plaid user. Both are named, with why, and
	// the Item is made with the product it can take.
	res, _ := verify(t, p, sandboxValues(KeyProducts, "transactions,identity_verification,cra_base_report", KeyCountryCodes, "US"))
	if f := byName(t, res, CheckKeysFormat); f.Status != providers.Pass {
		t.Fatalf("keys format = %s %q: every one is a Link product", f.Status, f.Detail)
	}
	inst := byName(t, res, CheckInstitution)
	if inst.Status != providers.Warn || !strings.Contains(inst.Detail, "identity_verification (the Sandbox shortcut does not take it") || !strings.Contains(inst.Detail, "cra_base_report (needs a Plaid user)") {
		t.Fatalf("institution = %s %q", inst.Status, inst.Detail)
	}
	if c := byName(t, res, CheckItemCreate); c.Status != providers.Pass || !strings.Contains(c.Detail, "transactions") || strings.Contains(c.Detail, "identity_verification") {
		t.Fatalf("item create = %s %q", c.Status, c.Detail)
	}
	if l := byName(t, res, CheckLinkToken); l.Status != providers.Warn || !strings.Contains(l.Detail, "with transactions for") ||
		!strings.Contains(l.Detail, "identity_verification needs a template") || !strings.Contains(l.Detail, "cra_base_report needs a Plaid user") {
		t.Fatalf("link token = %s %q", l.Status, l.Detail)
	}
	if byName(t, res, CheckItemRemoved).Status != providers.Pass || sim.Items() != 0 {
		t.Fatalf("results: %s; Items() = %d", statuses(res), sim.Items())
	}

	// Nothing a test Item can take: the Item checks are skipped, and so is
	// the Link token when it cannot be made for any of them either.
	res, _ = verify(t, p, sandboxValues(KeyProducts, "cra_base_report"))
	if byName(t, res, CheckInstitution).Status != providers.Warn || byName(t, res, CheckItemCreate).Status != providers.Skip || byName(t, res, CheckLinkToken).Status != providers.Skip {
		t.Fatalf("only a product no test Item takes: %s", statuses(res))
	}
}

// A UK and European product is tried at a UK test bank, and the countries
// it cannot work with are named.
func TestUKProductIsTriedAtAUKBank(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	for _, c := range []struct {
		countries string
		format    providers.Status
	}{{"GB", providers.Pass}, {"US,CA", providers.Warn}} {
		res, _ := verify(t, p, sandboxValues(KeyProducts, "payment_initiation", KeyCountryCodes, c.countries))
		if f := byName(t, res, CheckKeysFormat); f.Status != c.format || (c.format == providers.Warn && !strings.Contains(f.Detail, "UK and European banks")) {
			t.Errorf("%s: keys format = %s %q", c.countries, f.Status, f.Detail)
		}
		if r := byName(t, res, CheckInstitution); r.Status != providers.Pass || !strings.Contains(r.Detail, "ins_117650") {
			t.Errorf("%s: institution = %s %q", c.countries, r.Status, r.Detail)
		}
		if r := byName(t, res, CheckItemCreate); r.Status != providers.Pass || !strings.Contains(r.Detail, "Royal Bank of Plaid") {
			t.Errorf("%s: item create = %s %q", c.countries, r.Status, r.Detail)
		}
		// A payment_initiation Link token needs a payment made first.
		if r := byName(t, res, CheckLinkToken); r.Status != providers.Skip || !strings.Contains(r.Detail, "payment_initiation needs a payment") {
			t.Errorf("%s: link token = %s %q", c.countries, r.Status, r.Detail)
		}
	}
	// The early Item went to the UK bank too: nothing was made and dropped.
	if sim.Items() != 0 || sim.Requests() != 2*4 {
		t.Fatalf("Items() = %d, Requests() = %d; want 0 and 8 (lookup, create, exchange, remove, twice)", sim.Items(), sim.Requests())
	}
}

// A real Sandbox can still refuse a product after the lookup (its lists
// drift): the person gets the hint, not a raw error.
func TestProductsNotSupportedAtCreate(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	sim.FailNextOn(pathCreate, "PRODUCTS_NOT_SUPPORTED")
	res, _ := verify(t, p, sandboxValues())
	r := byName(t, res, CheckItemCreate)
	if r.Status != providers.Fail || r.Hint != Hints[HintKey{"ITEM_ERROR", "PRODUCTS_NOT_SUPPORTED"}] {
		t.Fatalf("item create = %s %q %q", r.Status, r.Detail, r.Hint)
	}
	if sim.Items() != 0 {
		t.Fatalf("Items() = %d", sim.Items())
	}
}

func TestExchangeFailureAndRemoveFailure(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	failAt := func(path, code string) []providers.Result {
		sim.FailNextOn(path, code)
		res, _ := verify(t, p, sandboxValues())
		return res
	}
	res := failAt(pathExchange, "INVALID_PUBLIC_TOKEN")
	if r := byName(t, res, CheckTokenExchange); r.Status != providers.Fail || r.Hint != Hints[HintKey{"INVALID_INPUT", "INVALID_PUBLIC_TOKEN"}] {
		t.Fatalf("exchange = %s %q", r.Status, r.Detail)
	}
	if byName(t, res, CheckItemRemoved).Status != providers.Skip {
		t.Fatalf("without an access token there is nothing to remove: %s", statuses(res))
	}
	// The Item exists from its creation; without an access token no call
	// can remove it (in Sandbox it costs nothing).
	if sim.Items() != 1 {
		t.Fatalf("Items() = %d, want the one whose token was refused", sim.Items())
	}
	res = failAt(pathRemove, "INTERNAL_SERVER_ERROR")
	if r := byName(t, res, CheckItemRemoved); r.Status != providers.Fail || !strings.Contains(r.Detail, "item ") || !strings.Contains(r.Hint, "costs nothing") {
		t.Fatalf("remove = %s %q %q", r.Status, r.Detail, r.Hint)
	}
	if sim.Items() != 2 {
		t.Fatalf("Items() = %d, want that one and the one whose removal failed", sim.Items())
	}
}

func TestCancellationStillRemovesTheItem(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res := p.Verify(ctx, sandboxValues(), func(r providers.Result) {
		if r.Name == CheckTokenExchange && r.Status == providers.Pass {
			cancel()
		}
	})
	if ctx.Err() == nil {
		t.Fatal("the context was never cancelled")
	}
	if r := byName(t, res, CheckItemRemoved); r.Status != providers.Pass {
		t.Fatalf("remove after cancel = %s %q", r.Status, r.Detail)
	}
	if sim.Items() != 0 {
		t.Fatalf("Items() = %d after a cancelled check", sim.Items())
	}

	// Cancelled between the Item's creation and the exchange: the exchange
	// still happens quietly so the Item can be removed.
	ctx3, cancel3 := context.WithCancel(context.Background())
	res = p.Verify(ctx3, sandboxValues(), func(r providers.Result) {
		if r.Name == CheckTokenExchange && r.Status == providers.Running {
			cancel3()
		}
	})
	if r := byName(t, res, CheckTokenExchange); r.Status != providers.Skip || r.Detail != "cancelled" {
		t.Fatalf("exchange after cancel = %s %q", r.Status, r.Detail)
	}
	if r := byName(t, res, CheckItemRemoved); r.Status != providers.Pass || sim.Items() != 0 {
		t.Fatalf("remove = %s %q, Items() = %d", r.Status, r.Detail, sim.Items())
	}

	// Cancelled before anything was created: the checks are skipped, not failed.
	ctx2, cancel2 := context.WithCancel(context.Background())
	res = p.Verify(ctx2, sandboxValues(), func(r providers.Result) {
		if r.Name == CheckItemCreate && r.Status == providers.Running {
			cancel2()
		}
	})
	for _, name := range []string{CheckItemCreate, CheckTokenExchange, CheckItemRemoved} {
		if r := byName(t, res, name); r.Status != providers.Skip || r.Detail != "cancelled" {
			t.Fatalf("%s after cancel = %s %q", name, r.Status, r.Detail)
		}
	}
	// The create had already been answered: that Item is removed quietly.
	if sim.Items() != 0 {
		t.Fatalf("Items() = %d after a cancel at the create", sim.Items())
	}
}

// The Item created while the lookup runs must not be left behind when the
// check is cancelled during the lookup: its answer is waited for and the
// Item removed before Verify returns.
func TestCancelDuringLookupRemovesTheEarlyItem(t *testing.T) {
	// The lookup hangs; the cancel comes once the simulator has made the
	// early Item, so the test does not depend on timing.
	sim := plaidsim.New()
	made := make(chan struct{})
	var once sync.Once
	srv, err := sandbox.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sim.ServeHTTP(w, r)
		if r.URL.Path == pathCreate {
			once.Do(func() { close(made) })
		}
	}), sandbox.Options{Faults: []sandbox.Fault{{Path: pathLookup, Hang: true}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	client := fastHTTP(0)
	client.Timeout = 5 * time.Second // the cancel, not the timeout, must end the lookup
	p := New(Config{BaseURL: srv.URL, HTTP: client})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res := p.Verify(ctx, sandboxValues(), func(r providers.Result) {
		if r.Name == CheckInstitution && r.Status == providers.Running {
			go func() { <-made; cancel() }()
		}
	})
	for _, name := range []string{CheckInstitution, CheckItemCreate, CheckTokenExchange, CheckItemRemoved} {
		if r := byName(t, res, name); r.Status != providers.Skip || r.Detail != "cancelled" {
			t.Fatalf("%s after cancel = %s %q", name, r.Status, r.Detail)
		}
	}
	if sim.Items() != 0 {
		t.Fatalf("Items() = %d after a cancel during the lookup", sim.Items())
	}
}

func TestProductionCredentialsNeverLeaveForAnotherHost(t *testing.T) {
	var hits atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer ts.Close()
	srv, sim := startSim(t, sandbox.Options{})
	for _, base := range []string{ts.URL, srv.URL, "http://production.plaid.com", "https://production.plaid.com.evil.example"} {
		p := New(Config{BaseURL: base, HTTP: fastHTTP(0)})
		v := sandboxValues(KeyEnv, "production")
		res, _ := verify(t, p, v)
		r := byName(t, res, CheckProductionKeys)
		if r.Status != providers.Fail || !strings.Contains(r.Detail, "refusing") {
			t.Fatalf("%s: production keys = %s %q", base, r.Status, r.Detail)
		}
		if l := byName(t, res, CheckLinkToken); l.Status != providers.Skip {
			t.Fatalf("%s: link token = %s %q, want skipped with the keys kept home", base, l.Status, l.Detail)
		}
	}
	if hits.Load() != 0 || sim.Requests() != 0 {
		t.Fatalf("a production secret was sent: %d + %d requests", hits.Load(), sim.Requests())
	}
	if got := New(Config{}).baseURL(EnvProduction); got != ProductionURL {
		t.Fatalf("production base = %s", got)
	}
	if got := New(Config{}).baseURL(EnvSandbox); got != SandboxURL {
		t.Fatalf("sandbox base = %s", got)
	}
}

// The production call itself, pointed at the simulator directly (Verify
// would rightly refuse to): it needs keys and reads one institution.
func TestProductionCallIsReadOnly(t *testing.T) {
	srv, sim := startSim(t, sandbox.Options{})
	c := newClient(fastHTTP(0), srv.URL, goodID, goodSecret)
	total, err := c.listOneInstitution(context.Background(), "US")
	if err != nil || total == 0 {
		t.Fatalf("total %d, err %v", total, err)
	}
	c = newClient(fastHTTP(0), srv.URL, goodID, otherSecret)
	_, err = c.listOneInstitution(context.Background(), "US")
	var pe *Error
	if !errors.As(err, &pe) || pe.ErrorCode != "INVALID_API_KEYS" {
		t.Fatalf("wrong secret: %v", err)
	}
	if sim.Items() != 0 {
		t.Fatal("the production check created something")
	}
}

func TestFaultsGiveClearFailures(t *testing.T) {
	plaidErr := func(code, typ string) string {
		return fmt.Sprintf(`{"error_type":%q,"error_code":%q,"error_message":"x","display_message":null,"request_id":"req123","documentation_url":"https://plaid.com/docs/errors/","suggested_action":null}`, typ, code)
	}
	var otherHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { otherHits.Add(1) }))
	defer other.Close()

	const lookup = "/institutions/get_by_id"
	cases := []struct {
		name    string
		fault   sandbox.Fault
		retries int
		check   string
		status  providers.Status
		detail  string // part of the detail
		hint    string // part of the hint
	}{
		{"hang", sandbox.Fault{Path: lookup, Hang: true}, 0, CheckInstitution, providers.Fail, "did not answer within", "network"},
		{"503 retried then passes", sandbox.Fault{Path: lookup, Times: 2, Status: 503, Body: plaidErr("PLANNED_MAINTENANCE", "API_ERROR")}, 2, CheckInstitution, providers.Pass, "First Platypus", ""},
		{"503 beyond the retries", sandbox.Fault{Path: lookup, Status: 503, Body: plaidErr("PLANNED_MAINTENANCE", "API_ERROR")}, 2, CheckInstitution, providers.Fail, "PLANNED_MAINTENANCE", "maintenance"},
		{"500 on a create is not retried", sandbox.Fault{Path: "/sandbox/public_token/create", Times: 1, Status: 500, Body: plaidErr("INTERNAL_SERVER_ERROR", "API_ERROR")}, 2, CheckItemCreate, providers.Fail, "request_id req123", "status.plaid.com"},
		{"502 html page", sandbox.Fault{Path: lookup, HTML: true}, 0, CheckInstitution, providers.Fail, "an HTML page", "Something other than Plaid"},
		{"malformed json", sandbox.Fault{Path: lookup, Malformed: true}, 0, CheckInstitution, providers.Fail, "JSON that could not be read", "Something other than Plaid"},
		{"truncated", sandbox.Fault{Path: lookup, Truncate: true}, 0, CheckInstitution, providers.Fail, "broke before the answer was complete", "Retry"},
		{"oversize", sandbox.Fault{Path: lookup, Oversize: 2 << 20}, 0, CheckInstitution, providers.Fail, "larger than", "not at another web server"},
		{"redirect", sandbox.Fault{Path: lookup, RedirectTo: other.URL + lookup}, 0, CheckInstitution, providers.Fail, "redirect", "never follows a redirect"},
		{"429 retry-after honoured", sandbox.Fault{Path: lookup, Times: 1, Status: 429, RetryAfter: 1, Body: plaidErr("INSTITUTIONS_GET_BY_ID_LIMIT", "RATE_LIMIT_EXCEEDED")}, 1, CheckInstitution, providers.Pass, "First Platypus", ""},
		{"429 without retries", sandbox.Fault{Path: lookup, Status: 429, RetryAfter: 1, Body: plaidErr("INSTITUTIONS_GET_BY_ID_LIMIT", "RATE_LIMIT_EXCEEDED")}, 0, CheckInstitution, providers.Fail, "RATE_LIMIT_EXCEEDED", "Wait a minute"},
		{"remove hangs, cleanup bounded", sandbox.Fault{Path: "/item/remove", Hang: true}, 0, CheckItemRemoved, providers.Fail, "did not answer", "costs nothing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, sim := startSim(t, sandbox.Options{Faults: []sandbox.Fault{c.fault}})
			p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(c.retries)})
			res, _ := verify(t, p, sandboxValues())
			r := byName(t, res, c.check)
			if r.Status != c.status || !strings.Contains(r.Detail, c.detail) || !strings.Contains(r.Hint, c.hint) {
				t.Fatalf("%s = %s %q / %q; want %s with %q / %q", c.check, r.Status, r.Detail, r.Hint, c.status, c.detail, c.hint)
			}
			if c.name != "remove hangs, cleanup bounded" && sim.Items() != 0 {
				t.Fatalf("Items() = %d", sim.Items())
			}
		})
	}
	if otherHits.Load() != 0 {
		t.Fatalf("the redirect target received %d requests", otherHits.Load())
	}
}
