package plaidsim

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers/plaid/plaidspec"
)

func loadSpec(t *testing.T) *plaidspec.Spec {
	t.Helper()
	wd, _ := os.Getwd()
	path := plaidspec.Find(wd)
	if path == "" {
		t.Skip("Plaid's OpenAPI spec is not at ../shared/reference/" + plaidspec.FileName + " beside the checkout; shape checks skipped")
	}
	spec, err := plaidspec.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func requireProps(t *testing.T, spec *plaidspec.Spec, schema string, got map[string]any, extra ...string) {
	t.Helper()
	req, err := spec.Required(schema)
	if err != nil {
		t.Fatal(err)
	}
	if len(req) == 0 {
		t.Fatalf("%s: the spec lists no required properties; the reader is out of step with the file", schema)
	}
	for _, k := range append(req, extra...) {
		if _, ok := got[k]; !ok {
			t.Errorf("%s: the simulator's answer lacks required property %q: %v", schema, k, got)
		}
	}
}

func TestAnswersHaveTheSpecsRequiredProperties(t *testing.T) {
	spec := loadSpec(t)
	s := New()
	_, created := post(t, s, "/sandbox/public_token/create", `{"institution_id":"ins_109508","initial_products":["auth"]}`, nil)
	requireProps(t, spec, "SandboxPublicTokenCreateResponse", created)

	_, exchanged := post(t, s, "/item/public_token/exchange", `{"public_token":"`+created["public_token"].(string)+`"}`, nil)
	requireProps(t, spec, "ItemPublicTokenExchangeResponse", exchanged)

	_, removed := post(t, s, "/item/remove", `{"access_token":"`+exchanged["access_token"].(string)+`"}`, nil)
	requireProps(t, spec, "ItemRemoveResponse", removed)

	_, byID := post(t, s, "/institutions/get_by_id", `{"institution_id":"ins_109508","country_codes":["US"]}`, nil)
	requireProps(t, spec, "InstitutionsGetByIdResponse", byID)
	requireProps(t, spec, "Institution", byID["institution"].(map[string]any))

	_, token := post(t, s, "/link/token/create", link(""), nil)
	requireProps(t, spec, "LinkTokenCreateResponse", token)
	// A refused redirect URI is Plaid's error object like any other.
	_, refused := post(t, s, "/link/token/create", link(`"redirect_uri":"https://example.com/nowhere"`), nil)
	requireProps(t, spec, "PlaidError", refused, "request_id", "documentation_url", "suggested_action")

	_, list := post(t, s, "/institutions/get", `{"count":3,"offset":0,"country_codes":["US","CA"]}`, nil)
	requireProps(t, spec, "InstitutionsGetResponse", list)
	for _, in := range list["institutions"].([]any) {
		requireProps(t, spec, "Institution", in.(map[string]any))
	}

	for _, code := range Codes() {
		s.FailNext(code)
		_, e := post(t, s, "/item/remove", `{"access_token":"x"}`, nil)
		// documentation_url and suggested_action are optional in the
		// schema but Plaid always sends them; onboard shows them.
		requireProps(t, spec, "PlaidError", e, "request_id", "documentation_url", "suggested_action")
		types, err := spec.Enum("PlaidErrorType")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(types, e["error_type"].(string)) {
			t.Errorf("%s: error_type %v is not in the spec's PlaidErrorType enum", code, e["error_type"])
		}
	}
}

// requestSchemas names the spec's request schema of each path served.
var requestSchemas = map[string]string{
	"/sandbox/public_token/create": "SandboxPublicTokenCreateRequest",
	"/item/public_token/exchange":  "ItemPublicTokenExchangeRequest",
	"/item/remove":                 "ItemRemoveRequest",
	"/institutions/get_by_id":      "InstitutionsGetByIdRequest",
	"/institutions/get":            "InstitutionsGetRequest",
	"/link/token/create":           "LinkTokenCreateRequest",
}

// Each path takes only properties its request schema has, and needs at
// least the ones the schema requires.
func TestEndpointsTakeWhatTheSpecSays(t *testing.T) {
	spec := loadSpec(t)
	for path, ep := range endpoints {
		schema, ok := requestSchemas[path]
		if !ok {
			t.Errorf("%s: no request schema named for it", path)
			continue
		}
		props, err := spec.Properties(schema)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range ep.allowed {
			if !slices.Contains(props, k) {
				t.Errorf("%s takes %s, which %s does not have", path, k, schema)
			}
		}
		req, _ := spec.Required(schema)
		for _, k := range req {
			if !slices.Contains(ep.required, k) {
				t.Errorf("%s does not require %s, which %s requires", path, k, schema)
			}
		}
		for _, k := range ep.required {
			if !slices.Contains(ep.allowed, k) {
				t.Errorf("%s requires %s but does not take it", path, k)
			}
		}
	}
}

// The simulator sends only codes Plaid documents, under their own type
// (plaidspec.ErrorCodes: the spec lists types, not codes).
func TestCodesAreRealPlaidCodes(t *testing.T) {
	for code, c := range codes {
		typ, ok := plaidspec.ErrorCodes[code]
		switch {
		case !ok:
			t.Errorf("the simulator sends %s, which Plaid does not document", code)
		case typ != c.errType:
			t.Errorf("the simulator sends %s as %s; Plaid sends it as %s", code, c.errType, typ)
		}
		if docAnchors[c.errType] == "" {
			t.Errorf("%s: no documentation anchor for type %s", code, c.errType)
		}
	}
	for _, in := range institutions {
		if _, ok := codes[in.Refuse]; in.Refuse != "" && !ok {
			t.Errorf("%s refuses with %s, which the simulator cannot send", in.ID, in.Refuse)
		}
	}
}

func TestEnumsMatchTheSpec(t *testing.T) {
	spec := loadSpec(t)
	link, err := spec.PropertyList("LinkTokenCreateRequest", "products", "x-override-enum-values-shown")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(linkProducts, link) {
		t.Errorf("Link products: simulator has %v, spec has %v", linkProducts, link)
	}
	lang, err := spec.Property("LinkTokenCreateRequest", "language")
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, m := range regexp.MustCompile("\\(`'([a-z]{2})'`\\)").FindAllStringSubmatch(strings.Join(lang, "\n"), -1) {
		langs = append(langs, m[1])
	}
	if !slices.Equal(linkLanguages, langs) {
		t.Errorf("Link languages: simulator has %v, spec's description lists %v", linkLanguages, langs)
	}
	for name, ours := range map[string][]string{"Products": products, "CountryCode": countryCodes} {
		theirs, err := spec.Enum(name)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ours, theirs) {
			t.Errorf("%s: simulator has %v, spec has %v", name, ours, theirs)
		}
	}
	for _, in := range institutions {
		for _, p := range in.Products {
			if !slices.Contains(products, p) {
				t.Errorf("%s offers %q, which is not a Plaid product", in.ID, p)
			}
		}
	}
}
