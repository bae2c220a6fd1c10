package stripe

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/secret"
)

// Config points a provider at Stripe or at a stand-in (the simulator,
// stripe-mock); a BaseURL of "" means DefaultBaseURL. Live keys only ever
// go to DefaultBaseURL.
type Config = providers.Config

func withDefaults(c Config) Config {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.HTTP == nil {
		c.HTTP = apihttp.New()
	}
	return c
}

// api sends the handful of form-encoded calls onboard makes.
type api struct {
	cfg  Config
	host string
}

func newAPI(cfg Config) *api {
	cfg = withDefaults(cfg)
	host := cfg.BaseURL
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	return &api{cfg: cfg, host: host}
}

// creds are what authenticates one call: the key and, for an organization
// key, the account it acts for (the Stripe-Context header).
type creds struct {
	key     secret.Secret
	context string
}

// as is the credentials of a plain key.
func as(key secret.Secret) creds { return creds{key: key} }

// mockHeader is the header stripe-mock sets on every answer (and Stripe
// never does): how onboard tells it from Stripe.
const mockHeader = "Stripe-Mock-Version"

// answer is what a successful call learned beyond its body.
type answer struct {
	// mock is stripe-mock's version when stripe-mock answered, else "".
	mock string
}

// call sends one request and decodes a 2xx answer into out. A non-2xx
// answer comes back as *Error, a transport failure as *apihttp.Error.
func (a *api) call(ctx context.Context, method, path string, c creds, form url.Values, out any) (answer, error) {
	return a.callIdem(ctx, method, path, c, form, "", out)
}

// callIdem is call with a chosen Idempotency-Key for a POST ("" = a fresh one).
func (a *api) callIdem(ctx context.Context, method, path string, c creds, form url.Values, idem string, out any) (answer, error) {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+c.key.Reveal())
	h.Set("Stripe-Version", APIVersion)
	h.Set("User-Agent", "onboard (+https://github.com/onboard-dev/onboard)")
	if c.context != "" {
		h.Set("Stripe-Context", c.context)
	}
	req := apihttp.Request{Method: method, URL: a.cfg.BaseURL + path, Header: h, Idempotent: true}
	if method == http.MethodPost {
		h.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Body = []byte(form.Encode())
		// Stripe replays the first answer for a repeated Idempotency-Key,
		// so a create can be retried after a 5xx or a broken connection
		// without making a second object.
		if idem == "" {
			idem = newIdempotencyKey()
		}
		h.Set("Idempotency-Key", idem)
	} else if len(form) > 0 {
		req.URL += "?" + form.Encode()
	}
	resp, err := a.cfg.HTTP.Do(ctx, req)
	if err != nil {
		return answer{}, err
	}
	ans := answer{}
	// Stripe itself never sends the header; one that arrives from
	// api.stripe.com (a proxy that adds it, say) must not turn its checks
	// into skips.
	if a.host != officialHost {
		ans.mock = resp.Header.Get(mockHeader)
	}
	if resp.Status < 200 || resp.Status > 299 {
		e := parseError(resp.Status, resp.Header, resp.Body, a.host)
		e.Mock = ans.mock
		return ans, e
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return ans, &Error{Status: resp.Status, Message: fmt.Sprintf("%s answered HTTP %d with a body that is not valid JSON (cut short, or not Stripe?)", a.host, resp.Status), RequestID: resp.Header.Get("Request-Id"), Mock: ans.mock}
	}
	return ans, nil
}

func newIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "onboard-" + hex.EncodeToString(b[:])
}

// account is the part of Stripe's account object onboard reads.
type account struct {
	ID               string `json:"id"`
	Object           string `json:"object"`
	Email            string `json:"email"`
	Country          string `json:"country"`
	Type             string `json:"type"`
	DefaultCurrency  string `json:"default_currency"`
	ChargesEnabled   bool   `json:"charges_enabled"`
	PayoutsEnabled   bool   `json:"payouts_enabled"`
	DetailsSubmitted bool   `json:"details_submitted"`
	BusinessProfile  struct {
		Name string `json:"name"`
	} `json:"business_profile"`
	Settings struct {
		Dashboard struct {
			DisplayName string `json:"display_name"`
		} `json:"dashboard"`
	} `json:"settings"`
	// Requirements is nil when Stripe sent none.
	Requirements *requirements `json:"requirements"`
	Deleted      bool          `json:"deleted"`

	mock string // stripe-mock's version, when it answered
}

// requirements is what Stripe still needs from an account
// (docs.stripe.com/api/accounts/object#account_object-requirements).
type requirements struct {
	CurrentlyDue    []string `json:"currently_due"`
	PastDue         []string `json:"past_due"`
	DisabledReason  string   `json:"disabled_reason"`
	CurrentDeadline int64    `json:"current_deadline"`
}

// displayName picks the most recognisable name Stripe holds for an account.
func (a account) displayName() string {
	for _, s := range []string{a.Settings.Dashboard.DisplayName, a.BusinessProfile.Name, a.Email} {
		if s != "" {
			return s
		}
	}
	return ""
}

type token struct {
	ID       string `json:"id"`
	Object   string `json:"object"`
	Livemode bool   `json:"livemode"`
	mock     string
}

type accountList struct {
	Object  string    `json:"object"`
	Data    []account `json:"data"`
	HasMore bool      `json:"has_more"`
}

// paymentIntent is the part of a PaymentIntent the test payments read.
type paymentIntent struct {
	ID       string `json:"id"`
	Object   string `json:"object"`
	Status   string `json:"status"`
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
	Livemode bool   `json:"livemode"`
	mock     string
}

func (a *api) getAccount(ctx context.Context, c creds) (account, error) {
	var acc account
	ans, err := a.call(ctx, http.MethodGet, "/v1/account", c, nil, &acc)
	acc.mock = ans.mock
	return acc, err
}

// tokenForm is the PII token onboard creates to prove which account a
// publishable key belongs to: a dummy ID number that charges nothing and
// expires unused.
func tokenForm() url.Values { return url.Values{"pii[id_number]": {"000000000"}} }

// createToken is sent with the publishable key alone: it belongs to one
// account and takes no Stripe-Context.
func (a *api) createToken(ctx context.Context, pk secret.Secret) (token, error) {
	var t token
	ans, err := a.call(ctx, http.MethodPost, "/v1/tokens", as(pk), tokenForm(), &t)
	t.mock = ans.mock
	return t, err
}

func (a *api) getToken(ctx context.Context, c creds, id string) (token, error) {
	var t token
	ans, err := a.call(ctx, http.MethodGet, "/v1/tokens/"+url.PathEscape(id), c, nil, &t)
	t.mock = ans.mock
	return t, err
}

// connectProbeForm is the smallest connected account Stripe accepts with
// the chosen controller properties. An account without the full Stripe
// Dashboard must request its capabilities up front; with the full
// Dashboard the business requests them itself. The country is left to
// Stripe, which defaults it to the platform's, so the probe does not fail
// on cross-border rules a platform outside the US would meet.
func connectProbeForm(c Controller) url.Values {
	f := c.form()
	f.Set("metadata[created_by]", "onboard connect check; safe to delete")
	if c.Dashboard != "full" {
		f.Set("capabilities[card_payments][requested]", "true")
		f.Set("capabilities[transfers][requested]", "true")
	}
	return f
}

// createAccount takes the Idempotency-Key so a caller whose first attempt was
// cut off can ask again and learn the ID of an account Stripe already made.
func (a *api) createAccount(ctx context.Context, c creds, ctrl Controller, idem string) (account, error) {
	var acc account
	ans, err := a.callIdem(ctx, http.MethodPost, "/v1/accounts", c, connectProbeForm(ctrl), idem, &acc)
	acc.mock = ans.mock
	return acc, err
}

func (a *api) deleteAccount(ctx context.Context, c creds, id string) (account, error) {
	var acc account
	ans, err := a.call(ctx, http.MethodDelete, "/v1/accounts/"+url.PathEscape(id), c, nil, &acc)
	acc.mock = ans.mock
	return acc, err
}

func (a *api) listAccounts(ctx context.Context, c creds) (accountList, error) {
	var l accountList
	_, err := a.call(ctx, http.MethodGet, "/v1/accounts", c, url.Values{"limit": {"1"}}, &l)
	return l, err
}

// Stripe's test payment methods (docs.stripe.com/testing): a card that
// succeeds and one that is always declined (card_declined).
const (
	pmSucceeds = "pm_card_visa"
	pmDeclined = "pm_card_chargeDeclined"
)

// paymentForm is a test payment confirmed at once. Card only, so no
// payment method can need a redirect (which would need a return_url);
// metadata and description say who made it.
func paymentForm(pm string, amount int64, currency string) url.Values {
	return url.Values{
		"amount":                 {fmt.Sprint(amount)},
		"currency":               {currency},
		"payment_method":         {pm},
		"payment_method_types[]": {"card"},
		"confirm":                {"true"},
		"description":            {"onboard test payment; safe to ignore"},
		"metadata[created_by]":   {"onboard"},
	}
}

// createPayment takes the Idempotency-Key ("" = a fresh one) so a caller cut
// off mid-request can ask again and learn what Stripe made.
func (a *api) createPayment(ctx context.Context, c creds, pm string, amount int64, currency, idem string) (paymentIntent, error) {
	var pi paymentIntent
	ans, err := a.callIdem(ctx, http.MethodPost, "/v1/payment_intents", c, paymentForm(pm, amount, currency), idem, &pi)
	pi.mock = ans.mock
	return pi, err
}

// cancelForm says why the declined test payment was cancelled.
func cancelForm() url.Values { return url.Values{"cancellation_reason": {"abandoned"}} }

func (a *api) cancelPayment(ctx context.Context, c creds, id string) (paymentIntent, error) {
	var pi paymentIntent
	ans, err := a.call(ctx, http.MethodPost, "/v1/payment_intents/"+url.PathEscape(id)+"/cancel", c, cancelForm(), &pi)
	pi.mock = ans.mock
	return pi, err
}
