package stripe

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/secret"
)

// The names of the Stripe checks, stable for `check --json`.
const (
	CheckSecretKey   = "secret key works"
	CheckSameAccount = "keys from one account"
	CheckModes       = "test/live not mixed"
	CheckWebhook     = "webhook secret format"
	// With test keys: a payment that succeeds and one that is declined.
	CheckPayment = "test payment"
	CheckDecline = "declined test card"
	// With live keys: what the account itself says about going live.
	CheckCharges      = "live payments enabled"
	CheckPayouts      = "payouts enabled"
	CheckRequirements = "account requirements"
)

// Provider verifies a Stripe account's API keys.
type Provider struct{ api *api }

// New returns the Stripe provider.
func New(cfg Config) *Provider { return &Provider{api: newAPI(cfg)} }

func (p *Provider) Spec() *providers.Spec     { return &stripeSpec }
func (p *Provider) Fields() []providers.Field { return stripeFields(p.api.cfg.Mode) }

// Checks are the four key checks, then the test payments for test keys or
// the account's live status for live ones: no payment is ever made with a
// live key.
func (p *Provider) Checks(v providers.Values) []string {
	names := []string{CheckSecretKey, CheckSameAccount, CheckModes, CheckWebhook}
	if _, _, sk, _ := keysOf(v); sk.Server() && sk.Live {
		return append(names, liveChecks...)
	}
	return append(names, testChecks...)
}

var (
	testChecks = []string{CheckPayment, CheckDecline}
	liveChecks = []string{CheckCharges, CheckPayouts, CheckRequirements}
)

// keysOf reads the two API keys from the answers.
func keysOf(v providers.Values) (sk, pk secret.Secret, skInfo, pkInfo KeyInfo) {
	sk = secret.Secret(providers.Normalize(v[EnvSecretKey]))
	pk = secret.Secret(providers.Normalize(v[EnvPublishableKey]))
	return sk, pk, ParseKey(sk.Reveal()), ParseKey(pk.Reveal())
}

// credsOf are the secret key's credentials: an organization key acts for
// the account STRIPE_CONTEXT names.
func credsOf(v providers.Values, sk secret.Secret, info KeyInfo) creds {
	c := as(sk)
	if info.Kind == OrgSecret {
		c.context = providers.Normalize(v[EnvContext])
	}
	return c
}

// accountRead is the account check's answer, shared with the checks that
// need the account (the test payments use its currency).
type accountRead struct {
	acc account
	err error
}

// Verify runs the offline checks at once, then three branches side by
// side: the account read (and, for live keys, the account's status from
// the same answer), the same-account check, and for test keys the two test
// payments, which wait only for the account's currency. The wall time is
// the longest branch, not the sum.
func (p *Provider) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	checks := p.Checks(v)
	r := newRun(ID, checks, report)
	sk, pk, skInfo, pkInfo := keysOf(v)
	c := credsOf(v, sk, skInfo)
	extra := checks[4:] // the payments or the live status checks

	r.set(modesResult(skInfo, pkInfo))
	r.set(webhookResult(v))

	stop := func(secretResult providers.Result, why string) []providers.Result {
		r.set(secretResult)
		r.set(providers.Result{Name: CheckSameAccount, Status: providers.Skip, Detail: why})
		r.skipAll(extra, why)
		return r.list()
	}
	switch {
	case !skInfo.Server():
		detail := "STRIPE_SECRET_KEY is not set"
		if sk != "" {
			detail = validateSecret(sk.Reveal(), v).Msg
		}
		return stop(providers.Result{Name: CheckSecretKey, Status: providers.Fail, Detail: detail, Hint: "Copy the secret key from your sandbox's API keys page: " + urlAPIKeys}, "needs a secret key")
	case skInfo.Kind == OrgSecret && c.context == "":
		return stop(providers.Result{Name: CheckSecretKey, Status: providers.Fail,
			Detail: "an organization key acts for the account a Stripe-Context header names, and STRIPE_CONTEXT is empty, so onboard cannot tell Stripe which account to use; nothing was sent",
			Hint:   "Set STRIPE_CONTEXT to the ID (acct_…) of the account or sandbox your app uses, or use that account's own secret key instead."},
			"not run: the organization key has no account to act for")
	case skInfo.Live:
		if err := apihttp.CheckOfficialHost(p.api.cfg.BaseURL, officialHost, "live Stripe key"); err != nil {
			return stop(providers.Result{Name: CheckSecretKey, Status: providers.Fail, Detail: err.Error(), Hint: "Nothing was sent. Live keys are only ever sent to " + DefaultBaseURL + "."},
				"not run: the live key was not sent to a non-Stripe URL")
		}
	}

	accDone := make(chan accountRead, 1)
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		r.start(CheckSecretKey)
		acc, err := p.api.getAccount(ctx, c)
		accDone <- accountRead{acc, err}
		r.set(secretKeyResult(acc, err, skInfo, c))
		if skInfo.Live {
			for _, res := range liveStatusResults(acc, err) {
				r.set(res)
			}
		}
	}()
	go func() {
		defer wg.Done()
		r.set(p.sameAccountResult(ctx, r, c, pk, skInfo, pkInfo))
	}()
	go func() {
		defer wg.Done()
		if !skInfo.Live {
			p.testPayments(ctx, r, c, accDone)
		}
	}()
	wg.Wait()
	return r.list()
}

func secretKeyResult(acc account, err error, info KeyInfo, c creds) providers.Result {
	if se := stripeErr(err); se != nil && se.Status == http.StatusForbidden {
		return providers.Result{Name: CheckSecretKey, Status: providers.Warn,
			Detail: "Stripe accepted the key, but it may not read the account's details: " + se.Error(),
			Hint:   se.Hint()}
	}
	if se := stripeErr(err); se != nil && se.Mock != "" && se.Status == http.StatusUnauthorized && info.Kind != Secret {
		return providers.Result{Name: CheckSecretKey, Status: providers.Skip,
			Detail: mockSays(se.Mock) + " takes only sk_test_ keys, so it cannot try a " + info.Kind.String() + "; a real sandbox can"}
	}
	if err != nil {
		return failed(CheckSecretKey, "reading the account", err)
	}
	what := mode(info.Live) + " key"
	switch info.Kind {
	case OrgSecret:
		what = "organization key acting"
	case ClaimableSandbox:
		what = "claimable sandbox key (it expires 7 days after the sandbox was made)"
	default: // a secret or restricted key: its mode says it
	}
	detail := fmt.Sprintf("%s for account %s", what, secret.Mask(acc.ID))
	if name := acc.displayName(); name != "" {
		detail += " (" + name + ")"
	}
	if acc.mock != "" {
		detail += "; " + mockSays(acc.mock) + " accepts any well-formed sk_test_ key, so this proves the key's shape, not a real account"
	}
	return providers.Result{Name: CheckSecretKey, Status: providers.Pass, Detail: detail}
}

// mockSays names stripe-mock in a result.
func mockSays(version string) string {
	if version == "master" || version == "" {
		return "the server is stripe-mock, which"
	}
	return "the server is stripe-mock " + version + ", which"
}

// sameAccountResult proves the publishable key belongs to the secret key's
// account: a token made with the publishable key is only visible to the
// secret key of the same account (Stripe answers resource_missing otherwise).
//
// In live mode the check is skipped with a warning. The token is a write (a
// PII token, harmless and never charged, but an object in a live account),
// and no read-only call accepts a publishable key and names its account, so
// the promise "live keys get read-only calls" wins over the check.
func (p *Provider) sameAccountResult(ctx context.Context, r *run, c creds, pk secret.Secret, skInfo, pkInfo KeyInfo) providers.Result {
	res := providers.Result{Name: CheckSameAccount}
	switch {
	case pkInfo.Kind != Publishable:
		res.Status, res.Detail = providers.Skip, "needs a publishable key (pk_…) in STRIPE_PUBLISHABLE_KEY"
		return res
	case !skInfo.ModeUnknown && pkInfo.Live != skInfo.Live:
		res.Status, res.Detail = providers.Skip, "the keys are from different modes (see "+CheckModes+")"
		return res
	case pkInfo.Live:
		res.Status = providers.Warn
		res.Detail = "not checked in live mode: the only proof is creating a token with the publishable key, and onboard makes no writes with live keys"
		res.Hint = "Check in the Dashboard that both live keys are on the same account's API keys page: " + urlAPIKeys
		return res
	}
	r.start(CheckSameAccount)
	tok, err := p.api.createToken(ctx, pk)
	if se := stripeErr(err); se != nil && se.Mock != "" {
		// stripe-mock refuses every publishable key and keeps no tokens.
		res.Status = providers.Skip
		res.Detail = mockSays(se.Mock) + " models no accounts and refuses publishable keys, so it cannot tell whether the keys belong to one account"
		return res
	}
	if err != nil {
		res = failed(CheckSameAccount, "creating a test token with the publishable key", err)
		if se := stripeErr(err); se != nil && se.Status == http.StatusUnauthorized {
			res.Hint = "Stripe did not accept the publishable key. Copy it again from the API keys page of the same sandbox: " + urlAPIKeys
		}
		return res
	}
	got, err := p.api.getToken(ctx, c, tok.ID)
	if se := stripeErr(err); se != nil {
		switch {
		case se.Code == "resource_missing":
			res.Status = providers.Fail
			res.Detail = "the publishable key belongs to a different Stripe account or sandbox than the secret key"
			if c.context != "" {
				res.Detail = "the publishable key does not belong to the account STRIPE_CONTEXT names"
			}
			res.Hint = "Copy both keys from one place: pick the sandbox (or the live account) in the account picker at the top left of the Dashboard, then open its API keys page."
			return res
		case se.Status == http.StatusUnauthorized:
			res.Status, res.Detail = providers.Skip, "not checked: the secret key was not accepted (see "+CheckSecretKey+")"
			return res
		case se.Status == http.StatusForbidden:
			res.Status, res.Detail, res.Hint = providers.Warn, "not checked: the restricted key may not read tokens", se.Hint()
			return res
		}
	}
	if err != nil {
		return failed(CheckSameAccount, "reading the token with the secret key", err)
	}
	if got.mock != "" || tok.mock != "" {
		res.Status, res.Detail = providers.Skip, mockSays(got.mock)+" models no accounts: any token reads back, so it cannot tell whether the keys belong to one account"
		return res
	}
	if got.Livemode != pkInfo.Live {
		res.Status = providers.Fail
		res.Detail = fmt.Sprintf("the token is a %s-mode object but the keys are %s keys", mode(got.Livemode), mode(pkInfo.Live))
		res.Hint = "Copy both keys again from one API keys page: a sandbox's keys are test keys, the live account's are live."
		return res
	}
	res.Status, res.Detail = providers.Pass, "a token made with the publishable key is visible to the secret key"
	return res
}

func modesResult(sk, pk KeyInfo) providers.Result {
	res := providers.Result{Name: CheckModes}
	switch {
	case !sk.Server() || pk.Kind != Publishable:
		res.Status, res.Detail = providers.Skip, "needs both a secret key and a publishable key"
	case sk.ModeUnknown:
		res.Status, res.Detail = providers.Skip, "an organization key's prefix does not say test or live: it works in whichever the account it acts for is in"
	case sk.Live != pk.Live:
		res.Status = providers.Fail
		res.Detail = fmt.Sprintf("the secret key is a %s key but the publishable key is a %s key", mode(sk.Live), mode(pk.Live))
		res.Hint = "Copy both keys from one API keys page: a sandbox's keys are test keys, the live account's are live."
	default:
		res.Status, res.Detail = providers.Pass, "both keys are "+mode(sk.Live)+" keys"
	}
	return res
}

// webhookResult checks only the format: Stripe has no API that confirms a
// signing secret. The secret is never sent to Stripe; Stripe uses it to sign
// the events it delivers, so the only real proof is a delivered event whose
// Stripe-Signature header verifies with it.
func webhookResult(v providers.Values) providers.Result {
	res := providers.Result{Name: CheckWebhook}
	val := providers.Normalize(v[EnvWebhookSecret])
	if val == "" {
		res.Status, res.Detail = providers.Skip, "not set (optional): add it once you create an event destination"
		return res
	}
	if err := validateWebhookSecret(val, v); err != nil {
		res.Status, res.Detail = providers.Fail, err.Msg
		if err.Severity == providers.Warning {
			res.Status = providers.Warn
		}
		res.Hint = "Open Workbench → Webhooks, pick your event destination and reveal its signing secret: " + urlWebhooks
		return res
	}
	res.Status = providers.Pass
	res.Detail = "the format is right (" + secret.Mask(val) + "). Stripe has no API to confirm a signing secret: it only signs the events it sends. To prove it, send a test event (`stripe trigger payment_intent.succeeded`) and check that your endpoint verifies the Stripe-Signature header."
	return res
}
