package stripesim

// The JSON shapes, limited to fields Stripe's own answers carry (the tests
// compare them with stripe-mock's).

func accountJSON(id, name, email, typ string, controller map[string]any, st AccountStatus) map[string]any {
	return map[string]any{
		"id":     id,
		"object": "account",
		"business_profile": map[string]any{
			"name": nullable(name), "url": nil, "support_email": nil, "mcc": nil,
		},
		"business_type":     nil,
		"capabilities":      map[string]any{"card_payments": status(st.ChargesEnabled), "transfers": status(st.PayoutsEnabled)},
		"charges_enabled":   st.ChargesEnabled,
		"payouts_enabled":   st.PayoutsEnabled,
		"details_submitted": st.ChargesEnabled,
		"controller":        controller,
		"country":           "US",
		"created":           now(),
		"default_currency":  "usd",
		"email":             nullable(email),
		"metadata":          map[string]any{},
		"requirements": map[string]any{
			"alternatives":         []any{},
			"current_deadline":     nil,
			"currently_due":        list(st.CurrentlyDue),
			"disabled_reason":      nullable(st.DisabledReason),
			"errors":               []any{},
			"eventually_due":       list(append(append([]string(nil), st.PastDue...), st.CurrentlyDue...)),
			"past_due":             list(st.PastDue),
			"pending_verification": []any{},
		},
		"settings": map[string]any{
			"dashboard": map[string]any{"display_name": nullable(name), "timezone": "Etc/UTC"},
		},
		"type": typ,
	}
}

// connectedJSON is a new connected account. It has yet to be onboarded, so
// it can neither take payments nor pay out, and everything is still due.
// Its controller is only named (a platform controls it): stripe-mock's
// fixture carries no controller properties to hold the rest to.
func connectedJSON(id, typ string) map[string]any {
	return accountJSON(id, "", "", typ, map[string]any{"type": "application"},
		AccountStatus{CurrentlyDue: []string{"business_type", "external_account", "tos_acceptance.date", "tos_acceptance.ip"}})
}

func tokenJSON(id string) map[string]any {
	return map[string]any{
		"id": id, "object": "token", "client_ip": nil, "created": now(),
		"livemode": false, "type": "pii", "used": false,
	}
}

// payment is a PaymentIntent the simulator keeps.
type payment struct {
	id, clientSecret, pm, currency, status, description string
	amount, created                                     int64
	metadata                                            map[string]any
	lastError                                           map[string]any
	canceledAt                                          int64
}

func paymentJSON(p *payment) map[string]any {
	received := int64(0)
	if p.status == "succeeded" {
		received = p.amount
	}
	var canceledAt, reason, lastErr any
	if p.status == "canceled" {
		canceledAt, reason = p.canceledAt, "abandoned"
	}
	if p.lastError != nil {
		lastErr = p.lastError
	}
	md := p.metadata
	if md == nil {
		md = map[string]any{}
	}
	return map[string]any{
		"id": p.id, "object": "payment_intent",
		"amount": p.amount, "amount_capturable": 0, "amount_received": received,
		"canceled_at": canceledAt, "cancellation_reason": reason,
		"capture_method": "automatic", "client_secret": p.clientSecret, "confirmation_method": "automatic",
		"created": p.created, "currency": p.currency, "description": nullable(p.description),
		"last_payment_error": lastErr, "latest_charge": nil, "livemode": false,
		"metadata": md, "next_action": nil, "payment_method": nullable(p.pm),
		"payment_method_types": []string{"card"}, "status": p.status,
	}
}

func status(active bool) string {
	if active {
		return "active"
	}
	return "inactive"
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// list is a JSON array, never null.
func list(items []string) []string {
	if items == nil {
		return []string{}
	}
	return items
}
