package stripesim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

type route struct {
	method, prefix string
	withID         bool
	secretOnly     bool
	// permission is the restricted-key permission the route needs that the
	// demo restricted key lacks ("" = the restricted key may call it). Like
	// many real restricted keys it may create tokens but not read them back
	// (Stripe keeps raw token data out of restricted keys' reach).
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
	{method: http.MethodGet, prefix: "/v1/account", secretOnly: true, params: set("expand"), handle: (*Sim).getAccount},
	{method: http.MethodPost, prefix: "/v1/tokens", params: set("pii", "card", "bank_account", "account", "person", "customer", "cvc_update", "expand"), handle: (*Sim).createToken},
	{method: http.MethodGet, prefix: "/v1/tokens/", withID: true, secretOnly: true, permission: "rak_token_read", params: set("expand"), handle: (*Sim).getToken},
	{method: http.MethodGet, prefix: "/v1/accounts", secretOnly: true, permission: "rak_connected_account_read", params: set("limit", "starting_after", "ending_before", "created", "expand"), handle: (*Sim).listAccounts},
	{method: http.MethodPost, prefix: "/v1/accounts", secretOnly: true, permission: "rak_connected_account_write",
		params: set("type", "country", "email", "capabilities", "metadata", "business_type", "business_profile", "controller", "default_currency", "settings", "tos_acceptance", "individual", "company", "external_account", "expand"),
		handle: (*Sim).createAccount},
	{method: http.MethodDelete, prefix: "/v1/accounts/", withID: true, secretOnly: true, permission: "rak_connected_account_write", handle: (*Sim).deleteAccount},
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
		if rt.withID && strings.HasPrefix(path, rt.prefix) {
			if id := path[len(rt.prefix):]; id != "" && !strings.Contains(id, "/") {
				return rt, id
			}
		}
	}
	return nil, ""
}

func (s *Sim) getAccount(req *request, _ string) (any, *apiError) {
	p := req.entry.account
	return accountJSON(p.id, p.name, p.email, "standard", map[string]any{"type": "account"}, true), nil
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

func (s *Sim) createAccount(req *request, _ string) (any, *apiError) {
	typ, _ := req.params["type"].(string)
	_, hasController := req.params["controller"]
	switch {
	case typ == "" && !hasController:
		return nil, errMissingParam("type", "")
	case typ != "" && !accountTypes[typ]:
		return nil, invalidRequest(http.StatusBadRequest, "", "type", "Invalid type: must be one of custom, express, or standard")
	}
	if aerr := checkCapabilities(req.params["capabilities"], typ); aerr != nil {
		return nil, aerr
	}
	if md, ok := req.params["metadata"]; ok {
		if _, flat := md.(map[string]any); !flat {
			return nil, invalidRequest(http.StatusBadRequest, "", "metadata", "Invalid hash")
		}
	}
	s.mu.Lock()
	enabled, profile := s.connectEnabled, s.profileComplete
	s.mu.Unlock()
	switch {
	case !enabled:
		return nil, errConnectDisabled()
	case !profile:
		return nil, errPlatformProfile()
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
	return connectedJSON(id, typ), nil
}

// checkCapabilities holds Stripe's rule that Express and Custom accounts
// request the transfers capability (card_payments needs it too).
func checkCapabilities(v any, typ string) *apiError {
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
	if typ == "express" || typ == "custom" {
		t, _ := caps["transfers"].(map[string]any)
		if t["requested"] != "true" {
			return errMissingParam("capabilities", fmt.Sprintf("Accounts of type %s in the US must request the transfers capability (capabilities[transfers][requested]=true).", typ))
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
