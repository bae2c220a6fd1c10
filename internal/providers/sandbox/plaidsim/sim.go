// Package plaidsim is a local stand-in for Plaid Sandbox, for `--demo` and
// the tests. It answers the calls onboard makes with Plaid's paths, request
// validation, JSON shapes, token formats and error objects (as Plaid's
// OpenAPI spec for version 2020-09-14 describes them), and it keeps the Items
// it creates in memory so a test can prove they were removed.
package plaidsim

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

// Sim is the simulator. It is an http.Handler; all methods are safe for
// concurrent use.
type Sim struct {
	mu       sync.Mutex
	items    map[string]item   // item_id → Item
	public   map[string]string // public_token → item_id, until exchanged
	access   map[string]string // access_token → item_id
	failNext []forcedError     // errors the next matching requests answer with
	requests int
	// redirects are the dashboard's Allowed redirect URIs; disabled are
	// products the account is not enabled for.
	redirects []string
	disabled  []string
}

// item is a test Item. As in Plaid, it exists from the moment its public
// token is created, and only an access token can remove it.
type item struct {
	institutionID string
	products      []string
}

// New returns an empty simulator.
func New() *Sim {
	return &Sim{items: map[string]item{}, public: map[string]string{}, access: map[string]string{}}
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

// Items is how many Items exist: created by /sandbox/public_token/create and
// not yet removed, whether or not their token was exchanged.
func (s *Sim) Items() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

// AllowRedirectURIs adds to the account's Allowed redirect URIs (Developers
// > API in the dashboard): a Link token asked for with any other
// redirect_uri is refused, as Plaid refuses it. None is allowed at first.
func (s *Sim) AllowRedirectURIs(uris ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.redirects = append(s.redirects, uris...)
}

// DisableProducts makes the account one that is not enabled for these
// products: a Link token that asks for one is refused.
func (s *Sim) DisableProducts(products ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.disabled = append(s.disabled, products...)
}

// Requests is how many requests reached the simulator.
func (s *Sim) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// forcedError is one queued FailNext or FailNextOn; an empty path matches
// any request.
type forcedError struct {
	path, code string
}

// FailNext makes the next request (whatever its path) answer with Plaid's
// error object for code, so tests can reach every error a person may meet.
// Calls queue up: two calls fail the next two requests. Unknown codes panic,
// since that is a mistake in the test.
func (s *Sim) FailNext(code string) { s.FailNextOn("", code) }

// FailNextOn is FailNext for the next request to path only, for tests where
// calls to other paths run at the same time and "the next request" would be
// a race. As in Plaid, a create that fails makes no Item.
func (s *Sim) FailNextOn(path, code string) {
	if _, ok := codes[code]; !ok {
		panic("plaidsim: unknown error code " + code)
	}
	if _, ok := endpoints[path]; path != "" && !ok {
		panic("plaidsim: FailNextOn for a path Plaid does not serve here: " + path)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = append(s.failNext, forcedError{path, code})
}

// takeForced removes and returns the first queued error that matches path.
// The caller holds s.mu.
func (s *Sim) takeForced(path string) string {
	for i, f := range s.failNext {
		if f.path == "" || f.path == path {
			s.failNext = append(s.failNext[:i:i], s.failNext[i+1:]...)
			return f.code
		}
	}
	return ""
}

// endpoint describes one path: the fields its body may hold (besides the
// credentials), the ones it needs, and the handler.
type endpoint struct {
	allowed  []string
	required []string
	handle   func(s *Sim, body map[string]json.RawMessage) (any, *plaidError)
}

var endpoints = map[string]endpoint{
	"/sandbox/public_token/create": {
		allowed:  []string{"institution_id", "initial_products", "options", "user_token", "user_id"},
		required: []string{"institution_id", "initial_products"},
		handle:   (*Sim).publicTokenCreate,
	},
	"/item/public_token/exchange": {
		allowed:  []string{"public_token"},
		required: []string{"public_token"},
		handle:   (*Sim).publicTokenExchange,
	},
	"/item/remove": {
		allowed:  []string{"access_token", "reason_code", "reason_note"},
		required: []string{"access_token"},
		handle:   (*Sim).itemRemove,
	},
	"/institutions/get_by_id": {
		allowed:  []string{"institution_id", "country_codes", "options"},
		required: []string{"institution_id", "country_codes"},
		handle:   (*Sim).institutionsGetByID,
	},
	"/institutions/get": {
		allowed:  []string{"count", "offset", "country_codes", "options"},
		required: []string{"count", "offset", "country_codes"},
		handle:   (*Sim).institutionsGet,
	},
	"/link/token/create": {
		allowed: []string{"client_name", "language", "country_codes", "user", "user_id", "user_token", "products",
			"required_if_supported_products", "optional_products", "additional_consented_products", "webhook",
			"access_token", "link_customization_name", "redirect_uri", "android_package_name", "account_filters",
			"institution_id", "payment_initiation", "employment", "income_verification", "cra_options",
			"consumer_report_permissible_purpose", "auth", "transfer", "update", "identity_verification",
			"statements", "investments", "investments_auth", "hosted_link", "transactions", "enable_multi_item_link"},
		required: []string{"client_name", "language", "country_codes"},
		handle:   (*Sim).linkTokenCreate,
	},
}

// ServeHTTP answers one call the way Plaid Sandbox would.
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := requestID()
	s.mu.Lock()
	s.requests++
	forced := s.takeForced(r.URL.Path)
	s.mu.Unlock()

	if forced != "" {
		writeError(w, reqID, newError(forced, ""))
		return
	}
	ep, ok := endpoints[r.URL.Path]
	if !ok || r.Method != http.MethodPost {
		writeError(w, reqID, newError("NOT_FOUND", ""))
		return
	}
	body, perr := readBody(r)
	if perr == nil {
		perr = checkFields(body, ep)
	}
	if perr == nil {
		perr = checkCredentials(r, body)
	}
	if perr != nil {
		writeError(w, reqID, perr)
		return
	}
	out, perr := ep.handle(s, body)
	if perr != nil {
		writeError(w, reqID, perr)
		return
	}
	resp := map[string]any{}
	b, _ := json.Marshal(out)
	_ = json.Unmarshal(b, &resp)
	resp["request_id"] = reqID
	writeJSON(w, http.StatusOK, resp)
}

func readBody(r *http.Request) (map[string]json.RawMessage, *plaidError) {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(http.MaxBytesReader(nil, r.Body, 1<<20)); err != nil {
		return nil, newError("INVALID_BODY", "")
	}
	body := map[string]json.RawMessage{}
	dec := json.NewDecoder(&buf)
	if err := dec.Decode(&body); err != nil || dec.More() {
		return nil, newError("INVALID_BODY", "")
	}
	return body, nil
}

func checkFields(body map[string]json.RawMessage, ep endpoint) *plaidError {
	var unknown, missing []string
	for k := range body {
		if k != "client_id" && k != "secret" && !contains(ep.allowed, k) {
			unknown = append(unknown, k)
		}
	}
	for _, k := range ep.required {
		if v, ok := body[k]; !ok || string(v) == "null" {
			missing = append(missing, k)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		return newError("UNKNOWN_FIELDS", "the following fields are not recognized by this endpoint: "+strings.Join(unknown, ", "))
	}
	if len(missing) > 0 {
		return newError("MISSING_FIELDS", "the following required fields are missing: "+strings.Join(missing, ", "))
	}
	return nil
}

var (
	clientIDShape = regexp.MustCompile(`^[0-9a-f]{24}$`)
	uuidPart      = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
	publicShape   = regexp.MustCompile(`^public-sandbox-` + uuidPart + `$`)
	accessShape   = regexp.MustCompile(`^access-sandbox-` + uuidPart + `$`)
)

// checkCredentials reads client_id and secret from the headers or, as Plaid
// also allows, from the body.
func checkCredentials(r *http.Request, body map[string]json.RawMessage) *plaidError {
	id, secret := r.Header.Get("PLAID-CLIENT-ID"), r.Header.Get("PLAID-SECRET")
	if id == "" {
		_ = json.Unmarshal(body["client_id"], &id)
	}
	if secret == "" {
		_ = json.Unmarshal(body["secret"], &secret)
	}
	var missing []string
	if id == "" {
		missing = append(missing, "client_id")
	}
	if secret == "" {
		missing = append(missing, "secret")
	}
	if len(missing) > 0 {
		return newError("MISSING_FIELDS", "the following required fields are missing: "+strings.Join(missing, ", "))
	}
	if !clientIDShape.MatchString(id) {
		return newError("INVALID_FIELD", "client_id must be a properly formatted, non-empty string")
	}
	if id != sandbox.DemoPlaidClientID || secret != sandbox.DemoPlaidSecret {
		return newError("INVALID_API_KEYS", "")
	}
	return nil
}

func decodeField(body map[string]json.RawMessage, name string, into any, want string) *plaidError {
	raw, ok := body[name]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(raw, into); err != nil {
		return newError("INVALID_FIELD", fmt.Sprintf("%s must be %s", name, want))
	}
	return nil
}

func (s *Sim) publicTokenCreate(body map[string]json.RawMessage) (any, *plaidError) {
	var instID string
	var initial []string
	var options map[string]json.RawMessage
	for _, e := range []*plaidError{
		decodeField(body, "institution_id", &instID, "a string"),
		decodeField(body, "initial_products", &initial, "an array of strings"),
		decodeField(body, "options", &options, "an object"),
	} {
		if e != nil {
			return nil, e
		}
	}
	if len(initial) == 0 {
		return nil, newError("INVALID_FIELD", "initial_products must be a non-empty array")
	}
	for k := range options {
		if !contains([]string{"webhook", "override_username", "override_password", "transactions", "statements", "income_verification"}, k) {
			return nil, newError("UNKNOWN_FIELDS", "the following fields are not recognized by this endpoint: options."+k)
		}
	}
	var bad []string
	for _, p := range initial {
		if !contains(products, p) {
			bad = append(bad, p)
		}
	}
	if len(bad) > 0 {
		return nil, newError("INVALID_PRODUCT", "invalid product names: ["+strings.Join(bad, ", ")+"]")
	}
	in, ok := findInstitution(instID)
	if !ok {
		return nil, newError("INVALID_INSTITUTION", "")
	}
	if in.Refuse != "" {
		return nil, newError(in.Refuse, "")
	}
	var unsupported []string
	for _, p := range initial {
		if !in.supports(p) {
			unsupported = append(unsupported, p)
		}
	}
	if len(unsupported) > 0 {
		return nil, newError("PRODUCTS_NOT_SUPPORTED", "the following products are not supported by this institution: "+strings.Join(unsupported, ", "))
	}
	tok, id := "public-sandbox-"+uuid(), itemID()
	s.mu.Lock()
	s.items[id] = item{institutionID: in.ID, products: initial}
	s.public[tok] = id
	s.mu.Unlock()
	return map[string]any{"public_token": tok}, nil
}

func (s *Sim) publicTokenExchange(body map[string]json.RawMessage) (any, *plaidError) {
	var tok string
	if e := decodeField(body, "public_token", &tok, "a string"); e != nil {
		return nil, e
	}
	if !publicShape.MatchString(tok) {
		return nil, newError("INVALID_PUBLIC_TOKEN", "provided public token is in an invalid format. expected format: public-<environment>-<identifier>")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.public[tok]
	if _, alive := s.items[id]; !ok || !alive {
		return nil, newError("INVALID_PUBLIC_TOKEN", "")
	}
	delete(s.public, tok) // a public token is good for one exchange
	access := "access-sandbox-" + uuid()
	s.access[access] = id
	return map[string]any{"access_token": access, "item_id": id}, nil
}

func (s *Sim) itemRemove(body map[string]json.RawMessage) (any, *plaidError) {
	var tok string
	if e := decodeField(body, "access_token", &tok, "a string"); e != nil {
		return nil, e
	}
	if !accessShape.MatchString(tok) {
		return nil, newError("INVALID_ACCESS_TOKEN", "")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.access[tok]
	if !ok {
		return nil, newError("INVALID_ACCESS_TOKEN", "could not find matching access token")
	}
	delete(s.access, tok)
	delete(s.items, id)
	return map[string]any{}, nil
}

func decodeCountries(body map[string]json.RawMessage) ([]string, *plaidError) {
	var cc []string
	if e := decodeField(body, "country_codes", &cc, "an array of country codes"); e != nil {
		return nil, e
	}
	if len(cc) == 0 {
		return nil, newError("INVALID_FIELD", "country_codes must be a non-empty array")
	}
	for _, c := range cc {
		if !contains(countryCodes, c) {
			return nil, newError("INVALID_FIELD", "invalid country code: "+c)
		}
	}
	return cc, nil
}

func (s *Sim) institutionsGetByID(body map[string]json.RawMessage) (any, *plaidError) {
	var id string
	if e := decodeField(body, "institution_id", &id, "a string"); e != nil {
		return nil, e
	}
	cc, e := decodeCountries(body)
	if e != nil {
		return nil, e
	}
	in, ok := findInstitution(id)
	if !ok || !in.inCountry(cc) {
		return nil, newError("INVALID_INSTITUTION", "")
	}
	return map[string]any{"institution": in.json()}, nil
}

func (s *Sim) institutionsGet(body map[string]json.RawMessage) (any, *plaidError) {
	var count, offset int
	for _, e := range []*plaidError{
		decodeField(body, "count", &count, "an integer"),
		decodeField(body, "offset", &offset, "an integer"),
	} {
		if e != nil {
			return nil, e
		}
	}
	if count < 1 || count > 500 || offset < 0 {
		return nil, newError("INVALID_FIELD", "count must be between 1 and 500 and offset at least 0")
	}
	cc, e := decodeCountries(body)
	if e != nil {
		return nil, e
	}
	var match []map[string]any
	for _, in := range institutions {
		if in.inCountry(cc) {
			match = append(match, in.json())
		}
	}
	total := len(match)
	if offset > total {
		offset = total
	}
	end := offset + count
	if end > total {
		end = total
	}
	return map[string]any{"institutions": match[offset:end], "total": total}, nil
}

// redirectRefused is Plaid's message for a redirect_uri the dashboard does
// not list.
const redirectRefused = "OAuth redirect URI must be configured in the developer dashboard. See https://dashboard.plaid.com/team/api"

// linkTokenCreate checks a Link token request the way Plaid does for the
// account: the fields every request needs, the products it may use, the
// settings some products need (the spec's descriptions of
// LinkTokenCreateRequest's properties) and the redirect URI against the
// allow-list, in that order.
func (s *Sim) linkTokenCreate(body map[string]json.RawMessage) (any, *plaidError) {
	q, e := decodeLinkRequest(body)
	if e != nil {
		return nil, e
	}
	if e := q.checkRequired(body); e != nil {
		return nil, e
	}
	if e := s.checkLinkProducts(q); e != nil {
		return nil, e
	}
	if missing := q.missingSettings(); len(missing) > 0 {
		return nil, newError("MISSING_FIELDS", "the following required fields are missing: "+strings.Join(missing, ", "))
	}
	if q.redirect != "" && !contains(s.allowedRedirects(), q.redirect) {
		return nil, newError("INVALID_FIELD", redirectRefused)
	}
	// A link token lives 4 hours (LinkTokenCreateResponse.expiration).
	exp := time.Now().UTC().Add(4 * time.Hour).Truncate(time.Second).Format(time.RFC3339)
	return map[string]any{"link_token": "link-sandbox-" + uuid(), "expiration": exp}, nil
}

// linkRequest holds the fields of a /link/token/create body the simulator
// checks.
type linkRequest struct {
	name, lang, redirect, userID, userToken, purpose, access string
	products                                                 []string
	user, payment, idv, statements                           map[string]json.RawMessage
}

// decodeLinkRequest reads the fields; a field of the wrong type is an
// error, the first in this order.
func decodeLinkRequest(body map[string]json.RawMessage) (*linkRequest, *plaidError) {
	q := &linkRequest{}
	for _, e := range []*plaidError{
		decodeField(body, "client_name", &q.name, "a non-empty string"),
		decodeField(body, "language", &q.lang, "a language code"),
		decodeField(body, "redirect_uri", &q.redirect, "a string"),
		decodeField(body, "user_id", &q.userID, "a string"),
		decodeField(body, "user_token", &q.userToken, "a string"),
		decodeField(body, "consumer_report_permissible_purpose", &q.purpose, "a string"),
		decodeField(body, "access_token", &q.access, "a string"),
		decodeField(body, "products", &q.products, "an array of strings"),
		decodeField(body, "user", &q.user, "an object"),
		decodeField(body, "payment_initiation", &q.payment, "an object"),
		decodeField(body, "identity_verification", &q.idv, "an object"),
		decodeField(body, "statements", &q.statements, "an object"),
	} {
		if e != nil {
			return nil, e
		}
	}
	return q, nil
}

// checkRequired checks what every Link token request needs: a client name,
// a language Link is offered in, valid countries and a user (the user
// object with a client_user_id, or the older user_id).
func (q *linkRequest) checkRequired(body map[string]json.RawMessage) *plaidError {
	if q.name == "" {
		return newError("INVALID_FIELD", "client_name must be a non-empty string")
	}
	if !contains(linkLanguages, q.lang) {
		return newError("INVALID_FIELD", "language must be one of: "+strings.Join(linkLanguages, ", "))
	}
	if _, e := decodeCountries(body); e != nil {
		return e
	}
	var clientUserID string
	_ = json.Unmarshal(q.user["client_user_id"], &clientUserID)
	switch {
	case q.user == nil && q.userID == "":
		return newError("MISSING_FIELDS", "the following required fields are missing: user")
	case q.user != nil && clientUserID == "":
		return newError("MISSING_FIELDS", "the following required fields are missing: user.client_user_id")
	}
	return nil
}

// checkLinkProducts checks the products: at least one (unless an access
// token names the Item), each one Link knows and this account may use,
// Consumer Report products with cra_base_report, and payment_initiation
// alone.
func (s *Sim) checkLinkProducts(q *linkRequest) *plaidError {
	if len(q.products) == 0 && q.access == "" {
		return newError("INVALID_FIELD", "products must be a non-empty array")
	}
	var bad, off []string
	for _, p := range q.products {
		switch {
		case !contains(linkProducts, p):
			bad = append(bad, p)
		case contains(s.disabledProducts(), p):
			off = append(off, p)
		}
	}
	switch {
	case len(bad) > 0:
		return newError("INVALID_PRODUCT", "invalid product names: ["+strings.Join(bad, ", ")+"]")
	case len(off) > 0:
		return newError("INVALID_PRODUCT", "client is not authorized to access the following products: ["+strings.Join(off, ", ")+"]")
	case q.consumerReport() && !q.has("cra_base_report"):
		return newError("INVALID_FIELD", "cra_base_report is required in products when Consumer Report products are")
	case q.has("payment_initiation") && len(q.products) > 1:
		return newError("INVALID_FIELD", "payment_initiation cannot be combined with other products")
	}
	return nil
}

// missingSettings are the fields the chosen products need that the request
// does not have.
func (q *linkRequest) missingSettings() []string {
	var missing []string
	need := func(ok bool, field string) {
		if !ok {
			missing = append(missing, field)
		}
	}
	if q.consumerReport() {
		need(q.userID != "" || q.userToken != "", "user_id")
		need(q.purpose != "", "consumer_report_permissible_purpose")
	}
	if q.has("payment_initiation") {
		need(q.payment["payment_id"] != nil || q.payment["consent_id"] != nil, "payment_initiation.payment_id")
	}
	if q.has("identity_verification") {
		need(q.idv["template_id"] != nil, "identity_verification.template_id")
	}
	if q.has("statements") {
		need(q.statements["start_date"] != nil, "statements.start_date")
		need(q.statements["end_date"] != nil, "statements.end_date")
	}
	return missing
}

func (q *linkRequest) has(product string) bool { return contains(q.products, product) }

// consumerReport reports whether any product is a Consumer Report one.
func (q *linkRequest) consumerReport() bool {
	for _, p := range q.products {
		if strings.HasPrefix(p, "cra_") {
			return true
		}
	}
	return false
}

func (s *Sim) allowedRedirects() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.redirects...)
}

func (s *Sim) disabledProducts() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.disabled...)
}

func writeError(w http.ResponseWriter, reqID string, e *plaidError) {
	e.RequestID = reqID
	writeJSON(w, e.httpStatus, e)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// uuid is a random RFC 4122 version 4 UUID, the identifier part of every
// Plaid token.
func uuid() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func randomBase62(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = base62[int(b[i])%len(base62)]
	}
	return string(b)
}

// itemID has the look of Plaid's: 37 letters and digits.
func itemID() string { return randomBase62(37) }

// requestID has the look of Plaid's: 15 letters and digits.
func requestID() string { return randomBase62(15) }
