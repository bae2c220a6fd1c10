package stripe

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/secret"
)

// The names of the Connect checks.
const (
	CheckSettings       = "connect settings"
	CheckClientID       = "client ID format"
	CheckConnectEnabled = "Connect enabled"
	// CheckPlatform, with live keys: the platform account's own status.
	CheckPlatform = "platform account status"
)

// Connect verifies that Stripe Connect is set up on the platform account. It
// uses the Stripe provider's STRIPE_SECRET_KEY from the same answers.
type Connect struct{ api *api }

// NewConnect returns the Stripe Connect provider.
func NewConnect(cfg Config) *Connect { return &Connect{api: newAPI(cfg)} }

func (c *Connect) Spec() *providers.Spec     { return &connectSpec }
func (c *Connect) Fields() []providers.Field { return connectFields() }
func (c *Connect) Checks(v providers.Values) []string {
	names := []string{CheckSettings, CheckClientID, CheckConnectEnabled}
	if _, _, sk, _ := keysOf(v); sk.Server() && sk.Live {
		names = append(names, CheckPlatform)
	}
	return names
}

// Verify checks the settings and the client ID's format, and whether
// Connect is enabled.
func (c *Connect) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	r := newRun(ConnectID, c.Checks(v), report)
	r.set(settingsResult(v))
	r.set(clientIDResult(v))
	c.enabled(ctx, r, v)
	return r.list()
}

// settingsResult says what the Connect choice amounts to, and where it
// came from.
func settingsResult(v providers.Values) providers.Result {
	res := providers.Result{Name: CheckSettings}
	ctrl, src := connectSettings(v)
	legacy := legacyType(v)
	switch {
	case src == fromDefaults && legacy != "":
		res.Status = providers.Fail
		res.Detail = EnvConnectAccountType + " is " + providers.Echo(legacy) + ", which is not one of standard, express or custom"
		res.Hint = "Run onboard to choose the Connect settings again; it writes them as " + settingNames() + "."
		return res
	case src == fromLegacy:
		res.Status = providers.Warn
		res.Detail = EnvConnectAccountType + "=" + legacy + " read as " + ctrl.Describe()
		res.Hint = "That variable is onboard's older way of writing the choice. Run onboard to write it as " + settingNames() + ", which your app can pass to Stripe as they are; then remove " + EnvConnectAccountType + "."
		return res
	}
	res.Status, res.Detail = providers.Pass, ctrl.Describe()+legacyLabel(ctrl)
	if src == fromDefaults {
		res.Detail = "not set, so onboard assumed the safe start: " + res.Detail
	}
	if l, ok := legacyTypes[legacy]; ok && src == fromProperties && l != ctrl {
		res.Status = providers.Warn
		res.Hint = EnvConnectAccountType + "=" + legacy + " in the file says otherwise; onboard reads the four settings and ignores it. Remove it so nobody reads the two differently."
	}
	if e := validateRequirements(ctrl.Requirements, v); e != nil {
		res.Status, res.Hint = providers.Warn, e.Msg
	}
	return res
}

func settingNames() string {
	return strings.Join([]string{EnvFeesPayer, EnvLosses, EnvDashboard, EnvRequirementCollection}, ", ")
}

func clientIDResult(v providers.Values) providers.Result {
	res := providers.Result{Name: CheckClientID}
	id := providers.Normalize(v[EnvClientID])
	if err := validateClientID(id, v); err != nil {
		res.Status, res.Detail = providers.Fail, err.Msg
		res.Hint = "Copy it from " + urlConnectSettings + ", or remove it if you do not use OAuth."
		return res
	}
	if id == "" {
		res.Status, res.Detail = providers.Skip, "not set, and not needed: Account Links and embedded onboarding need no client ID; only OAuth does"
		return res
	}
	res.Status, res.Detail = providers.Pass, secret.Mask(id)+" has the shape of a Connect client ID, which only OAuth uses (Stripe has no API that checks one; the OAuth redirect is the proof)"
	return res
}

// enabled proves Connect is on. In test mode the only reliable probe is
// creating a connected account (listing answers an empty list whether
// Connect is on or not), so it creates one with the chosen settings and
// deletes it at once: Stripe's acceptance also proves the settings fit the
// platform profile. Live keys get read-only calls only: a live list that
// holds an account proves Connect is on; an empty one proves nothing, and
// says so. Beside it, the platform account's own status is read.
func (c *Connect) enabled(ctx context.Context, r *run, v providers.Values) {
	sk := secret.Secret(providers.Normalize(v[EnvSecretKey]))
	info := ParseKey(sk.Reveal())
	cr := credsOf(v, sk, info)
	others := []string{CheckConnectEnabled}
	if info.Live {
		others = append(others, CheckPlatform)
	}
	switch {
	case !info.Server():
		r.skipAll(others, "needs a working STRIPE_SECRET_KEY from the Stripe step")
		return
	case info.Kind == OrgSecret && cr.context == "":
		r.skipAll(others, "needs STRIPE_CONTEXT: the organization key has no account to act for")
		return
	case info.Live:
		if err := apihttp.CheckOfficialHost(c.api.cfg.BaseURL, officialHost, "live Stripe key"); err != nil {
			for _, n := range others {
				r.set(providers.Result{Name: n, Status: providers.Fail, Detail: err.Error(), Hint: "Nothing was sent. Live keys are only ever sent to " + DefaultBaseURL + "."})
			}
			return
		}
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			r.start(CheckConnectEnabled)
			r.set(c.liveEnabled(ctx, cr))
		}()
		go func() {
			defer wg.Done()
			r.start(CheckPlatform)
			r.set(c.platformStatus(ctx, cr))
		}()
		wg.Wait()
		return
	}
	ctrl, _ := connectSettings(v)
	r.start(CheckConnectEnabled)
	r.set(c.testEnabled(ctx, cr, ctrl))
}

func (c *Connect) liveEnabled(ctx context.Context, cr creds) providers.Result {
	res := providers.Result{Name: CheckConnectEnabled}
	list, err := c.api.listAccounts(ctx, cr)
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

// platformStatus is the platform's own account, read live: a platform that
// cannot take payments or pay out cannot run its connected accounts'
// money either.
func (c *Connect) platformStatus(ctx context.Context, cr creds) providers.Result {
	res := providers.Result{Name: CheckPlatform}
	acc, err := c.api.getAccount(ctx, cr)
	if err != nil {
		if isCanceled(err) {
			res.Status, res.Detail = providers.Skip, "cancelled before the platform account was read"
			return res
		}
		if se := stripeErr(err); se != nil && se.Status == http.StatusForbidden {
			res.Status, res.Detail, res.Hint = providers.Warn, "not checked: this key may not read the platform account", se.Hint()
			return res
		}
		return failed(CheckPlatform, "reading the platform account", err)
	}
	var problems, hints []string
	for _, sub := range []providers.Result{chargesResult(acc), payoutsResult(acc), requirementsResult(acc)} {
		if sub.Status != providers.Pass {
			problems = append(problems, sub.Detail)
			hints = append(hints, sub.Hint)
		}
	}
	if len(problems) == 0 {
		res.Status, res.Detail = providers.Pass, "the platform account "+secret.Mask(acc.ID)+" can take live payments and pay out, and Stripe lists nothing due"
		return res
	}
	res.Status = providers.Warn
	res.Detail = "the platform account " + secret.Mask(acc.ID) + ": " + strings.Join(problems, "; ")
	res.Hint = strings.Join(slices.Compact(hints), " ")
	return res
}

func (c *Connect) testEnabled(ctx context.Context, cr creds, ctrl Controller) providers.Result {
	res := providers.Result{Name: CheckConnectEnabled}
	idem := newIdempotencyKey()
	acc, err := c.api.createAccount(ctx, cr, ctrl, idem)
	if isCanceled(err) {
		// The account may exist even though the answer was cut off. The
		// same Idempotency-Key returns the answer Stripe stored for the
		// first attempt (or makes the account now), so its ID is known
		// and it can be deleted.
		cctx, cancel := providers.CleanupContext(ctx)
		defer cancel()
		acc, err := c.api.createAccount(cctx, cr, ctrl, idem)
		if err != nil {
			res.Status = providers.Warn
			res.Detail = "cancelled; onboard could not confirm that no test account was left behind: " + err.Error()
			if isCanceled(err) { // the grace after the interrupt ran out too
				res.Detail = "cancelled before onboard could confirm that no test account was left behind"
			}
			res.Hint = "Look for an account whose metadata says created_by onboard under Connect → Accounts, with the sandbox in view: " + urlConnectAccounts
			res.LeftBehind = mayRemain(ctrl)
			return res
		}
		if _, derr := c.api.deleteAccount(cctx, cr, acc.ID); derr != nil {
			return leftBehind(acc.ID, derr)
		}
		res.Status, res.Detail = providers.Skip, "cancelled before the Connect check finished (its test account was deleted)"
		return res
	}
	if err != nil {
		return createRefused(ctrl, err)
	}
	cctx, cancel := providers.CleanupContext(ctx)
	defer cancel()
	if _, err := c.api.deleteAccount(cctx, cr, acc.ID); err != nil {
		return leftBehind(acc.ID, err)
	}
	if acc.mock != "" {
		res.Status = providers.Skip
		res.Detail = mockSays(acc.mock) + " accepted the test account's parameters (" + ctrl.Describe() + "), but it models no accounts, so whether Connect is on cannot be told"
		return res
	}
	res.Status = providers.Pass
	res.Detail = fmt.Sprintf("created a test %s account (%s: %s) and deleted it again", accountWord(ctrl), secret.Mask(acc.ID), ctrl.Describe())
	return res
}

// accountWord names the test account by its old type, when it has one.
func accountWord(ctrl Controller) string {
	if l := ctrl.Legacy(); l != "" {
		return l
	}
	return "connected"
}

// createRefused explains a failed test account. Stripe answers two quite
// different problems with the same HTTP 400 and no code: Connect not
// turned on, and settings the platform profile does not allow; only the
// message tells them apart, and each needs its own fix.
func createRefused(ctrl Controller, err error) providers.Result {
	se := stripeErr(err)
	switch {
	case se != nil && se.connectOff():
		return providers.Result{Name: CheckConnectEnabled, Status: providers.Fail,
			Detail: "Connect is not turned on for this account: Stripe refused a test connected account (" + se.Error() + ")",
			Hint:   se.Hint()}
	case se != nil && se.platformProfile():
		return providers.Result{Name: CheckConnectEnabled, Status: providers.Fail,
			Detail: "Connect is on, but Stripe refused a test account with these settings (" + ctrl.Describe() + "): they do not fit your platform profile (" + se.Error() + ")",
			Hint:   "Make the two agree. Either answer the platform profile the way you chose here (who covers losses, who onboards): " + urlPlatformProfile + "; or run onboard again and choose the settings your profile names."}
	}
	res := failed(CheckConnectEnabled, "creating a test connected account ("+ctrl.Describe()+")", err)
	// A request that timed out or broke may have reached Stripe, and
	// onboard does not wait for the host a second time to find out.
	var ae *apihttp.Error
	if errors.As(err, &ae) && (ae.Kind == apihttp.Timeout || ae.Kind == apihttp.Reset) {
		res.LeftBehind = mayRemain(ctrl)
		res.Hint += " If Stripe did create the account, delete it under Connect → Accounts with the sandbox in view (its metadata says created_by onboard): " + urlConnectAccounts
	}
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
		Hint:       "Delete it under Connect → Accounts with the sandbox in view (its metadata says created_by onboard): " + urlConnectAccounts,
		LeftBehind: "the test account " + secret.Mask(id) + " in the Stripe sandbox (metadata created_by onboard)"}
}

// mayRemain is what a cut-off account creation may leave behind.
func mayRemain(ctrl Controller) string {
	return "possibly a test " + accountWord(ctrl) + " account in the Stripe sandbox (metadata created_by onboard)"
}

const urlConnectAccounts = "https://dashboard.stripe.com/connect/accounts/overview"

const oauthAuthorize = "https://connect.stripe.com/oauth/authorize"

// AuthorizeURL is the OAuth link that connects an existing Stripe account
// to the platform, for the platforms that really use OAuth: extensions, and
// connecting accounts that already exist. redirectURI and state may be
// empty (Stripe then uses the first redirect URI registered in the Connect
// settings). OAuth is not recommended for new platforms, which onboard
// accounts with Account Links or embedded onboarding and need no client ID
// (docs.stripe.com/connect/oauth-standard-accounts). Express accounts have
// no OAuth link here: Express OAuth is not available to new platforms
// (docs.stripe.com/connect/oauth-express-accounts).
func AuthorizeURL(clientID, redirectURI, state string) string {
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "scope": {"read_write"}}
	if redirectURI != "" {
		q.Set("redirect_uri", redirectURI)
	}
	if state != "" {
		q.Set("state", state)
	}
	return oauthAuthorize + "?" + q.Encode()
}
