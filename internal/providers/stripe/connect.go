package stripe

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/secret"
)

// The names of the Connect checks.
const (
	CheckClientID       = "client ID format"
	CheckConnectEnabled = "Connect enabled"
)

// Connect verifies that Stripe Connect is set up on the platform account. It
// uses the Stripe provider's STRIPE_SECRET_KEY from the same answers.
type Connect struct{ api *api }

// NewConnect returns the Stripe Connect provider.
func NewConnect(cfg Config) *Connect { return &Connect{api: newAPI(cfg)} }

func (c *Connect) Spec() *providers.Spec     { return &connectSpec }
func (c *Connect) Fields() []providers.Field { return connectFields() }
func (c *Connect) Checks(providers.Values) []string {
	return []string{CheckClientID, CheckConnectEnabled}
}

// Verify checks the client ID's format and whether Connect is enabled.
func (c *Connect) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	r := newRun(ConnectID, c.Checks(v), report)
	r.set(clientIDResult(v))
	r.set(c.enabledResult(ctx, r, v))
	return r.list()
}

func clientIDResult(v providers.Values) providers.Result {
	res := providers.Result{Name: CheckClientID}
	id := providers.Normalize(v[EnvClientID])
	if err := validateClientID(id, v); err != nil {
		res.Status, res.Detail = providers.Fail, err.Msg
		res.Hint = "Copy it from " + urlConnectSettings
		return res
	}
	if id == "" {
		res.Status, res.Detail = providers.Skip, "not set: "+accountType(v)+" accounts are onboarded with Account Links, which need no client ID"
		return res
	}
	res.Status, res.Detail = providers.Pass, secret.Mask(id)+" has the shape of a Connect client ID (Stripe has no API that checks one; the OAuth redirect is the proof)"
	return res
}

// enabledResult proves Connect is on. In test mode the only reliable probe
// is creating a connected account (listing answers an empty list whether
// Connect is on or not), so it creates one of the chosen type and deletes it
// at once. Live keys get read-only calls only: a live list that holds an
// account proves Connect is on; an empty one proves nothing, and says so.
func (c *Connect) enabledResult(ctx context.Context, r *run, v providers.Values) providers.Result {
	res := providers.Result{Name: CheckConnectEnabled}
	sk := secret.Secret(providers.Normalize(v[EnvSecretKey]))
	info := ParseKey(sk.Reveal())
	if info.Kind != Secret && info.Kind != Restricted {
		res.Status, res.Detail = providers.Skip, "needs a working STRIPE_SECRET_KEY from the Stripe step"
		return res
	}
	if info.Live {
		if err := apihttp.CheckOfficialHost(c.api.cfg.BaseURL, officialHost, "live Stripe key"); err != nil {
			res.Status, res.Detail, res.Hint = providers.Fail, err.Error(), "Nothing was sent. Live keys are only ever sent to "+DefaultBaseURL+"."
			return res
		}
		r.start(CheckConnectEnabled)
		return c.liveEnabled(ctx, sk)
	}
	r.start(CheckConnectEnabled)
	return c.testEnabled(ctx, sk, accountType(v))
}

func (c *Connect) liveEnabled(ctx context.Context, sk secret.Secret) providers.Result {
	res := providers.Result{Name: CheckConnectEnabled}
	list, err := c.api.listAccounts(ctx, sk)
	if err != nil {
		return failed(CheckConnectEnabled, "listing connected accounts", err)
	}
	if len(list.Data) > 0 {
		res.Status, res.Detail = providers.Pass, "the live account already has connected accounts"
		return res
	}
	res.Status = providers.Warn
	res.Detail = "no live connected accounts yet, so this cannot be confirmed without creating one, and onboard makes no writes with live keys"
	res.Hint = "Check that Connect shows as set up in the Dashboard: " + urlConnectOverview
	return res
}

func (c *Connect) testEnabled(ctx context.Context, sk secret.Secret, accountType string) providers.Result {
	res := providers.Result{Name: CheckConnectEnabled}
	idem := newIdempotencyKey()
	acc, err := c.api.createAccount(ctx, sk, accountType, idem)
	if isCanceled(err) {
		// The account may exist even though the answer was cut off. The
		// same Idempotency-Key returns the answer Stripe stored for the
		// first attempt (or makes the account now), so its ID is known
		// and it can be deleted.
		cctx, cancel := providers.CleanupContext(ctx)
		defer cancel()
		acc, err := c.api.createAccount(cctx, sk, accountType, idem)
		if err != nil {
			res.Status = providers.Warn
			res.Detail = "cancelled; onboard could not confirm that no test account was left behind: " + err.Error()
			if isCanceled(err) { // the grace after the interrupt ran out too
				res.Detail = "cancelled before onboard could confirm that no test account was left behind"
			}
			res.Hint = "Look for an account whose metadata says created_by onboard under Connect → Accounts in test mode: " + urlTestConnectAccounts
			res.LeftBehind = mayRemain(accountType)
			return res
		}
		if _, derr := c.api.deleteAccount(cctx, sk, acc.ID); derr != nil {
			return leftBehind(acc.ID, derr)
		}
		res.Status, res.Detail = providers.Skip, "cancelled before the Connect check finished (its test account was deleted)"
		return res
	}
	if err != nil {
		res := failed(CheckConnectEnabled, fmt.Sprintf("creating a test %s account", accountType), err)
		// A request that timed out or broke may have reached Stripe, and
		// onboard does not wait for the host a second time to find out.
		var ae *apihttp.Error
		if errors.As(err, &ae) && (ae.Kind == apihttp.Timeout || ae.Kind == apihttp.Reset) {
			res.LeftBehind = mayRemain(accountType)
			res.Hint += " If Stripe did create the account, delete it under Connect → Accounts in test mode (its metadata says created_by onboard): " + urlTestConnectAccounts
		}
		return res
	}
	cctx, cancel := providers.CleanupContext(ctx)
	defer cancel()
	if _, err := c.api.deleteAccount(cctx, sk, acc.ID); err != nil {
		return leftBehind(acc.ID, err)
	}
	res.Status = providers.Pass
	res.Detail = fmt.Sprintf("created a test %s account (%s) and deleted it again", accountType, secret.Mask(acc.ID))
	return res
}

// leftBehind reports a test account that could not be deleted: Connect
// works, but the user should remove the leftover.
func leftBehind(id string, err error) providers.Result {
	detail := err.Error()
	if isCanceled(err) {
		detail = "the run was interrupted before Stripe confirmed the deletion"
	}
	return providers.Result{Name: CheckConnectEnabled, Status: providers.Warn,
		Detail:     fmt.Sprintf("Connect works, but the test account %s could not be deleted: %s", secret.Mask(id), detail),
		Hint:       "Delete it under Connect → Accounts in test mode (its metadata says created_by onboard): " + urlTestConnectAccounts,
		LeftBehind: "the test account " + secret.Mask(id) + " in Stripe test mode (metadata created_by onboard)"}
}

// mayRemain is what a cut-off account creation may leave behind.
func mayRemain(accountType string) string {
	return "possibly a test " + accountType + " account in Stripe test mode (metadata created_by onboard)"
}

const urlTestConnectAccounts = "https://dashboard.stripe.com/test/connect/accounts/overview"

const (
	oauthAuthorize        = "https://connect.stripe.com/oauth/authorize"
	expressOAuthAuthorize = "https://connect.stripe.com/express/oauth/authorize"
)

// AuthorizeURL is the OAuth link that connects an existing Standard account
// to the platform. redirectURI and state may be empty (Stripe then uses the
// first redirect URI registered in the Connect settings). For new platforms
// Stripe recommends Account Links (POST /v1/account_links) over OAuth.
func AuthorizeURL(clientID, redirectURI, state string) string {
	return authorizeURL(oauthAuthorize, clientID, redirectURI, state)
}

// ExpressAuthorizeURL is the OAuth link for Express accounts.
func ExpressAuthorizeURL(clientID, redirectURI, state string) string {
	return authorizeURL(expressOAuthAuthorize, clientID, redirectURI, state)
}

func authorizeURL(base, clientID, redirectURI, state string) string {
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "scope": {"read_write"}}
	if redirectURI != "" {
		q.Set("redirect_uri", redirectURI)
	}
	if state != "" {
		q.Set("state", state)
	}
	return base + "?" + q.Encode()
}
