// Package stripesim simulates a Stripe sandbox for the calls onboard makes:
// reading the account, creating and reading a PII token, test payments
// (one that succeeds, one declined, and cancelling it), and listing,
// creating (with controller properties) and deleting connected accounts.
// It answers with Stripe's paths, form parameters, JSON shapes, status
// codes and error objects, rejects unknown keys the way Stripe does, and
// knows an organization key that acts for the account its Stripe-Context
// header names. State lives in memory.
package stripesim

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

// A second test account, so a publishable key from one account and a secret
// key from the other can be tried together, and keys that Stripe would
// answer with a permission error or an expiry.
const (
	OtherAccountSecretKey      = "sk_test_51OtherOnb0ardQm3vT7pXc2LrN8sYw4KdJ6hFz1GbA9eU5iRoP0tWqZxC7nVyM2jL8kS4dH6fB3gT1aE5rO9uI0pQ"
	OtherAccountPublishableKey = "pk_test_51OtherOnb0ardHs8dK2fJ5gL7zX1cV4bN6mQ9wE3rT0yU2iO8pA5sD7fG1hJ4kL6zX9cV3bN5mQ8wE2rT7yU0iO"
	OtherAccountID             = "acct_51OtherOnb0ardAcct"
	OtherAccountName           = "Other Demo Shop"

	// RestrictedKey belongs to the demo account and may read the account
	// and create tokens, but not read tokens, touch connected accounts or
	// make payments.
	RestrictedKey = "rk_test_51DemoOnb0ardR3str1ctedKq8Zp2Xw5Lm7Nb4Vc6Hd9Jf1Gs3Ta0Ye2Ui8Ro5Pw7Qe4Rt6Yu1Io3Pa9Sd5Fg"
	// NoAccountReadKey is a restricted key of the demo account that may
	// do everything but read the account itself: Stripe names the
	// permission GET /v1/account needs, rak_accounts_kyc_id_numbers_read.
	NoAccountReadKey = "rk_test_51DemoOnb0ardN0AccountRe4dKq8Zp2Xw5Lm7Nb4Vc6Hd9Jf1Gs3Ta0Ye2Ui8Ro5Pw7Qe4Rt6Yu1Io3Pa9Sd5"
	// ExpiredKey is a secret key of the demo account that has been rolled.
	ExpiredKey = "sk_test_51DemoOnb0ardExp1redRo11edKy7Ux3Wc9Vb5Nm2Qa8Zs4Xd6Ce1Rf0Tg7Yh3Uj5Ik9Ol2Pm4Qn8Wb6Ev1Rc"
	// OrgKey is an organization key over the demo and the other account:
	// each request names the account in its Stripe-Context header.
	OrgKey = "sk_org_test_51DemoOnb0ardOrgK3yQm3vT7pXc2LrN8sYw4KdJ6hFz1GbA9eU5iRoP0tWqZxC7nVyM2jL8kS4dH6fB3gT1aE5"
	// ClaimableKey is a key `stripe sandbox create` would make: it acts
	// as the demo account's secret key.
	ClaimableKey = "rkcs_test_51DemoOnb0ardC1aimab1eKq8Zp2Xw5Lm7Nb4Vc6Hd9Jf1Gs3Ta0Ye2Ui8Ro5Pw7Qe4Rt6Yu1Io3Pa9Sd5Fg"
)

// The permissions the simulator's routes need from a restricted key. The
// one for GET /v1/account is Stripe's (stripe/stripe-node#2246); the
// others follow its pattern.
const (
	permAccountRead        = "rak_accounts_kyc_id_numbers_read"
	permTokenRead          = "rak_token_read"
	permConnectedRead      = "rak_connected_account_read"
	permConnectedWrite     = "rak_connected_account_write"
	permPaymentIntentWrite = "rak_payment_intent_write"
)

type keyKind int

const (
	secretKey keyKind = iota
	publishableKey
	restrictedKey
	orgKey
)

type keyEntry struct {
	account *platform
	kind    keyKind
	expired bool
	// lacks are the permissions a restricted key does not have.
	lacks map[string]bool
}

type platform struct {
	id, name, email string
	tokens          map[string]bool
	payments        map[string]*payment
	status          AccountStatus
}

// AccountStatus is what the account answer says about going live.
type AccountStatus struct {
	ChargesEnabled, PayoutsEnabled bool
	CurrentlyDue, PastDue          []string
	DisabledReason                 string
}

// activeStatus is an account that may take payments and pay out.
var activeStatus = AccountStatus{ChargesEnabled: true, PayoutsEnabled: true}

// stored is the answer kept for an Idempotency-Key. done closes once the
// first request has its answer; a repeat that arrives earlier waits for it,
// so a client that gave up mid-request and asks again learns what was made.
type stored struct {
	done   chan struct{}
	status int
	body   []byte
}

// Sim is the simulator; it is an http.Handler.
type Sim struct {
	keys map[string]keyEntry
	// org are the accounts the organization key may act for.
	org map[string]*platform

	mu              sync.Mutex
	connectEnabled  bool
	profileComplete bool
	// profileLosses is who the platform profile says covers losses
	// ("stripe" or "application"), "" when it allows either.
	profileLosses string
	connected     map[string]*platform // connected account id → its platform
	created       int
	requests      int
	idem          map[string]*stored
	onCreated     func(r *http.Request)
}

// OnAccountCreated sets a function that runs after a connected account is
// created and before the answer is written. Tests use it to cut the client
// off at the worst moment.
func (s *Sim) OnAccountCreated(f func(r *http.Request)) {
	s.mu.Lock()
	s.onCreated = f
	s.mu.Unlock()
}

// New returns a simulator that knows the demo account, the second account,
// and the restricted and expired keys. Connect is enabled.
func New() *Sim {
	demo := newPlatform(sandbox.DemoStripeAccountID, sandbox.DemoStripeAccountName, "demo@onboard.example")
	other := newPlatform(OtherAccountID, OtherAccountName, "other@onboard.example")
	return &Sim{
		keys: map[string]keyEntry{
			sandbox.DemoStripeSecretKey:      {account: demo, kind: secretKey},
			sandbox.DemoStripePublishableKey: {account: demo, kind: publishableKey},
			RestrictedKey: {account: demo, kind: restrictedKey, lacks: map[string]bool{
				permTokenRead: true, permConnectedRead: true, permConnectedWrite: true, permPaymentIntentWrite: true}},
			NoAccountReadKey:           {account: demo, kind: restrictedKey, lacks: map[string]bool{permAccountRead: true}},
			ExpiredKey:                 {account: demo, kind: secretKey, expired: true},
			OtherAccountSecretKey:      {account: other, kind: secretKey},
			OtherAccountPublishableKey: {account: other, kind: publishableKey},
			OrgKey:                     {kind: orgKey},
			ClaimableKey:               {account: demo, kind: secretKey},
		},
		org:             map[string]*platform{demo.id: demo, other.id: other},
		connectEnabled:  true,
		profileComplete: true,
		connected:       map[string]*platform{},
		idem:            map[string]*stored{},
	}
}

// Start serves a new simulator on loopback.
func Start(opts sandbox.Options) (*sandbox.Server, *Sim, error) {
	s := New()
	srv, err := sandbox.Serve(s, opts)
	if err != nil {
		return nil, nil, err
	}
	return srv, s, nil
}

func newPlatform(id, name, email string) *platform {
	return &platform{id: id, name: name, email: email, tokens: map[string]bool{}, payments: map[string]*payment{}, status: activeStatus}
}

// SetAccountStatus sets what the demo account's answer says about going
// live (charges, payouts, requirements).
func (s *Sim) SetAccountStatus(st AccountStatus) {
	s.mu.Lock()
	s.keys[sandbox.DemoStripeSecretKey].account.status = st
	s.mu.Unlock()
}

// SetPlatformLosses sets who the platform profile says covers connected
// accounts' losses ("stripe" or "application"); a test account asking for
// the other is refused. "" allows either (the default).
func (s *Sim) SetPlatformLosses(who string) {
	s.mu.Lock()
	s.profileLosses = who
	s.mu.Unlock()
}

// SetConnectEnabled switches between a platform that signed up for Connect
// and one that did not (account creation then fails as on Stripe).
func (s *Sim) SetConnectEnabled(on bool) {
	s.mu.Lock()
	s.connectEnabled = on
	s.mu.Unlock()
}

// SetPlatformProfileComplete switches the Connect platform profile between
// done and not done.
func (s *Sim) SetPlatformProfileComplete(done bool) {
	s.mu.Lock()
	s.profileComplete = done
	s.mu.Unlock()
}

// ConnectedAccounts counts the connected accounts that exist now.
func (s *Sim) ConnectedAccounts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.connected)
}

// CreatedAccounts counts every connected account ever created.
func (s *Sim) CreatedAccounts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.created
}

// Requests counts the requests that reached the simulator.
func (s *Sim) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// request is one authenticated call, its parameters decoded.
type request struct {
	r      *http.Request
	key    string
	entry  keyEntry
	params map[string]any
}

func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	s.mu.Unlock()
	w.Header().Set("Request-Id", "req_"+randomID(14))
	if v := r.Header.Get("Stripe-Version"); v != "" {
		w.Header().Set("Stripe-Version", v)
	}

	route, id := match(r.Method, r.URL.Path)
	if route == nil {
		writeError(w, errUnrecognizedURL(r.Method, r.URL.Path))
		return
	}
	req, aerr := s.authenticate(r, route.secretOnly)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	if route.permission != "" && req.entry.lacks[route.permission] {
		writeError(w, errPermission(req.key, req.entry.account.id, route.permission))
		return
	}
	if aerr := readParams(r, req); aerr != nil {
		writeError(w, aerr)
		return
	}
	if bad := unknownParam(req.params, route.params); bad != "" {
		writeError(w, errUnknownParam(bad))
		return
	}
	if idemKey := r.Header.Get("Idempotency-Key"); r.Method == http.MethodPost && idemKey != "" {
		s.idempotent(w, req, route, id, req.entry.account.id+"\x00"+r.URL.Path+"\x00"+idemKey)
		return
	}
	status, body := s.answer(route.handle(s, req, id))
	writeRaw(w, status, body)
}

// idempotent answers a POST once per key and replays that answer for
// repeats, as Stripe does for 24 hours.
func (s *Sim) idempotent(w http.ResponseWriter, req *request, rt *route, id, key string) {
	s.mu.Lock()
	prev, seen := s.idem[key]
	if !seen {
		prev = &stored{done: make(chan struct{})}
		s.idem[key] = prev
	}
	s.mu.Unlock()
	if seen {
		select {
		case <-prev.done:
		case <-req.r.Context().Done():
			return
		}
		w.Header().Set("Idempotent-Replayed", "true")
		writeRaw(w, prev.status, prev.body)
		return
	}
	prev.status, prev.body = s.answer(rt.handle(s, req, id))
	close(prev.done)
	writeRaw(w, prev.status, prev.body)
}

func (s *Sim) answer(v any, aerr *apiError) (int, []byte) {
	if aerr != nil {
		b, _ := json.MarshalIndent(map[string]any{"error": aerr}, "", "  ")
		return aerr.status, b
	}
	b, _ := json.MarshalIndent(v, "", "  ")
	return http.StatusOK, b
}

func writeError(w http.ResponseWriter, e *apiError) {
	b, _ := json.MarshalIndent(map[string]any{"error": e}, "", "  ")
	writeRaw(w, e.status, b)
}

func writeRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// authenticate reads the key from Bearer or Basic auth (Stripe takes both)
// and rejects it as Stripe would.
func (s *Sim) authenticate(r *http.Request, secretOnly bool) (*request, *apiError) {
	key := ""
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		key = strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
	} else if u, _, ok := r.BasicAuth(); ok {
		key = u
	}
	if key == "" {
		return nil, errNoKey()
	}
	e, ok := s.keys[key]
	switch {
	case !ok:
		return nil, errInvalidKey(key)
	case e.expired:
		return nil, errExpiredKey(key)
	case secretOnly && e.kind == publishableKey:
		return nil, errPublishable()
	case e.kind == orgKey:
		ctx := strings.TrimSpace(r.Header.Get("Stripe-Context"))
		if ctx == "" {
			return nil, errOrgNoContext()
		}
		acct := s.org[ctx]
		if acct == nil {
			return nil, errOrgUnknownAccount(key, ctx)
		}
		e = keyEntry{account: acct, kind: secretKey}
	}
	return &request{r: r, key: key, entry: e}, nil
}

// readParams decodes the query (GET, DELETE) or the form body (POST).
func readParams(r *http.Request, req *request) *apiError {
	raw := r.URL.RawQuery
	if r.Method == http.MethodPost {
		if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
			return invalidRequest(http.StatusBadRequest, "", "", "Invalid request: unsupported Content-Type "+ct+". If error persists and you need assistance, please contact support@stripe.com.")
		}
		b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			return invalidRequest(http.StatusBadRequest, "", "", "Invalid request body.")
		}
		raw = string(b)
	}
	form, err := url.ParseQuery(raw)
	if err != nil {
		return invalidRequest(http.StatusBadRequest, "", "", "Invalid request: the body could not be decoded as form parameters.")
	}
	params, bad := decodeForm(form)
	if bad != "" {
		return invalidRequest(http.StatusBadRequest, "", bad, "Invalid array or hash parameter: "+bad)
	}
	req.params = params
	return nil
}

func randomID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	s := base64.RawURLEncoding.EncodeToString(b)
	s = strings.NewReplacer("-", "x", "_", "Z").Replace(s)
	return s[:n]
}

func now() int64 { return time.Now().Unix() }
