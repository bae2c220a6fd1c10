package stripe

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
)

// liveStatusResults read, from the one account answer the key check got,
// what Stripe's go-live checklist asks a person to verify
// (docs.stripe.com/get-started/checklist/go-live): can the account take
// live payments, can it pay out, and does Stripe still need anything from
// it. They cost no call of their own.
func liveStatusResults(acc account, err error) []providers.Result {
	if err != nil {
		why := "not checked: the account could not be read (see " + CheckSecretKey + ")"
		hint := ""
		if se := stripeErr(err); se != nil && se.Status == http.StatusForbidden {
			why = "not checked: this key may not read the account (see " + CheckSecretKey + ")"
			hint = se.Hint()
		}
		if isCanceled(err) {
			why = "cancelled before the account was read"
		}
		out := make([]providers.Result, len(liveChecks))
		for i, n := range liveChecks {
			out[i] = providers.Result{Name: n, Status: providers.Skip, Detail: why, Hint: hint}
		}
		return out
	}
	return []providers.Result{chargesResult(acc), payoutsResult(acc), requirementsResult(acc)}
}

func chargesResult(acc account) providers.Result {
	res := providers.Result{Name: CheckCharges}
	if acc.ChargesEnabled {
		res.Status, res.Detail = providers.Pass, "Stripe says the account can take live payments"
		return res
	}
	res.Status = providers.Warn
	res.Detail = "live payments are not enabled on the account yet" + disabledBecause(acc)
	res.Hint = "Finish activating the account (business details, bank account, anything Stripe lists as due): " + urlActivate
	return res
}

func payoutsResult(acc account) providers.Result {
	res := providers.Result{Name: CheckPayouts}
	if acc.PayoutsEnabled {
		res.Status, res.Detail = providers.Pass, "Stripe says the account can pay out to its bank"
		return res
	}
	res.Status = providers.Warn
	res.Detail = "payouts are not enabled: Stripe holds the balance until they are" + disabledBecause(acc)
	res.Hint = "Add and verify the bank account payouts go to, and finish anything Stripe lists as due: " + urlPayoutSettings
	return res
}

// requirementsResult names what Stripe still needs: past due (payments or
// payouts may already be stopped) fails; due by a deadline warns.
func requirementsResult(acc account) providers.Result {
	res := providers.Result{Name: CheckRequirements}
	req := acc.Requirements
	switch {
	case req == nil || len(req.PastDue) == 0 && len(req.CurrentlyDue) == 0 && req.DisabledReason == "":
		res.Status, res.Detail = providers.Pass, "Stripe lists nothing due for the account"
		return res
	case len(req.PastDue) > 0 || req.DisabledReason != "":
		res.Status = providers.Fail
		var parts []string
		if len(req.PastDue) > 0 {
			parts = append(parts, "past due: "+namedList(req.PastDue))
		}
		if len(req.CurrentlyDue) > 0 {
			parts = append(parts, "also due: "+namedList(req.CurrentlyDue))
		}
		if req.DisabledReason != "" {
			parts = append(parts, "Stripe's reason for restricting it: "+req.DisabledReason)
		}
		res.Detail = "Stripe needs information from the account: " + strings.Join(parts, "; ")
	default:
		res.Status = providers.Warn
		res.Detail = "Stripe needs information from the account: due " + deadline(req.CurrentDeadline) + namedList(req.CurrentlyDue)
	}
	res.Hint = "Give Stripe what it lists in the Dashboard's account activation page: " + urlActivate
	return res
}

func disabledBecause(acc account) string {
	if acc.Requirements != nil && acc.Requirements.DisabledReason != "" {
		return " (Stripe's reason: " + acc.Requirements.DisabledReason + ")"
	}
	return ""
}

func deadline(unix int64) string {
	if unix <= 0 {
		return "now: "
	}
	return "by " + time.Unix(unix, 0).UTC().Format("2006-01-02") + ": "
}

// namedList names Stripe's requirement ids (business_profile.url,
// external_account…), at most six, so a long list stays readable.
func namedList(ids []string) string {
	const most = 6
	if len(ids) <= most {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:most], ", ") + fmt.Sprintf(" and %d more", len(ids)-most)
}
