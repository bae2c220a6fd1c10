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

// call sends one request with key and decodes a 2xx answer into out. A
// non-2xx answer comes back as *Error, a transport failure as *apihttp.Error.
func (a *api) call(ctx context.Context, method, path string, key secret.Secret, form url.Values, out any) error {
	return a.callIdem(ctx, method, path, key, form, "", out)
}

// callIdem is call with a chosen Idempotency-Key for a POST ("" = a fresh one).
func (a *api) callIdem(ctx context.Context, method, path string, key secret.Secret, form url.Values, idem string, out any) error {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+key.Reveal())
	h.Set("Stripe-Version", APIVersion)
	h.Set("User-Agent", "onboard (+https://github.com/onboard-dev/onboard)")
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
		return err
	}
	if resp.Status < 200 || resp.Status > 299 {
		return parseError(resp.Status, resp.Header, resp.Body, a.host)
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return &Error{Status: resp.Status, Message: fmt.Sprintf("%s answered HTTP %d with a body that is not valid JSON (cut short, or not Stripe?)", a.host, resp.Status), RequestID: resp.Header.Get("Request-Id")}
	}
	return nil
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
	ChargesEnabled   bool   `json:"charges_enabled"`
	DetailsSubmitted bool   `json:"details_submitted"`
	BusinessProfile  struct {
		Name string `json:"name"`
	} `json:"business_profile"`
	Settings struct {
		Dashboard struct {
			DisplayName string `json:"display_name"`
		} `json:"dashboard"`
	} `json:"settings"`
	Deleted bool `json:"deleted"`
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
}

type accountList struct {
	Object  string    `json:"object"`
	Data    []account `json:"data"`
	HasMore bool      `json:"has_more"`
}

func (a *api) getAccount(ctx context.Context, key secret.Secret) (account, error) {
	var acc account
	err := a.call(ctx, http.MethodGet, "/v1/account", key, nil, &acc)
	return acc, err
}

// tokenForm is the PII token onboard creates to prove which account a
// publishable key belongs to: a dummy ID number that charges nothing and
// expires unused.
func tokenForm() url.Values { return url.Values{"pii[id_number]": {"000000000"}} }

func (a *api) createToken(ctx context.Context, pk secret.Secret) (token, error) {
	var t token
	err := a.call(ctx, http.MethodPost, "/v1/tokens", pk, tokenForm(), &t)
	return t, err
}

func (a *api) getToken(ctx context.Context, sk secret.Secret, id string) (token, error) {
	var t token
	err := a.call(ctx, http.MethodGet, "/v1/tokens/"+url.PathEscape(id), sk, nil, &t)
	return t, err
}

// connectProbeForm creates the smallest connected account Stripe accepts for
// each type: Express and Custom accounts must request capabilities.
func connectProbeForm(accountType string) url.Values {
	f := url.Values{
		"type":                 {accountType},
		"country":              {"US"},
		"metadata[created_by]": {"onboard connect check; safe to delete"},
	}
	if accountType != "standard" {
		f.Set("capabilities[card_payments][requested]", "true")
		f.Set("capabilities[transfers][requested]", "true")
	}
	return f
}

// createAccount takes the Idempotency-Key so a caller whose first attempt was
// cut off can ask again and learn the ID of an account Stripe already made.
func (a *api) createAccount(ctx context.Context, sk secret.Secret, accountType, idem string) (account, error) {
	var acc account
	err := a.callIdem(ctx, http.MethodPost, "/v1/accounts", sk, connectProbeForm(accountType), idem, &acc)
	return acc, err
}

func (a *api) deleteAccount(ctx context.Context, sk secret.Secret, id string) (account, error) {
	var acc account
	err := a.call(ctx, http.MethodDelete, "/v1/accounts/"+url.PathEscape(id), sk, nil, &acc)
	return acc, err
}

func (a *api) listAccounts(ctx context.Context, sk secret.Secret) (accountList, error) {
	var l accountList
	err := a.call(ctx, http.MethodGet, "/v1/accounts", sk, url.Values{"limit": {"1"}}, &l)
	return l, err
}
