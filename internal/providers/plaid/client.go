package plaid

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/secret"
)

// APIVersion pins the answers' shapes to the spec this package follows,
// whatever version the team's dashboard defaults to.
const APIVersion = "2020-09-14"

// client makes the few Plaid calls onboard needs, against one base URL with
// one pair of credentials.
type client struct {
	http     *apihttp.Client
	base     string
	host     string
	clientID string
	secret   secret.Secret
}

func newClient(h *apihttp.Client, base, clientID string, sec secret.Secret) *client {
	host := base
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = u.Host
	}
	return &client{http: h, base: strings.TrimRight(base, "/"), host: host, clientID: clientID, secret: sec}
}

// call posts body to path and decodes a 2xx answer into out. Credentials
// travel in headers, not in the body, so nothing that might echo the body
// (a proxy's error page, a log) carries the secret.
func (c *client) call(ctx context.Context, path string, idempotent bool, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Plaid-Version", APIVersion)
	h.Set("PLAID-CLIENT-ID", c.clientID)
	h.Set("PLAID-SECRET", c.secret.Reveal())
	resp, err := c.http.Do(ctx, apihttp.Request{Method: http.MethodPost, URL: c.base + path, Header: h, Body: b, Idempotent: idempotent})
	if err != nil {
		return err
	}
	if resp.Status < 200 || resp.Status > 299 {
		return parseError(c.host, resp.Status, resp.Body)
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return &badAnswer{host: c.host, status: resp.Status, what: bodyKind(resp.Body)}
	}
	return nil
}

// Institution is the part of the spec's Institution object onboard reads.
type Institution struct {
	ID        string   `json:"institution_id"`
	Name      string   `json:"name"`
	Products  []string `json:"products"`
	Countries []string `json:"country_codes"`
}

func (c *client) institutionByID(ctx context.Context, id string, countries []string) (Institution, error) {
	var out struct {
		Institution Institution `json:"institution"`
	}
	err := c.call(ctx, "/institutions/get_by_id", true, map[string]any{"institution_id": id, "country_codes": countries}, &out)
	if err == nil && out.Institution.ID == "" {
		err = &badAnswer{host: c.host, status: http.StatusOK, what: "an answer without an institution"}
	}
	return out.Institution, err
}

// listOneInstitution is the Production credentials check: /institutions/get
// needs valid keys, creates nothing and is not billed. (/categories/get
// needs no keys, so it proves nothing.)
func (c *client) listOneInstitution(ctx context.Context, country string) (total int, err error) {
	var out struct {
		Institutions []Institution `json:"institutions"`
		Total        *int          `json:"total"`
	}
	err = c.call(ctx, "/institutions/get", true, map[string]any{"count": 1, "offset": 0, "country_codes": []string{country}}, &out)
	if err == nil && out.Total == nil {
		err = &badAnswer{host: c.host, status: http.StatusOK, what: "an answer without a total"}
	}
	if err != nil {
		return 0, err
	}
	return *out.Total, nil
}

// createSandboxPublicToken makes a test Item without Link (Sandbox only).
// Not idempotent: a repeat would create a second Item.
func (c *client) createSandboxPublicToken(ctx context.Context, institutionID string, products []string) (secret.Secret, error) {
	var out struct {
		PublicToken string `json:"public_token"`
	}
	err := c.call(ctx, "/sandbox/public_token/create", false, map[string]any{
		"institution_id":   institutionID,
		"initial_products": products,
		"options":          map[string]any{"override_username": "user_good", "override_password": "pass_good"},
	}, &out)
	return secret.Secret(out.PublicToken), err
}

// exchange trades a public token for an access token. Not idempotent: a
// public token is good for one exchange only.
func (c *client) exchange(ctx context.Context, public secret.Secret) (access secret.Secret, itemID string, err error) {
	var out struct {
		AccessToken string `json:"access_token"`
		ItemID      string `json:"item_id"`
	}
	err = c.call(ctx, "/item/public_token/exchange", false, map[string]any{"public_token": public.Reveal()}, &out)
	return secret.Secret(out.AccessToken), out.ItemID, err
}

// removeItem deletes the test Item. Repeating it is safe: at worst the
// repeat reports the Item as already gone.
func (c *client) removeItem(ctx context.Context, access secret.Secret) error {
	var out struct{}
	return c.call(ctx, "/item/remove", true, map[string]any{"access_token": access.Reveal()}, &out)
}

// LinkRequest is what a Link token is asked for with: the app's own Link
// settings and a throw-away user.
type LinkRequest struct {
	Products    []string
	Countries   []string
	Language    string
	RedirectURI string // "" when unset: Link then offers no OAuth return
	UserID      string // client_user_id: no personal data
	// Statements is the date range the statements product asks for
	// ("" when it is not among Products).
	StatementsFrom, StatementsTo string
}

// LinkToken is the answer to /link/token/create.
type LinkToken struct {
	Token      secret.Secret
	Expiration string
}

// linkClientName is what Link would show as the app's name (at most 30
// characters, LinkTokenCreateRequest.client_name).
const linkClientName = "onboard check"

// createLinkToken asks Plaid for a Link token, as the app's server does
// before it opens Link: Plaid checks the products, countries, language and
// redirect URI against the account there. A link token is not an Item and
// is not billed; it expires by itself (after 4 hours), so nothing needs
// undoing, and a repeat only makes another one.
func (c *client) createLinkToken(ctx context.Context, lr LinkRequest) (LinkToken, error) {
	body := map[string]any{
		"client_name":   linkClientName,
		"language":      lr.Language,
		"country_codes": lr.Countries,
		"user":          map[string]any{"client_user_id": lr.UserID},
		"products":      lr.Products,
	}
	if lr.RedirectURI != "" {
		body["redirect_uri"] = lr.RedirectURI
	}
	if lr.StatementsFrom != "" {
		// LinkTokenCreateRequestStatements: required with statements.
		body["statements"] = map[string]any{"start_date": lr.StatementsFrom, "end_date": lr.StatementsTo}
	}
	var out struct {
		LinkToken  string `json:"link_token"`
		Expiration string `json:"expiration"`
	}
	err := c.call(ctx, "/link/token/create", true, body, &out)
	if err == nil && (out.LinkToken == "" || out.Expiration == "") {
		err = &badAnswer{host: c.host, status: http.StatusOK, what: "an answer without a link_token and its expiration"}
	}
	return LinkToken{Token: secret.Secret(out.LinkToken), Expiration: out.Expiration}, err
}
