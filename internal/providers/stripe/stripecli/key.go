package stripecli

import (
	"strings"

	"github.com/onboard-dev/onboard/internal/secret"
)

// CheckKey reports whether key may be handed to `stripe listen`: only a
// test-mode secret key (sk_test_) or restricted key (rk_test_) may. Any other
// value gets an *Error with Problem KeyRefused that says why; PrintSecret
// calls it before running anything. It is an allowlist of two heads on
// purpose: the stripe package (which imports this one) knows every kind of
// key, this guard only has to let the two test kinds through.
func CheckKey(key secret.Secret) error {
	v := key.Reveal()
	switch {
	case v == "":
		return refuse(refusedNoKey)
	case hasKeyHead(v, "sk_test_", "rk_test_"):
		return nil
	case strings.HasPrefix(v, "sk_org_"):
		return refuse(refusedOrgKey)
	case hasKeyHead(v, "sk_live_", "rk_live_"):
		return refuse(refusedLiveKey)
	case strings.HasPrefix(v, "pk_"):
		return refuse(refusedPublishable)
	}
	return refuse(refusedOther)
}

// hasKeyHead: v starts with one of the heads and has a body of letters
// and digits after it (a key with a space or a line break in it is not one).
func hasKeyHead(v string, heads ...string) bool {
	for _, h := range heads {
		if body, ok := strings.CutPrefix(v, h); ok && len(body) >= 8 && strings.IndexFunc(body, notAlnum) < 0 {
			return true
		}
	}
	return false
}

func notAlnum(r rune) bool { return r > 0x7f || !isAlnum(byte(r)) }

// The refusals, each saying why and what to do instead.
const (
	refusedNoKey       = "There is no Stripe secret key yet: enter your test secret key (sk_test_…) first, then ask the Stripe CLI."
	refusedLiveKey     = "onboard will not give a live key to stripe listen: a live key would register a listener on your live account, and production needs the endpoint's own signing secret (Workbench → Webhooks → your event destination → Signing secret)."
	refusedOrgKey      = "stripe listen does not take organization keys (sk_org_…). Use the test secret key (sk_test_…) of the sandbox your app talks to, or enter the signing secret by hand."
	refusedPublishable = "This is a publishable key (pk_…), which cannot open a listener. stripe listen needs the test secret key (sk_test_…) or a test restricted key (rk_test_…)."
	refusedOther       = "This is not a Stripe test secret key (sk_test_…) or test restricted key (rk_test_…), the only keys onboard passes to stripe listen. Check the key, or enter the signing secret by hand."
)

func refuse(why string) *Error { return &Error{Problem: KeyRefused, Reason: why} }
