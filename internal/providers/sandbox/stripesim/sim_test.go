package stripesim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

type answer struct {
	status int
	header http.Header
	body   map[string]any
}

func (a answer) errField(k string) string {
	e, _ := a.body["error"].(map[string]any)
	s, _ := e[k].(string)
	return s
}

func call(t *testing.T, s *Sim, method, path, key string, form url.Values, hdr map[string]string) answer {
	t.Helper()
	var body *strings.Reader
	if method == http.MethodPost {
		body = strings.NewReader(form.Encode())
	} else {
		if len(form) > 0 {
			path += "?" + form.Encode()
		}
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, path, body)
	if method == http.MethodPost {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if key != "" {
		r.Header.Set("Authorization", "Bearer "+key)
	}
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	var out map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: answer is not JSON", method, path)
	}
	return answer{w.Code, w.Header(), out}
}

var expressForm = url.Values{
	"type": {"express"}, "country": {"US"},
	"capabilities[card_payments][requested]": {"true"},
	"capabilities[transfers][requested]":     {"true"},
}

func TestAuthenticationErrorsAsStripeSendsThem(t *testing.T) {
	s := New()
	unknown := "sk_test_51NotAKeyOnb0ardAbCdWxYz"
	cases := []struct {
		name, method, path, key string
		status                  int
		code, msg               string
	}{
		{"no key", http.MethodGet, "/v1/account", "", 401, "", "You did not provide an API key."},
		{"unknown key", http.MethodGet, "/v1/account", unknown, 401, "", "Invalid API Key provided: sk_test_****WxYz"},
		{"rolled key", http.MethodGet, "/v1/account", ExpiredKey, 401, "api_key_expired", "Expired API Key provided: sk_test_****"},
		{"publishable key on a secret endpoint", http.MethodGet, "/v1/account", sandbox.DemoStripePublishableKey, 401, "", "This API call cannot be made with a publishable API key. Please use a secret API key."},
		// A missing permission: 403, a null code, the permission named in
		// the message (there is no more_permissions_required code).
		{"restricted key without Connect permission", http.MethodGet, "/v1/accounts", RestrictedKey, 403, "", "Having the 'rak_connected_account_read' permission"},
		{"restricted key that may not read the account", http.MethodGet, "/v1/account", NoAccountReadKey, 403, "", "Having the 'rak_accounts_kyc_id_numbers_read' permission"},
		{"organization key without Stripe-Context", http.MethodGet, "/v1/account", OrgKey, 400, "", "Stripe-Context"},
		{"unknown URL", http.MethodGet, "/v1/nope", sandbox.DemoStripeSecretKey, 404, "", "Unrecognized request URL (GET: /v1/nope)"},
	}
	for _, c := range cases {
		a := call(t, s, c.method, c.path, c.key, nil, nil)
		e, _ := a.body["error"].(map[string]any)
		if _, has := e["code"]; has && c.code == "" {
			t.Errorf("%s: the error has a code field", c.name)
		}
		if a.status != c.status || a.errField("code") != c.code || !strings.Contains(a.errField("message"), c.msg) || a.errField("type") != "invalid_request_error" {
			t.Errorf("%s: HTTP %d code %q message %q", c.name, a.status, a.errField("code"), a.errField("message"))
		}
		if !strings.HasPrefix(a.header.Get("Request-Id"), "req_") {
			t.Errorf("%s: no Request-Id header", c.name)
		}
		if c.key != "" && strings.Contains(a.errField("message"), c.key) {
			t.Errorf("%s: the error quotes the full key", c.name)
		}
	}
}

func TestAccountAndTokens(t *testing.T) {
	s := New()
	acc := call(t, s, http.MethodGet, "/v1/account", sandbox.DemoStripeSecretKey, nil, nil)
	settings, _ := acc.body["settings"].(map[string]any)
	dash, _ := settings["dashboard"].(map[string]any)
	if acc.status != 200 || acc.body["id"] != sandbox.DemoStripeAccountID || acc.body["object"] != "account" || dash["display_name"] != sandbox.DemoStripeAccountName {
		t.Fatalf("account: HTTP %d %v", acc.status, acc.body["id"])
	}
	basic := httptest.NewRequest(http.MethodGet, "/v1/account", nil)
	basic.SetBasicAuth(sandbox.DemoStripeSecretKey, "")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, basic)
	if w.Code != 200 {
		t.Fatalf("basic auth: HTTP %d", w.Code)
	}

	tok := call(t, s, http.MethodPost, "/v1/tokens", sandbox.DemoStripePublishableKey, url.Values{"pii[id_number]": {"000000000"}}, nil)
	id, _ := tok.body["id"].(string)
	if tok.status != 200 || !strings.HasPrefix(id, "tok_") || tok.body["type"] != "pii" || tok.body["livemode"] != false {
		t.Fatalf("token create: HTTP %d %v", tok.status, tok.body)
	}
	if got := call(t, s, http.MethodGet, "/v1/tokens/"+id, sandbox.DemoStripeSecretKey, nil, nil); got.status != 200 || got.body["id"] != id {
		t.Fatalf("token read by the same account: HTTP %d", got.status)
	}
	other := call(t, s, http.MethodGet, "/v1/tokens/"+id, OtherAccountSecretKey, nil, nil)
	if other.status != 404 || other.errField("code") != "resource_missing" || other.errField("message") != "No such token: '"+id+"'" {
		t.Fatalf("token read by another account: HTTP %d %q", other.status, other.errField("message"))
	}
}

func TestParameterErrors(t *testing.T) {
	s := New()
	sk := sandbox.DemoStripeSecretKey
	cases := []struct {
		name, path string
		form       url.Values
		code       string
		param      string
	}{
		{"unknown top-level", "/v1/accounts", url.Values{"type": {"standard"}, "bogus": {"1"}}, "parameter_unknown", "bogus"},
		{"unknown pii field", "/v1/tokens", url.Values{"pii[name]": {"x"}}, "parameter_unknown", "pii[name]"},
		{"token without pii", "/v1/tokens", url.Values{}, "parameter_missing", "pii"},
		{"account without type or controller", "/v1/accounts", url.Values{"country": {"US"}}, "parameter_missing", "type"},
		{"unknown controller property", "/v1/accounts", url.Values{"controller[fees][who]": {"account"}}, "parameter_unknown", "controller[fees][who]"},
		{"payment without amount", "/v1/payment_intents", url.Values{"currency": {"usd"}}, "parameter_missing", "amount"},
		{"payment below the minimum", "/v1/payment_intents", url.Values{"amount": {"10"}, "currency": {"usd"}}, "amount_too_small", "amount"},
		{"confirmed payment that might redirect", "/v1/payment_intents", url.Values{"amount": {"100"}, "currency": {"usd"}, "payment_method": {"pm_card_visa"}, "confirm": {"true"}}, "", "return_url"},
		{"unknown payment method", "/v1/payment_intents", url.Values{"amount": {"100"}, "currency": {"usd"}, "payment_method": {"pm_nope"}}, "resource_missing", "payment_method"},
		{"express without transfers", "/v1/accounts", url.Values{"type": {"express"}}, "parameter_missing", "capabilities"},
		{"unknown capability field", "/v1/accounts", url.Values{"type": {"standard"}, "capabilities[transfers][wanted]": {"true"}}, "parameter_unknown", "capabilities[transfers][wanted]"},
	}
	for _, c := range cases {
		a := call(t, s, http.MethodPost, c.path, sk, c.form, nil)
		if a.status/100 != 4 || a.errField("code") != c.code || a.errField("param") != c.param {
			t.Errorf("%s: HTTP %d code %q param %q", c.name, a.status, a.errField("code"), a.errField("param"))
		}
	}
	if n := s.ConnectedAccounts(); n != 0 {
		t.Fatalf("a rejected request created %d accounts", n)
	}
}

func TestConnectedAccountsLifecycle(t *testing.T) {
	s := New()
	sk := sandbox.DemoStripeSecretKey
	created := call(t, s, http.MethodPost, "/v1/accounts", sk, expressForm, nil)
	id, _ := created.body["id"].(string)
	if created.status != 200 || !strings.HasPrefix(id, "acct_") || created.body["type"] != "express" || s.ConnectedAccounts() != 1 {
		t.Fatalf("create: HTTP %d, %d accounts", created.status, s.ConnectedAccounts())
	}
	list := call(t, s, http.MethodGet, "/v1/accounts", sk, url.Values{"limit": {"1"}}, nil)
	if data, _ := list.body["data"].([]any); list.body["object"] != "list" || len(data) != 1 {
		t.Fatalf("list: %v", list.body)
	}
	if other := call(t, s, http.MethodDelete, "/v1/accounts/"+id, OtherAccountSecretKey, nil, nil); other.status != 404 {
		t.Fatalf("another platform deleted the account: HTTP %d", other.status)
	}
	del := call(t, s, http.MethodDelete, "/v1/accounts/"+id, sk, nil, nil)
	if !reflect.DeepEqual(del.body, map[string]any{"id": id, "object": "account", "deleted": true}) || s.ConnectedAccounts() != 0 {
		t.Fatalf("delete: %v", del.body)
	}
	if again := call(t, s, http.MethodDelete, "/v1/accounts/"+id, sk, nil, nil); again.status != 404 || again.errField("code") != "resource_missing" {
		t.Fatalf("second delete: HTTP %d", again.status)
	}
}

// Connected accounts are made with the controller properties; the legacy
// type is reported back, and "none" for a combination that had no name.
func TestControllerProperties(t *testing.T) {
	s := New()
	sk := sandbox.DemoStripeSecretKey
	form := func(fees, losses, dash, reqs string) url.Values {
		f := url.Values{"controller[fees][payer]": {fees}, "controller[losses][payments]": {losses},
			"controller[stripe_dashboard][type]": {dash}, "controller[requirement_collection]": {reqs}}
		if dash != "full" {
			f.Set("capabilities[transfers][requested]", "true")
		}
		return f
	}
	cases := []struct {
		form   url.Values
		status int
		typ    string
	}{
		{form("account", "stripe", "full", "stripe"), 200, "standard"},
		{form("application", "application", "express", "stripe"), 200, "express"},
		{form("application", "application", "none", "application"), 200, "custom"},
		{form("application", "stripe", "full", "stripe"), 200, "none"},
		{form("account", "stripe", "full", "application"), 400, ""}, // only a platform with everything may collect
		{form("account", "stripe", "partial", "stripe"), 400, ""},
		{url.Values{"controller[stripe_dashboard][type]": {"express"}}, 400, ""}, // no transfers capability
	}
	for _, c := range cases {
		a := call(t, s, http.MethodPost, "/v1/accounts", sk, c.form, nil)
		if a.status != c.status || c.typ != "" && a.body["type"] != c.typ {
			t.Errorf("%v: HTTP %d type %v, want %d %q", c.form, a.status, a.body["type"], c.status, c.typ)
		}
	}
}

func TestConnectSwitches(t *testing.T) {
	s := New()
	s.SetConnectEnabled(false)
	if a := call(t, s, http.MethodPost, "/v1/accounts", sandbox.DemoStripeSecretKey, expressForm, nil); a.status != 400 || !strings.Contains(a.errField("message"), "signed up for Connect") {
		t.Fatalf("Connect off: HTTP %d %q", a.status, a.errField("message"))
	}
	s.SetConnectEnabled(true)
	s.SetPlatformProfileComplete(false)
	if a := call(t, s, http.MethodPost, "/v1/accounts", sandbox.DemoStripeSecretKey, expressForm, nil); a.status != 400 || !strings.Contains(a.errField("message"), "settings/connect/platform-profile") {
		t.Fatalf("profile incomplete: HTTP %d %q", a.status, a.errField("message"))
	}
	// A profile that says Stripe covers losses refuses an account whose
	// losses are the platform's, with a platform-profile message: Connect
	// itself is on.
	s.SetPlatformProfileComplete(true)
	s.SetPlatformLosses("stripe")
	if a := call(t, s, http.MethodPost, "/v1/accounts", sandbox.DemoStripeSecretKey, expressForm, nil); a.status != 400 || !strings.Contains(a.errField("message"), "settings/connect/platform-profile") || strings.Contains(a.errField("message"), "signed up for Connect") {
		t.Fatalf("profile conflict: HTTP %d %q", a.status, a.errField("message"))
	}
	if s.CreatedAccounts() != 0 {
		t.Fatal("an account was created while Connect was unavailable")
	}
	if a := call(t, s, http.MethodPost, "/v1/accounts", sandbox.DemoStripeSecretKey, url.Values{"type": {"standard"}}, nil); a.status != 200 {
		t.Fatalf("an account that fits the profile: HTTP %d %q", a.status, a.errField("message"))
	}
}

func TestTestPayments(t *testing.T) {
	s := New()
	sk := sandbox.DemoStripeSecretKey
	pay := func(pm string) url.Values {
		return url.Values{"amount": {"100"}, "currency": {"usd"}, "payment_method": {pm}, "payment_method_types[]": {"card"}, "confirm": {"true"}, "metadata[created_by]": {"onboard"}}
	}
	ok := call(t, s, http.MethodPost, "/v1/payment_intents", sk, pay("pm_card_visa"), nil)
	id, _ := ok.body["id"].(string)
	if ok.status != 200 || ok.body["status"] != "succeeded" || ok.body["amount_received"] != float64(100) || !strings.HasPrefix(id, "pi_") {
		t.Fatalf("succeeding payment: HTTP %d %v", ok.status, ok.body["status"])
	}
	if md, _ := ok.body["metadata"].(map[string]any); md["created_by"] != "onboard" {
		t.Errorf("metadata not kept: %v", ok.body["metadata"])
	}
	if again := call(t, s, http.MethodPost, "/v1/payment_intents/"+id+"/cancel", sk, nil, nil); again.status != 400 || again.errField("code") != "payment_intent_unexpected_state" {
		t.Errorf("cancelling a succeeded payment: HTTP %d %q", again.status, again.errField("code"))
	}

	no := call(t, s, http.MethodPost, "/v1/payment_intents", sk, pay("pm_card_chargeDeclined"), nil)
	e, _ := no.body["error"].(map[string]any)
	pi, _ := e["payment_intent"].(map[string]any)
	if no.status != 402 || e["type"] != "card_error" || e["code"] != "card_declined" || e["decline_code"] != "generic_decline" || pi["status"] != "requires_payment_method" {
		t.Fatalf("declined payment: HTTP %d %v", no.status, e)
	}
	declined, _ := pi["id"].(string)
	if other := call(t, s, http.MethodPost, "/v1/payment_intents/"+declined+"/cancel", OtherAccountSecretKey, nil, nil); other.status != 404 {
		t.Errorf("another account cancelled the payment: HTTP %d", other.status)
	}
	if c := call(t, s, http.MethodPost, "/v1/payment_intents/"+declined+"/cancel", sk, url.Values{"cancellation_reason": {"abandoned"}}, nil); c.status != 200 || c.body["status"] != "canceled" {
		t.Fatalf("cancel: HTTP %d %v", c.status, c.body["status"])
	}
	if got := s.Payments(); got["succeeded"] != 1 || got["canceled"] != 1 || len(got) != 2 {
		t.Fatalf("payments: %v", got)
	}
	if r := call(t, s, http.MethodPost, "/v1/payment_intents", RestrictedKey, pay("pm_card_visa"), nil); r.status != 403 || !strings.Contains(r.errField("message"), "rak_payment_intent_write") {
		t.Errorf("restricted key: HTTP %d %q", r.status, r.errField("message"))
	}
}

// The organization key acts for the account its Stripe-Context names.
func TestOrganizationKey(t *testing.T) {
	s := New()
	for _, c := range []struct {
		context string
		status  int
		id      string
	}{
		{sandbox.DemoStripeAccountID, 200, sandbox.DemoStripeAccountID},
		{OtherAccountID, 200, OtherAccountID},
		{"acct_1NotInTheOrg", 403, ""},
	} {
		a := call(t, s, http.MethodGet, "/v1/account", OrgKey, nil, map[string]string{"Stripe-Context": c.context})
		if a.status != c.status || c.id != "" && a.body["id"] != c.id {
			t.Errorf("Stripe-Context %s: HTTP %d %v", c.context, a.status, a.body["id"])
		}
	}
	// A token made with the demo account's publishable key is visible to
	// the organization key acting for the demo account only.
	tok := call(t, s, http.MethodPost, "/v1/tokens", sandbox.DemoStripePublishableKey, url.Values{"pii[id_number]": {"000000000"}}, nil)
	id, _ := tok.body["id"].(string)
	if a := call(t, s, http.MethodGet, "/v1/tokens/"+id, OrgKey, nil, map[string]string{"Stripe-Context": sandbox.DemoStripeAccountID}); a.status != 200 {
		t.Errorf("token read for the demo account: HTTP %d", a.status)
	}
	if a := call(t, s, http.MethodGet, "/v1/tokens/"+id, OrgKey, nil, map[string]string{"Stripe-Context": OtherAccountID}); a.status != 404 {
		t.Errorf("token read for the other account: HTTP %d", a.status)
	}
}

func TestAccountStatus(t *testing.T) {
	s := New()
	s.SetAccountStatus(AccountStatus{ChargesEnabled: true, CurrentlyDue: []string{"external_account"}, PastDue: []string{"individual.verification.document"}, DisabledReason: "requirements.past_due"})
	a := call(t, s, http.MethodGet, "/v1/account", sandbox.DemoStripeSecretKey, nil, nil)
	req, _ := a.body["requirements"].(map[string]any)
	if a.body["payouts_enabled"] != false || a.body["charges_enabled"] != true || req["disabled_reason"] != "requirements.past_due" || len(req["past_due"].([]any)) != 1 {
		t.Fatalf("status: %v", a.body)
	}
}

func TestIdempotencyKeyReplays(t *testing.T) {
	s := New()
	hdr := map[string]string{"Idempotency-Key": "k1"}
	first := call(t, s, http.MethodPost, "/v1/accounts", sandbox.DemoStripeSecretKey, expressForm, hdr)
	again := call(t, s, http.MethodPost, "/v1/accounts", sandbox.DemoStripeSecretKey, expressForm, hdr)
	if first.body["id"] != again.body["id"] || again.header.Get("Idempotent-Replayed") != "true" || s.CreatedAccounts() != 1 {
		t.Fatalf("replay made a new account (%d created)", s.CreatedAccounts())
	}
	other := call(t, s, http.MethodPost, "/v1/accounts", sandbox.DemoStripeSecretKey, expressForm, map[string]string{"Idempotency-Key": "k2"})
	if other.body["id"] == first.body["id"] || s.CreatedAccounts() != 2 {
		t.Fatal("a new key replayed an old answer")
	}
}

func TestDecodeForm(t *testing.T) {
	got, bad := decodeForm(url.Values{
		"a":                 {"1"},
		"b[c][d]":           {"2"},
		"b[e]":              {"3"},
		"expand[]":          {"x", "y"},
		"metadata[purpose]": {"test"},
	})
	want := map[string]any{
		"a":        "1",
		"b":        map[string]any{"c": map[string]any{"d": "2"}, "e": "3"},
		"expand":   []string{"x", "y"},
		"metadata": map[string]any{"purpose": "test"},
	}
	if bad != "" || !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeForm = %v (bad %q)", got, bad)
	}
	for _, form := range []url.Values{
		{"a": {"1"}, "a[b]": {"2"}}, // value and hash at once
		{"a[b": {"1"}},              // unclosed bracket
		{"[b]": {"1"}},              // no name
		{"a": {"1", "2"}},           // repeated scalar
	} {
		if _, bad := decodeForm(form); bad == "" {
			t.Errorf("decodeForm accepted %v", form)
		}
	}
}

func TestStartServesOnLoopback(t *testing.T) {
	srv, _, err := Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("simulator listens on %s", srv.URL)
	}
}
