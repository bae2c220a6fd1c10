package stripecli

import (
	"strings"

	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/secret"
)

// orgKeyPrefix marks an organization key. stripe.ParseKey does not know it
// (onboard never takes one as STRIPE_SECRET_KEY), but a person may paste one,
// and `stripe listen` refuses it.
const orgKeyPrefix = "sk_org_"

// CheckKey reports whether key may be handed to `stripe listen`: only a
// test-mode secret key (sk_test_) or restricted key (rk_test_) may. Any other
// value gets an *Error with Problem KeyRefused that says why; PrintSecret
// calls it before running anything.
func CheckKey(key secret.Secret) error {
	v := key.Reveal()
	if v == "" {
		return refuse(refusedNoKey)
	}
	if strings.HasPrefix(v, orgKeyPrefix) {
		return refuse(refusedOrgKey)
	}
	info := stripe.ParseKey(v)
	switch info.Kind {
	case stripe.Secret, stripe.Restricted:
		if info.Live {
			return refuse(refusedLiveKey)
		}
		return nil
	case stripe.Publishable:
		return refuse(refusedPublishable)
	}
	return refuse(refusedOther)
}

// The refusals, each saying why and what to do instead.
const (
	refusedNoKey       = "There is no Stripe secret key yet: enter your test secret key (sk_test_…) first, then ask the Stripe CLI."
	refusedLiveKey     = "onboard will not give a live key to stripe listen: a live key would register a listener on your live account, and production needs the endpoint's own signing secret (Workbench → Webhooks → your event destination → Signing secret)."
	refusedOrgKey      = "stripe listen does not take organization keys (sk_org_…). Use the test secret key (sk_test_…) of the sandbox your app talks to, or enter the signing secret by hand."
	refusedPublishable = "This is a publishable key (pk_…), which cannot open a listener. stripe listen needs the test secret key (sk_test_…) or a test restricted key (rk_test_…)."
	refusedOther       = "This is not a Stripe test secret key (sk_test_…) or test restricted key (rk_test_…), the only keys onboard passes to stripe listen. Check the key, or enter the signing secret by hand."
)

func refuse(why string) *Error { return &Error{Problem: KeyRefused, Reason: why} }
