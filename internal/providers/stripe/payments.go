package stripe

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
)

// testPayments proves the sandbox can take payments: one with Stripe's
// test card that succeeds, one with the test card that is always declined.
// Both are small, in the account's own currency, carry an Idempotency-Key
// and metadata saying onboard made them. A succeeded test payment needs no
// cleaning; the declined one is left waiting for another payment method,
// so it is cancelled. Only ever called with test keys.
func (p *Provider) testPayments(ctx context.Context, r *run, c creds, accDone <-chan accountRead) {
	r.start(CheckPayment)
	r.start(CheckDecline)
	var read accountRead
	select {
	case read = <-accDone:
	case <-ctx.Done():
		r.skipAll(testChecks, "cancelled before the test payments started")
		return
	}
	if why := paymentBlocker(read); why != "" {
		r.skipAll(testChecks, why)
		return
	}
	currency := strings.ToLower(read.acc.DefaultCurrency)
	amount := testAmount(currency)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		r.set(p.succeedingPayment(ctx, c, amount, currency))
	}()
	go func() {
		defer wg.Done()
		r.set(p.declinedPayment(ctx, c, amount, currency))
	}()
	wg.Wait()
}

// paymentBlocker says why the payments cannot run after the account read,
// or "".
func paymentBlocker(read accountRead) string {
	se := stripeErr(read.err)
	switch {
	case read.err == nil && read.acc.DefaultCurrency == "":
		return "not run: Stripe did not say the account's currency"
	case read.err == nil:
		return ""
	case isCanceled(read.err):
		return "cancelled before the test payments started"
	case se != nil && se.Mock != "":
		return "not run: " + mockSays(se.Mock) + " did not accept the key"
	case se != nil && se.Status == http.StatusUnauthorized:
		return "not run: the secret key was not accepted (see " + CheckSecretKey + ")"
	case se != nil && se.Status == http.StatusForbidden:
		return "not run: the payments use the account's currency, and this key may not read the account (see " + CheckSecretKey + ")"
	}
	return "not run: the account could not be read (see " + CheckSecretKey + ")"
}

func (p *Provider) succeedingPayment(ctx context.Context, c creds, amount int64, currency string) providers.Result {
	res := providers.Result{Name: CheckPayment}
	pi, err := p.api.createPayment(ctx, c, pmSucceeds, amount, currency, "")
	if r, done := paymentFailure(CheckPayment, err); done {
		return r
	}
	what := "a test payment of " + formatAmount(amount, currency) + " with Stripe's test card"
	switch {
	case pi.mock != "":
		res.Status, res.Detail = providers.Skip, mockSays(pi.mock)+" accepted the payment's parameters but runs no payments, so it cannot show one succeed"
	case pi.Status == "succeeded" && !pi.Livemode:
		res.Status = providers.Pass
		res.Detail = what + " succeeded (" + secret.Mask(pi.ID) + "); it stays in the sandbox's payments, marked created_by onboard"
	default:
		res.Status = providers.Fail
		res.Detail = fmt.Sprintf("%s ended as %q, not succeeded", what, pi.Status)
		res.Hint = "Look at the payment (metadata created_by onboard) in the sandbox's Payments list for what stopped it, such as a Radar rule or a payment method setting."
		res.LeftBehind = p.cancelLeftover(ctx, c, pi)
	}
	return res
}

func (p *Provider) declinedPayment(ctx context.Context, c creds, amount int64, currency string) providers.Result {
	res := providers.Result{Name: CheckDecline}
	idem := newIdempotencyKey()
	pi, err := p.api.createPayment(ctx, c, pmDeclined, amount, currency, idem)
	if isCanceled(err) {
		// The attempt may have reached Stripe and left a declined
		// payment. The same Idempotency-Key replays Stripe's stored
		// answer, which names it, so it can be cancelled.
		cctx, cancel := providers.CleanupContext(ctx)
		defer cancel()
		pi, err = p.api.createPayment(cctx, c, pmDeclined, amount, currency, idem)
		res.Status, res.Detail = providers.Skip, "cancelled before the declined-card test finished"
		if se := stripeErr(err); se != nil && se.PaymentIntent != "" {
			pi = paymentIntent{ID: se.PaymentIntent, Status: "requires_payment_method"}
		} else if err != nil {
			res.Status = providers.Warn
			res.Detail += "; onboard could not confirm that no declined test payment was left behind"
			res.LeftBehind = "possibly a declined test payment in the sandbox (metadata created_by onboard)"
			return res
		}
		res.LeftBehind = p.cancelLeftover(ctx, c, pi)
		return res
	}
	se := stripeErr(err)
	if se != nil && se.Code == "card_declined" {
		res.Status = providers.Pass
		res.Detail = "Stripe declined the test card as it should (card_declined"
		if se.DeclineCode != "" {
			res.Detail += ", " + se.DeclineCode
		}
		res.Detail += "), so your app will see declines the way it will in production"
		if se.PaymentIntent != "" {
			if left := p.cancelLeftover(ctx, c, paymentIntent{ID: se.PaymentIntent, Status: "requires_payment_method"}); left != "" {
				res.Status, res.LeftBehind = providers.Warn, left
				res.Detail += "; the declined payment could not be cancelled"
				res.Hint = "Cancel it in the sandbox's Payments list (metadata created_by onboard), or leave it: it moves no money."
			}
		}
		return res
	}
	if r, done := paymentFailure(CheckDecline, err); done {
		return r
	}
	switch {
	case pi.mock != "":
		res.Status, res.Detail = providers.Skip, mockSays(pi.mock)+" accepted the payment's parameters but runs no payments, so it cannot show a decline"
	default:
		res.Status = providers.Fail
		res.Detail = fmt.Sprintf("the payment with Stripe's always-declined test card ended as %q instead of being declined", pi.Status)
		res.Hint = "Make sure these are sandbox keys; if they are, please report this to the onboard project."
	}
	res.LeftBehind = p.cancelLeftover(ctx, c, pi)
	return res
}

// paymentFailure turns a failed create into a result; done is false when
// there was no error to report.
func paymentFailure(name string, err error) (providers.Result, bool) {
	if err == nil {
		return providers.Result{}, false
	}
	se := stripeErr(err)
	switch {
	case se != nil && se.Status == http.StatusUnauthorized:
		return providers.Result{Name: name, Status: providers.Skip, Detail: "not run: the secret key was not accepted (see " + CheckSecretKey + ")"}, true
	case se != nil && se.Status == http.StatusForbidden:
		return providers.Result{Name: name, Status: providers.Warn, Detail: "not checked: the restricted key may not create payments", Hint: se.Hint()}, true
	}
	return failed(name, "creating the test payment", err), true
}

// cancelLeftover cancels a payment a test left unfinished, and says what
// remains when it cannot ("" when nothing does).
func (p *Provider) cancelLeftover(ctx context.Context, c creds, pi paymentIntent) string {
	switch pi.Status {
	case "", "succeeded", "canceled":
		return ""
	}
	cctx, cancel := providers.CleanupContext(ctx)
	defer cancel()
	if _, err := p.api.cancelPayment(cctx, c, pi.ID); err != nil {
		return "the unfinished test payment " + secret.Mask(pi.ID) + " in the sandbox (metadata created_by onboard)"
	}
	return ""
}

// minimumCharge is Stripe's smallest charge per currency, in the
// currency's smallest unit (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
var minimumCharge = map[string]int64{
	"usd": 50, "aed": 200, "aud": 50, "bgn": 100, "brl": 50, "cad": 50, "chf": 50, "czk": 1500,
	"dkk": 250, "eur": 50, "gbp": 30, "hkd": 400, "huf": 17500, "inr": 50, "jpy": 50, "mxn": 1000,
	"myr": 200, "nok": 300, "nzd": 50, "pln": 200, "ron": 200, "sek": 300, "sgd": 50, "thb": 1000,
}

// zeroDecimal and threeDecimal currencies count in whole units and in
// thousandths (docs.stripe.com/currencies#zero-decimal, #three-decimal).
var (
	zeroDecimal  = set("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf")
	threeDecimal = set("bhd", "jod", "kwd", "omr", "tnd")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// testAmount is one unit of the currency (1.00 USD, ¥100 as 100 JPY,
// 1.000 KWD), or Stripe's minimum charge where that is more.
func testAmount(currency string) int64 {
	amount := int64(100)
	if threeDecimal[currency] {
		amount = 1000 // three-decimal amounts must end in 0
	}
	return max(amount, minimumCharge[currency])
}

// formatAmount writes an amount in the smallest unit for a person.
func formatAmount(amount int64, currency string) string {
	cur := strings.ToUpper(currency)
	switch {
	case zeroDecimal[currency]:
		return fmt.Sprintf("%d %s", amount, cur)
	case threeDecimal[currency]:
		return fmt.Sprintf("%d.%03d %s", amount/1000, amount%1000, cur)
	}
	return fmt.Sprintf("%d.%02d %s", amount/100, amount%100, cur)
}
