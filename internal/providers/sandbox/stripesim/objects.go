package stripesim

// The JSON shapes, limited to fields Stripe's own answers carry (the tests
// compare them with stripe-mock's).

func accountJSON(id, name, email, typ string, controller map[string]any, active bool) map[string]any {
	return map[string]any{
		"id":     id,
		"object": "account",
		"business_profile": map[string]any{
			"name": nullable(name), "url": nil, "support_email": nil, "mcc": nil,
		},
		"business_type":     nil,
		"capabilities":      map[string]any{"card_payments": status(active), "transfers": status(active)},
		"charges_enabled":   active,
		"payouts_enabled":   active,
		"details_submitted": active,
		"controller":        controller,
		"country":           "US",
		"created":           now(),
		"default_currency":  "usd",
		"email":             nullable(email),
		"metadata":          map[string]any{},
		"settings": map[string]any{
			"dashboard": map[string]any{"display_name": nullable(name), "timezone": "Etc/UTC"},
		},
		"type": typ,
	}
}

func connectedJSON(id, typ string) map[string]any {
	return accountJSON(id, "", "", typ, map[string]any{"type": "application"}, false)
}

func tokenJSON(id string) map[string]any {
	return map[string]any{
		"id": id, "object": "token", "client_ip": nil, "created": now(),
		"livemode": false, "type": "pii", "used": false,
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
