package plaidsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

// post sends body to path with the demo credentials in headers (unless
// headers is given) and returns the status and decoded answer.
func post(t *testing.T, s *Sim, path, body string, headers map[string]string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	if headers == nil {
		headers = map[string]string{"PLAID-CLIENT-ID": sandbox.DemoPlaidClientID, "PLAID-SECRET": sandbox.DemoPlaidSecret}
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s: answer is not JSON: %q", path, rec.Body.String())
	}
	if id, _ := out["request_id"].(string); id == "" {
		t.Fatalf("%s: no request_id in %v", path, out)
	}
	return rec.Code, out
}

func wantError(t *testing.T, status int, out map[string]any, wantStatus int, wantType, wantCode string) {
	t.Helper()
	if status != wantStatus || out["error_type"] != wantType || out["error_code"] != wantCode {
		t.Fatalf("got %d %v/%v (%v), want %d %s/%s", status, out["error_type"], out["error_code"], out["error_message"], wantStatus, wantType, wantCode)
	}
	for _, k := range []string{"error_message", "display_message", "documentation_url", "suggested_action", "request_id"} {
		if _, ok := out[k]; !ok {
			t.Fatalf("error object lacks %s: %v", k, out)
		}
	}
}

func TestLifecycleCreatesAndRemovesItem(t *testing.T) {
	s := New()
	code, out := post(t, s, "/sandbox/public_token/create", `{"institution_id":"ins_109508","initial_products":["transactions","auth"],"options":{"override_username":"user_good","override_password":"pass_good"}}`, nil)
	if code != 200 || !publicShape.MatchString(out["public_token"].(string)) {
		t.Fatalf("create: %d %v", code, out)
	}
	pub := out["public_token"].(string)
	if s.Items() != 1 {
		t.Fatalf("Items() = %d after create, want 1: Plaid makes the Item with the public token", s.Items())
	}
	code, out = post(t, s, "/item/public_token/exchange", `{"public_token":"`+pub+`"}`, nil)
	if code != 200 || !accessShape.MatchString(out["access_token"].(string)) || len(out["item_id"].(string)) != 37 {
		t.Fatalf("exchange: %d %v", code, out)
	}
	access := out["access_token"].(string)
	if s.Items() != 1 {
		t.Fatalf("Items() = %d after exchange, want 1", s.Items())
	}
	code, out = post(t, s, "/item/public_token/exchange", `{"public_token":"`+pub+`"}`, nil)
	wantError(t, code, out, 400, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN")

	code, _ = post(t, s, "/item/remove", `{"access_token":"`+access+`"}`, nil)
	if code != 200 || s.Items() != 0 {
		t.Fatalf("remove: %d, Items() = %d", code, s.Items())
	}
	code, out = post(t, s, "/item/remove", `{"access_token":"`+access+`"}`, nil)
	wantError(t, code, out, 400, "INVALID_INPUT", "INVALID_ACCESS_TOKEN")
}

func TestCredentialsInBodyAreAccepted(t *testing.T) {
	s := New()
	body := `{"client_id":"` + sandbox.DemoPlaidClientID + `","secret":"` + sandbox.DemoPlaidSecret + `","institution_id":"ins_43","country_codes":["CA"]}`
	code, out := post(t, s, "/institutions/get_by_id", body, map[string]string{})
	if code != 200 {
		t.Fatalf("got %d %v", code, out)
	}
	inst := out["institution"].(map[string]any)
	if inst["name"] != "Tartan-Dominion Bank of Canada" {
		t.Fatalf("institution = %v", inst)
	}
}

func TestValidationErrors(t *testing.T) {
	wrongSecret := map[string]string{"PLAID-CLIENT-ID": sandbox.DemoPlaidClientID, "PLAID-SECRET": "0123456789abcdef0123456789abcd"}
	badID := map[string]string{"PLAID-CLIENT-ID": "not-a-client-id", "PLAID-SECRET": sandbox.DemoPlaidSecret}
	cases := []struct {
		name, path, body string
		headers          map[string]string
		status           int
		typ, code        string
	}{
		{"bad json", "/item/remove", `{"access_token":`, nil, 400, "INVALID_REQUEST", "INVALID_BODY"},
		{"json array", "/item/remove", `[]`, nil, 400, "INVALID_REQUEST", "INVALID_BODY"},
		{"unknown field", "/item/remove", `{"access_token":"x","colour":"red"}`, nil, 400, "INVALID_REQUEST", "UNKNOWN_FIELDS"},
		{"missing field", "/item/public_token/exchange", `{}`, nil, 400, "INVALID_REQUEST", "MISSING_FIELDS"},
		{"missing credentials", "/item/remove", `{"access_token":"x"}`, map[string]string{}, 400, "INVALID_REQUEST", "MISSING_FIELDS"},
		{"malformed client_id", "/item/remove", `{"access_token":"x"}`, badID, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"wrong secret", "/item/remove", `{"access_token":"x"}`, wrongSecret, 400, "INVALID_INPUT", "INVALID_API_KEYS"},
		{"unknown path", "/accounts/nowhere", `{}`, nil, 404, "INVALID_REQUEST", "NOT_FOUND"},
		{"unknown product", "/sandbox/public_token/create", `{"institution_id":"ins_109508","initial_products":["crypto"]}`, nil, 400, "INVALID_INPUT", "INVALID_PRODUCT"},
		{"empty products", "/sandbox/public_token/create", `{"institution_id":"ins_109508","initial_products":[]}`, nil, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"unsupported product", "/sandbox/public_token/create", `{"institution_id":"ins_109508","initial_products":["payment_initiation"]}`, nil, 400, "ITEM_ERROR", "PRODUCTS_NOT_SUPPORTED"},
		{"unknown institution", "/sandbox/public_token/create", `{"institution_id":"ins_1","initial_products":["auth"]}`, nil, 400, "INVALID_INPUT", "INVALID_INSTITUTION"},
		{"bank down", "/sandbox/public_token/create", `{"institution_id":"ins_132361","initial_products":["auth"]}`, nil, 400, "INSTITUTION_ERROR", "INSTITUTION_DOWN"},
		{"unknown option", "/sandbox/public_token/create", `{"institution_id":"ins_109508","initial_products":["auth"],"options":{"colour":1}}`, nil, 400, "INVALID_REQUEST", "UNKNOWN_FIELDS"},
		{"malformed public token", "/item/public_token/exchange", `{"public_token":"abc"}`, nil, 400, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN"},
		{"wrong country", "/institutions/get_by_id", `{"institution_id":"ins_109508","country_codes":["GB"]}`, nil, 400, "INVALID_INPUT", "INVALID_INSTITUTION"},
		{"bad country code", "/institutions/get_by_id", `{"institution_id":"ins_109508","country_codes":["XX"]}`, nil, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"bad count", "/institutions/get", `{"count":0,"offset":0,"country_codes":["US"]}`, nil, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"bank no longer supported", "/sandbox/public_token/create", `{"institution_id":"ins_133402","initial_products":["auth"]}`, nil, 400, "INSTITUTION_ERROR", "INSTITUTION_NO_LONGER_SUPPORTED"},
		{"link: redirect URI not allowed", "/link/token/create", link(`"redirect_uri":"https://example.com/oauth"`), nil, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"link: unknown product", "/link/token/create", link(`"products":["crypto"]`), nil, 400, "INVALID_INPUT", "INVALID_PRODUCT"},
		{"link: balance", "/link/token/create", link(`"products":["balance"]`), nil, 400, "INVALID_INPUT", "INVALID_PRODUCT"},
		{"link: no products", "/link/token/create", link(`"products":[]`), nil, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"link: no user", "/link/token/create", `{"client_name":"x","language":"en","country_codes":["US"],"products":["auth"]}`, nil, 400, "INVALID_REQUEST", "MISSING_FIELDS"},
		{"link: empty user id", "/link/token/create", link(`"user":{"client_user_id":""}`), nil, 400, "INVALID_REQUEST", "MISSING_FIELDS"},
		{"link: no client name", "/link/token/create", `{"language":"en","country_codes":["US"],"user":{"client_user_id":"u"},"products":["auth"]}`, nil, 400, "INVALID_REQUEST", "MISSING_FIELDS"},
		{"link: language", "/link/token/create", link(`"language":"xx"`), nil, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"link: country", "/link/token/create", link(`"country_codes":["UK"]`), nil, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"link: consumer report without base", "/link/token/create", link(`"products":["cra_income_insights"]`), nil, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"link: consumer report without user", "/link/token/create", link(`"products":["cra_base_report"]`), nil, 400, "INVALID_REQUEST", "MISSING_FIELDS"},
		{"link: payment with others", "/link/token/create", link(`"products":["payment_initiation","auth"]`), nil, 400, "INVALID_REQUEST", "INVALID_FIELD"},
		{"link: payment without payment", "/link/token/create", link(`"products":["payment_initiation"]`), nil, 400, "INVALID_REQUEST", "MISSING_FIELDS"},
		{"link: statements without dates", "/link/token/create", link(`"products":["statements"]`), nil, 400, "INVALID_REQUEST", "MISSING_FIELDS"},
		{"link: identity verification without template", "/link/token/create", link(`"products":["identity_verification"]`), nil, 400, "INVALID_REQUEST", "MISSING_FIELDS"},
		{"link: unknown field", "/link/token/create", link(`"colour":"red"`), nil, 400, "INVALID_REQUEST", "UNKNOWN_FIELDS"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out := post(t, New(), c.path, c.body, c.headers)
			wantError(t, code, out, c.status, c.typ, c.code)
		})
	}
}

func TestFailNextReachesEveryCode(t *testing.T) {
	s := New()
	for _, code := range Codes() {
		s.FailNext(code)
		status, out := post(t, s, "/institutions/get", `{"count":1,"offset":0,"country_codes":["US"]}`, nil)
		c := codes[code]
		wantError(t, status, out, c.status, c.errType, code)
	}
	status, out := post(t, s, "/institutions/get", `{"count":2,"offset":0,"country_codes":["US"]}`, nil)
	if status != 200 || len(out["institutions"].([]any)) != 2 {
		t.Fatalf("after the forced errors: %d %v", status, out)
	}
}

// A path-targeted error waits for its path and lets other calls through,
// and a create it fails makes no Item.
func TestFailNextOnWaitsForItsPath(t *testing.T) {
	s := New()
	s.FailNextOn("/sandbox/public_token/create", "PRODUCTS_NOT_SUPPORTED")
	list := `{"count":1,"offset":0,"country_codes":["US"]}`
	if status, out := post(t, s, "/institutions/get", list, nil); status != 200 {
		t.Fatalf("another path was failed: %d %v", status, out)
	}
	create := `{"institution_id":"ins_109508","initial_products":["auth"]}`
	status, out := post(t, s, "/sandbox/public_token/create", create, nil)
	c := codes["PRODUCTS_NOT_SUPPORTED"]
	wantError(t, status, out, c.status, c.errType, "PRODUCTS_NOT_SUPPORTED")
	if s.Items() != 0 {
		t.Fatalf("a failed create made an Item: Items() = %d", s.Items())
	}
	if status, out := post(t, s, "/sandbox/public_token/create", create, nil); status != 200 || s.Items() != 1 {
		t.Fatalf("the error was used more than once: %d %v", status, out)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("FailNextOn accepted a path the simulator does not serve")
		}
	}()
	s.FailNextOn("/item/get", "INTERNAL_SERVER_ERROR")
}

func TestConcurrentItemsAreRaceFree(t *testing.T) {
	srv, s, err := Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			call := func(path, body string) map[string]any {
				req, _ := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewBufferString(body))
				req.Header.Set("PLAID-CLIENT-ID", sandbox.DemoPlaidClientID)
				req.Header.Set("PLAID-SECRET", sandbox.DemoPlaidSecret)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return nil
				}
				defer resp.Body.Close()
				var out map[string]any
				_ = json.NewDecoder(resp.Body).Decode(&out)
				return out
			}
			pub := call("/sandbox/public_token/create", `{"institution_id":"ins_109508","initial_products":["auth"]}`)
			ex := call("/item/public_token/exchange", `{"public_token":"`+pub["public_token"].(string)+`"}`)
			call("/item/remove", `{"access_token":"`+ex["access_token"].(string)+`"}`)
		}()
	}
	wg.Wait()
	if s.Items() != 0 || s.Requests() != 24 {
		t.Fatalf("Items() = %d, Requests() = %d; want 0 and 24", s.Items(), s.Requests())
	}
}

var linkShape = regexp.MustCompile(`^link-sandbox-` + uuidPart + `$`)

// link is a valid Link token request with the given properties replacing
// or adding to its own.
func link(props string) string {
	base := map[string]json.RawMessage{
		"client_name":   json.RawMessage(`"onboard"`),
		"language":      json.RawMessage(`"en"`),
		"country_codes": json.RawMessage(`["US","CA"]`),
		"user":          json.RawMessage(`{"client_user_id":"user-1"}`),
		"products":      json.RawMessage(`["auth","transactions"]`),
	}
	if props != "" {
		var extra map[string]json.RawMessage
		if err := json.Unmarshal([]byte("{"+props+"}"), &extra); err != nil {
			panic(err)
		}
		for k, v := range extra {
			base[k] = v
		}
	}
	b, _ := json.Marshal(base)
	return string(b)
}

func TestLinkTokenCreate(t *testing.T) {
	s := New()
	code, out := post(t, s, "/link/token/create", link(""), nil)
	exp, err := time.Parse(time.RFC3339, fmt.Sprint(out["expiration"]))
	if code != 200 || !linkShape.MatchString(fmt.Sprint(out["link_token"])) || err != nil || !exp.After(time.Now()) {
		t.Fatalf("create: %d %v", code, out)
	}
	if s.Items() != 0 {
		t.Fatal("a Link token is not an Item")
	}

	// The dashboard's allow-list decides the redirect URI, exactly.
	s.AllowRedirectURIs("https://example.com/oauth")
	if code, out := post(t, s, "/link/token/create", link(`"redirect_uri":"https://example.com/oauth"`), nil); code != 200 {
		t.Fatalf("allowed redirect URI: %d %v", code, out)
	}
	code, out = post(t, s, "/link/token/create", link(`"redirect_uri":"https://example.com/oauth/"`), nil)
	wantError(t, code, out, 400, "INVALID_REQUEST", "INVALID_FIELD")
	if !strings.Contains(fmt.Sprint(out["error_message"]), "redirect URI") {
		t.Fatalf("the refusal does not name the redirect URI: %v", out["error_message"])
	}

	// A product the account is not enabled for is refused by name.
	s.DisableProducts("transactions")
	code, out = post(t, s, "/link/token/create", link(""), nil)
	wantError(t, code, out, 400, "INVALID_INPUT", "INVALID_PRODUCT")
	if !strings.Contains(fmt.Sprint(out["error_message"]), "transactions") {
		t.Fatalf("the refusal does not name the product: %v", out["error_message"])
	}

	// The settings some products need, when given, are enough.
	for _, body := range []string{
		link(`"products":["statements"],"statements":{"start_date":"2026-11-01","end_date":"2026-12-01"}`),
		link(`"products":["payment_initiation"],"payment_initiation":{"payment_id":"payment-id-sandbox-1"},"country_codes":["GB"]`),
		link(`"products":["cra_base_report","cra_income_insights"],"user_id":"usr_1","consumer_report_permissible_purpose":"EXTENSION_OF_CREDIT"`),
		link(`"products":["identity_verification"],"identity_verification":{"template_id":"idvtmp_1"}`),
	} {
		if code, out := post(t, New(), "/link/token/create", body, nil); code != 200 {
			t.Errorf("%s: %d %v", body, code, out)
		}
	}
}
