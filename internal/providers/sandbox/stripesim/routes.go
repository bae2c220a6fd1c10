package stripesim

import (
	"fmt"
	"maps"
	"net/http"
	"strconv"
	"strings"
)

type route struct {
	method, prefix string
	withID         bool
	suffix         string // after the ID: "/cancel"
	secretOnly     bool
	// permission is the restricted-key permission the route needs; a
	// restricted key that lacks it gets Stripe's 403 ("" = any key may
	// call it). Like many real restricted keys the demo one may create
	// tokens but not read them back (Stripe keeps raw token data out of
	// restricted keys' reach).
	permission string
	params     map[string]bool
	handle     func(s *Sim, req *request, id string) (any, *apiError)
}

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

var routes = []route{
	{method: http.MethodGet, prefix: "/v1/account", secretOnly: true, permission: permAccountRead, params: set("expand"), handle: (*Sim).getAccount},
	{method: http.MethodPost, prefix: "/v1/tokens", params: set("pii", "card", "bank_account", "account", "person", "customer", "cvc_update", "expand"), handle: (*Sim).createToken},
	{method: http.MethodGet, prefix: "/v1/tokens/", withID: true, secretOnly: true, permission: permTokenRead, params: set("expand"), handle: (*Sim).getToken},
	{method: http.MethodGet, prefix: "/v1/accounts", secretOnly: true, permission: permConnectedRead, params: set("limit", "starting_after", "ending_before", "created", "expand"), handle: (*Sim).listAccounts},
	{method: http.MethodPost, prefix: "/v1/accounts", secretOnly: true, permission: permConnectedWrite,
		params: set("type", "country", "email", "capabilities", "metadata", "business_type", "business_profile", "controller", "default_currency", "settings", "tos_acceptance", "individual", "company", "external_account", "expand"),
		handle: (*Sim).createAccount},
	{method: http.MethodDelete, prefix: "/v1/accounts/", withID: true, secretOnly: true, permission: permConnectedWrite, handle: (*Sim).deleteAccount},
	{method: http.MethodPost, prefix: "/v1/payment_intents", secretOnly: true, permission: permPaymentIntentWrite,
		params: set("amount", "currency", "payment_method", "payment_method_types", "confirm", "description", "metadata", "automatic_payment_methods",
			"return_url", "capture_method", "customer", "receipt_email", "statement_descriptor", "off_session", "setup_future_usage", "on_behalf_of", "expand"),
		handle: (*Sim).createPayment},
	{method: http.MethodPost, prefix: "/v1/payment_intents/", withID: true, suffix: "/cancel", secretOnly: true, permission: permPaymentIntentWrite,
		params: set("cancellation_reason", "expand"), handle: (*Sim).cancelPayment},
}

func match(method, path string) (*route, string) {
	for i := range routes {
		rt := &routes[i]
		if rt.method != method {
			continue
		}
		if !rt.withID && path == rt.prefix {
			return rt, ""
		}
		if rt.withID && strings.HasPrefix(path, rt.prefix) && strings.HasSuffix(path, rt.suffix) {
			if id := strings.TrimSuffix(path[len(rt.prefix):], rt.suffix); id != "" && !strings.Contains(id, "/") {
				return rt, id
			}
		}
	}
	return nil, ""
}

func (s *Sim) getAccount(req *request, _ string) (any, *apiError) {
	p := req.entry.account
	s.mu.Lock()
	st := p.status
	s.mu.Unlock()
	return accountJSON(p.id, p.name, p.email, "standard", map[string]any{"type": "account"}, st), nil
}

func (s *Sim) createToken(req *request, _ string) (any, *apiError) {
	pii, ok := req.params["pii"].(map[string]any)
	if !ok {
		return nil, errMissingParam("pii", "You must supply either a card, customer, PII data, bank account, or account legal entity to create a token.")
	}
	for k := range pii {
		if k != "id_number" {
			return nil, errUnknownParam("pii[" + k + "]")
		}
	}
	if n, _ := pii["id_number"].(string); n == "" {
		return nil, errMissingParam("pii[id_number]", "")
	}
	id := "tok_" + randomID(24)
	s.mu.Lock()
	req.entry.account.tokens[id] = true
	s.mu.Unlock()
	return tokenJSON(id), nil
}

func (s *Sim) getToken(req *request, id string) (any, *apiError) {
	s.mu.Lock()
	found := req.entry.account.tokens[id]
	s.mu.Unlock()
	if !found {
		return nil, errNoSuch("token", "token", id)
	}
	return tokenJSON(id), nil
}

func (s *Sim) listAccounts(req *request, _ string) (any, *apiError) {
	limit := 10
	if l, ok := req.params["limit"].(string); ok {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 100 {
			return nil, invalidRequest(http.StatusBadRequest, "parameter_invalid_integer", "limit", "Invalid integer: "+l)
		}
		limit = n
	}
	s.mu.Lock()
	var data []any
	for id, owner := range s.connected {
		if owner == req.entry.account && len(data) < limit {
			data = append(data, connectedJSON(id, "express"))
		}
	}
	s.mu.Unlock()
	if data == nil {
		data = []any{}
	}
	return map[string]any{"object": "list", "data": data, "has_more": false, "url": "/v1/accounts"}, nil
}

var accountTypes = set("standard", "express", "custom")

// The controller properties and their values (controller_specs in
// Stripe's spec), and the legacy types they stand for.
var controllerValues = map[string]map[string]bool{
	"fees.payer":             set("account", "application"),
	"losses.payments":        set("application", "stripe"),
	"stripe_dashboard.type":  set("express", "full", "none"),
	"requirement_collection": set("application", "stripe"),
}

var legacyControllers = map[string]map[string]string{
	"standard": {"fees.payer": "account", "losses.payments": "stripe", "stripe_dashboard.type": "full", "requirement_collection": "stripe"},
	"express":  {"fees.payer": "application", "losses.payments": "application", "stripe_dashboard.type": "express", "requirement_collection": "stripe"},
	"custom":   {"fees.payer": "application", "losses.payments": "application", "stripe_dashboard.type": "none", "requirement_collection": "application"},
}

// controllerOf reads controller[...] into dotted names, filling what was
// not sent with Stripe's defaults (full dashboard, the account pays, Stripe
// covers losses and collects requirements).
func controllerOf(v any) (map[string]string, *apiError) {
	out := map[string]string{"fees.payer": "account", "losses.payments": "stripe", "stripe_dashboard.type": "full", "requirement_collection": "stripe"}
	if v == nil {
		return out, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, invalidRequest(http.StatusBadRequest, "", "controller", "Invalid hash")
	}
	for k, val := range m {
		switch inner := val.(type) {
		case string:
			if k != "requirement_collection" {
				return nil, invalidRequest(http.StatusBadRequest, "", "controller["+k+"]", "Invalid hash")
			}
			out[k] = inner
		case map[string]any:
			for k2, val2 := range inner {
				name := k + "." + k2
				str, _ := val2.(string)
				if _, known := controllerValues[name]; !known {
					return nil, errUnknownParam("controller[" + k + "][" + k2 + "]")
				}
				out[name] = str
			}
		}
	}
	for name, allowed := range controllerValues {
		if !allowed[out[name]] {
			return nil, invalidRequest(http.StatusBadRequest, "", "controller["+strings.ReplaceAll(name, ".", "][")+"]", fmt.Sprintf("Invalid %s: %q", name, out[name]))
		}
	}
	return out, nil
}

func (s *Sim) createAccount(req *request, _ string) (any, *apiError) {
	typ, _ := req.params["type"].(string)
	ctrl, hasController := req.params["controller"]
	switch {
	case typ == "" && !hasController:
		return nil, errMissingParam("type", "")
	case typ != "" && !accountTypes[typ]:
		return nil, invalidRequest(http.StatusBadRequest, "", "type", "Invalid type: must be one of custom, express, or standard")
	case typ != "" && hasController:
		return nil, invalidRequest(http.StatusBadRequest, "", "controller", "You cannot set both type and controller: use controller alone.")
	}
	c, aerr := controllerOf(ctrl)
	if aerr != nil {
		return nil, aerr
	}
	if typ != "" {
		c = legacyControllers[typ]
	}
	// A platform that collects requirements must cover losses, pay the
	// fees and give the account no Stripe dashboard (the legacy Custom).
	if c["requirement_collection"] == "application" && (c["stripe_dashboard.type"] != "none" || c["losses.payments"] != "application" || c["fees.payer"] != "application") {
		return nil, invalidRequest(http.StatusBadRequest, "", "controller[requirement_collection]", "controller[requirement_collection]=application needs controller[stripe_dashboard][type]=none, controller[losses][payments]=application and controller[fees][payer]=application.")
	}
	if aerr := checkCapabilities(req.params["capabilities"], c["stripe_dashboard.type"]); aerr != nil {
		return nil, aerr
	}
	if md, ok := req.params["metadata"]; ok {
		if _, flat := md.(map[string]any); !flat {
			return nil, invalidRequest(http.StatusBadRequest, "", "metadata", "Invalid hash")
		}
	}
	s.mu.Lock()
	enabled, profile, losses := s.connectEnabled, s.profileComplete, s.profileLosses
	s.mu.Unlock()
	switch {
	case !enabled:
		return nil, errConnectDisabled()
	case !profile:
		return nil, errPlatformProfile()
	case losses != "" && c["losses.payments"] != losses:
		return nil, errProfileConflict(c["losses.payments"], losses)
	}
	id := "acct_" + randomID(16)
	s.mu.Lock()
	s.connected[id] = req.entry.account
	s.created++
	hook := s.onCreated
	s.mu.Unlock()
	if hook != nil {
		hook(req.r)
	}
	return connectedJSON(id, legacyName(c)), nil
}

// legacyName is the `type` Stripe reports for a controller: the legacy type
// it matches, or "none".
func legacyName(c map[string]string) string {
	for name, l := range legacyControllers {
		if maps.Equal(l, c) {
			return name
		}
	}
	return "none"
}

// checkCapabilities holds Stripe's rule that accounts without the full
// Stripe Dashboard (Express and Custom ones) request the transfers
// capability (card_payments needs it too).
func checkCapabilities(v any, dashboard string) *apiError {
	caps, _ := v.(map[string]any)
	if v != nil && caps == nil {
		return invalidRequest(http.StatusBadRequest, "", "capabilities", "Invalid hash")
	}
	for name, c := range caps {
		cm, ok := c.(map[string]any)
		if !ok {
			return invalidRequest(http.StatusBadRequest, "", "capabilities["+name+"]", "Invalid hash")
		}
		for k, val := range cm {
			if k != "requested" {
				return errUnknownParam("capabilities[" + name + "][" + k + "]")
			}
			if val != "true" && val != "false" {
				return invalidRequest(http.StatusBadRequest, "", "capabilities["+name+"][requested]", "Invalid boolean: "+fmt.Sprint(val))
			}
		}
	}
	if dashboard != "full" {
		t, _ := caps["transfers"].(map[string]any)
		if t["requested"] != "true" {
			return errMissingParam("capabilities", fmt.Sprintf("Accounts with controller[stripe_dashboard][type]=%s must request the transfers capability (capabilities[transfers][requested]=true).", dashboard))
		}
	}
	return nil
}

func (s *Sim) deleteAccount(req *request, id string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if owner, ok := s.connected[id]; !ok || owner != req.entry.account {
		return nil, errNoSuch("account", "account", id)
	}
	delete(s.connected, id)
	return map[string]any{"id": id, "object": "account", "deleted": true}, nil
}
