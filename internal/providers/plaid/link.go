package plaid

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
)

// The Link token check asks /link/token/create for a token with the app's
// own Link settings, as the app's server does before it opens Link. That is
// where Plaid checks the products against what the account has enabled,
// the country codes against where it may operate, and the redirect URI
// against the dashboard's allow-list: the usual reasons Plaid's quickstart
// fails with "Unable to fetch link_token", none of which a Sandbox Item
// made without Link sees.

// linkLanguage is the language Link is asked for: the quickstart's server
// sends "en", and onboard writes no language setting.
const linkLanguage = "en"

// linkNeeds are the Link products a token needs more for than a check
// should create or invent, and what (each from the spec's description of
// the LinkTokenCreateRequest property named). They are left out of the
// check, which says so.
var linkNeeds = map[string]string{
	paymentInitiation:       "a payment or consent made first (payment_initiation.payment_id)",
	"identity_verification": "a template from the dashboard (identity_verification.template_id)",
	"income_verification":   "a Plaid user and income settings (user_id, income_verification)",
	"employment":            "employment settings (employment)",
	"protect_linked_bank":   "a Plaid user (user_id)",
	"protect_transactions":  "a Plaid user (user_id)",
	"beacon":                "users registered with Beacon (/beacon/user/create)",
	"layer":                 "a Layer template and its own call (/session/token/create)",
}

// craNeeds is what Consumer Report products need in a Link token: a Plaid
// user (user_id), cra_options and consumer_report_permissible_purpose.
const craNeeds = "a Plaid user, Consumer Report settings and a permissible purpose"

// linkPlan is the Link token request for the answers, and the chosen
// products it leaves out with why.
type linkPlan struct {
	req  LinkRequest
	left []string // "product needs …"
}

func (p *Provider) linkPlan(v providers.Values, now time.Time) linkPlan {
	var lp linkPlan
	for _, prod := range providers.SplitList(value(v, p.field(KeyProducts))) {
		switch need, ok := linkNeeds[prod]; {
		case ok:
			lp.left = append(lp.left, prod+" needs "+need)
		case isCRA(prod):
			lp.left = append(lp.left, prod+" needs "+craNeeds)
		case !slices.Contains(lp.req.Products, prod):
			lp.req.Products = append(lp.req.Products, prod)
		}
	}
	if slices.Contains(lp.req.Products, "statements") {
		// The statements product asks for a date range; the quickstart
		// uses the last 30 days.
		lp.req.StatementsFrom = now.AddDate(0, 0, -30).UTC().Format(time.DateOnly)
		lp.req.StatementsTo = now.UTC().Format(time.DateOnly)
	}
	lp.req.Countries = providers.SplitList(value(v, p.field(KeyCountryCodes)))
	lp.req.Language = linkLanguage
	lp.req.RedirectURI = providers.Normalize(v[KeyRedirectURI])
	lp.req.UserID = throwawayUser()
	return lp
}

// throwawayUser is a client_user_id that names no one: Plaid logs it with
// the token, and asks for no personal data there.
func throwawayUser() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "onboard-check-" + hex.EncodeToString(b)
}

// checkLink runs the Link token check; the caller has marked it running.
func (p *Provider) checkLink(ctx context.Context, r *run, c *client, lp linkPlan, env string, v providers.Values) {
	leftNote := ""
	if len(lp.left) > 0 {
		leftNote = "left out of the Link token, as more than a check should create: " + strings.Join(lp.left, "; ")
	}
	if len(lp.req.Products) == 0 {
		r.set(CheckLinkToken, providers.Skip, "not run: "+strings.Join(lp.left, "; ")+", more than a check should create", "")
		return
	}
	tok, err := c.createLinkToken(ctx, lp.req)
	switch {
	case isCanceled(err):
		r.set(CheckLinkToken, providers.Skip, "cancelled", "")
		return
	case err != nil && ctx.Err() != nil:
		r.stopped(ctx, CheckLinkToken, "")
		return
	case err != nil:
		detail, hint := describeLink(err)
		r.set(CheckLinkToken, providers.Fail, detail, hint)
		return
	case !strings.HasPrefix(tok.Token.Reveal(), "link-"+env+"-") || !LinkTokenShape.MatchString(tok.Token.Reveal()):
		r.set(CheckLinkToken, providers.Fail, fmt.Sprintf("the link token %s does not have the shape link-%s-<uuid>", tok.Token, env), tokenShapeHint)
		return
	}
	detail := fmt.Sprintf("Link can start with %s for %s in language %s", strings.Join(lp.req.Products, ", "), strings.Join(lp.req.Countries, ","), lp.req.Language)
	if lp.req.RedirectURI != "" {
		// Named, not quoted: reports mask a free-text setting, since a
		// URL can carry a password (https://user:pass@…).
		detail += ", returning to " + KeyRedirectURI
	}
	detail += fmt.Sprintf("; link token %s", tok.Token)
	if slices.Contains(lp.req.Products, signalProduct) && providers.Normalize(v[KeySignalRulesetKey]) == "" {
		detail += "; for signal, the quickstart also reads " + KeySignalRulesetKey + " (the key of a ruleset you set up for Signal in the dashboard), which is not set"
	}
	if leftNote != "" {
		r.set(CheckLinkToken, providers.Warn, detail+"; "+leftNote,
			"Those products are set up in the dashboard and tried with their own flow; the rest of the Link settings work.")
		return
	}
	r.set(CheckLinkToken, providers.Pass, detail, "")
}

// Hints for refusals of /link/token/create, which are about the Link
// settings rather than the keys.
const (
	redirectHint = "Plaid refused PLAID_REDIRECT_URI: a redirect URI must first be added, exactly as written, under Developers → API → Allowed redirect URIs (" +
		redirectPage + "). Add it there (https in Production), or leave PLAID_REDIRECT_URI empty if you use no OAuth banks."
	countryHint = "A country in PLAID_COUNTRY_CODES is not enabled for your account: Production shows only the countries you asked for. " +
		"Request it with a product-access ticket in the dashboard (https://dashboard.plaid.com/support/new/product-and-development/product-troubleshooting/request-product-access), or remove it."
	productsHint = "A product in PLAID_PRODUCTS is not enabled for your Plaid account in this environment, so Link cannot start with it " +
		"(the usual cause of the quickstart's \"Unable to fetch link_token\"). Request it at " + requestAccess + ", or remove it from PLAID_PRODUCTS."
	linkFieldHint = "Plaid refused one of the Link settings; its message names which. The usual ones: a PLAID_REDIRECT_URI not added under Developers → API → Allowed redirect URIs (" +
		redirectPage + "), or a country in PLAID_COUNTRY_CODES your account may not use."
)

// describeLink is describe for the Link token check: a refusal names the
// setting to fix. Plaid says which field it refused only in its message
// (not meant for programs), so the message picks among the field hints and
// the general one stands when it says nothing known.
func describeLink(err error) (detail, hint string) {
	detail, hint = describe(err)
	var pe *Error
	if !errors.As(err, &pe) {
		return detail, hint
	}
	msg := strings.ToLower(pe.ErrorMessage)
	switch (HintKey{pe.ErrorType, pe.ErrorCode}) {
	case HintKey{"INVALID_REQUEST", "INVALID_FIELD"}:
		switch {
		case strings.Contains(msg, "client_id"):
		case strings.Contains(msg, "redirect"):
			hint = redirectHint
		case strings.Contains(msg, "country"):
			hint = countryHint
		default:
			hint = linkFieldHint
		}
	case HintKey{"INVALID_INPUT", "INVALID_PRODUCT"}:
		hint = productsHint
	}
	return detail, hint
}
