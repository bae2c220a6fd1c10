package stripesim

import (
	"fmt"
	"net/http"
	"strconv"
)

// The test payment methods the simulator knows (docs.stripe.com/testing):
// one that succeeds, one that is always declined.
const (
	pmVisa     = "pm_card_visa"
	pmDeclined = "pm_card_chargeDeclined"
)

// minimumUSD is Stripe's smallest charge in US cents
// (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
const minimumUSD = 50

// createPayment is POST /v1/payment_intents for a confirmed card payment.
func (s *Sim) createPayment(req *request, _ string) (any, *apiError) {
	p := req.params
	amountStr, _ := p["amount"].(string)
	currency, _ := p["currency"].(string)
	switch {
	case amountStr == "":
		return nil, errMissingParam("amount", "")
	case currency == "":
		return nil, errMissingParam("currency", "")
	}
	amount, err := strconv.ParseInt(amountStr, 10, 64)
	if err != nil || amount < 1 {
		return nil, invalidRequest(http.StatusBadRequest, "parameter_invalid_integer", "amount", "Invalid integer: "+amountStr)
	}
	if currency == "usd" && amount < minimumUSD {
		return nil, invalidRequest(http.StatusBadRequest, "amount_too_small", "amount", "Amount must be at least $0.50 usd")
	}
	pm, _ := p["payment_method"].(string)
	if pm != "" && pm != pmVisa && pm != pmDeclined {
		return nil, errNoSuch("PaymentMethod", "payment_method", pm)
	}
	md, _ := p["metadata"].(map[string]any)
	if _, sent := p["metadata"]; sent && md == nil {
		return nil, invalidRequest(http.StatusBadRequest, "", "metadata", "Invalid hash")
	}
	confirm := p["confirm"] == "true"
	// Without payment_method_types the Dashboard's payment methods apply,
	// some of which redirect: confirming then needs a return_url, unless
	// redirects are turned off.
	_, types := p["payment_method_types"]
	apm, _ := p["automatic_payment_methods"].(map[string]any)
	if confirm && !types && p["return_url"] == nil && apm["allow_redirects"] != "never" {
		return nil, invalidRequest(http.StatusBadRequest, "", "return_url", "This PaymentIntent is configured to accept payment methods enabled in your Dashboard. Because some of these payment methods might redirect your customer off of your page, you must provide a `return_url`. If you don't want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.")
	}
	pay := &payment{
		id: "pi_" + randomID(24), pm: pm, currency: currency, amount: amount, created: now(),
		metadata: md, status: "requires_payment_method",
	}
	pay.description, _ = p["description"].(string)
	pay.clientSecret = pay.id + "_secret_" + randomID(24)
	var declined *apiError
	switch {
	case confirm && pm == pmVisa:
		pay.status = "succeeded"
	case confirm && pm == pmDeclined:
		charge := "ch_" + randomID(24)
		pay.lastError = map[string]any{"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
			"message": "Your card was declined.", "doc_url": docURL("card_declined"), "charge": charge}
		declined = errCardDeclined(nil, charge)
	case pm != "":
		pay.status = "requires_confirmation"
	}
	s.mu.Lock()
	req.entry.account.payments[pay.id] = pay
	body := paymentJSON(pay)
	s.mu.Unlock()
	if declined != nil {
		declined.PaymentIntent = body
		return nil, declined
	}
	return body, nil
}

// cancelPayment is POST /v1/payment_intents/{id}/cancel.
func (s *Sim) cancelPayment(req *request, id string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pay := req.entry.account.payments[id]
	switch {
	case pay == nil:
		return nil, errNoSuch("payment_intent", "intent", id)
	case pay.status == "succeeded" || pay.status == "canceled":
		return nil, invalidRequest(http.StatusBadRequest, "payment_intent_unexpected_state", "",
			fmt.Sprintf("You cannot cancel this PaymentIntent because it has a status of %s. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.", pay.status))
	}
	pay.status, pay.canceledAt = "canceled", now()
	return paymentJSON(pay), nil
}

// Payments counts the PaymentIntents of both accounts, by status.
func (s *Sim) Payments() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for _, acct := range s.org {
		for _, p := range acct.payments {
			out[p.status]++
		}
	}
	return out
}
