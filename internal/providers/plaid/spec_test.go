package plaid

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers/plaid/plaidspec"
)

// TestNamesMatchTheSpec keeps product and country lists in step with
// Plaid's OpenAPI spec, when it is available beside the checkout.
func TestNamesMatchTheSpec(t *testing.T) {
	wd, _ := os.Getwd()
	path := plaidspec.Find(wd)
	if path == "" {
		t.Skip("Plaid's OpenAPI spec is not at ../shared/reference/" + plaidspec.FileName + " beside the checkout; skipped")
	}
	spec, err := plaidspec.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	enum, err := spec.Enum("Products")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(allProducts, enum) {
		t.Errorf("allProducts = %v, spec's Products enum = %v", allProducts, enum)
	}
	// PLAID_PRODUCTS feeds /link/token/create: its options are Link's
	// products, and the Sandbox Item test knows the shortcut's narrower list.
	link, err := spec.PropertyList("LinkTokenCreateRequest", "products", "x-override-enum-values-shown")
	if err != nil {
		t.Fatal(err)
	}
	var ours []string
	for _, o := range ProductOptions {
		ours = append(ours, o.Value)
	}
	sort.Strings(ours)
	sort.Strings(link)
	if len(link) == 0 || !slices.Equal(ours, link) {
		t.Errorf("PLAID_PRODUCTS options = %v, spec's LinkTokenCreateRequest.products = %v", ours, link)
	}
	initial, err := spec.PropertyList("SandboxPublicTokenCreateRequest", "initial_products", "x-override-enum-values-shown")
	if err != nil {
		t.Fatal(err)
	}
	sandbox := slices.Clone(sandboxProducts)
	sort.Strings(sandbox)
	sort.Strings(initial)
	if len(initial) == 0 || !slices.Equal(sandbox, initial) {
		t.Errorf("sandboxProducts = %v, spec's initial_products = %v", sandbox, initial)
	}
	for _, p := range sandboxProducts {
		if !isLinkProduct(p) {
			t.Errorf("the Sandbox shortcut takes %s, which Link does not: the product list would refuse it", p)
		}
	}
	cc, err := spec.Enum("CountryCode")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cc {
		if countryNames[c] == "" {
			t.Errorf("country %s has no name to show", c)
		}
	}
	if !slices.Equal(CountryCodes, cc) {
		t.Errorf("CountryCodes = %v, spec = %v", CountryCodes, cc)
	}
	for _, name := range []string{"PlaidError"} {
		req, err := spec.Required(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range req {
			if !slices.Contains([]string{"error_type", "error_code", "error_message", "display_message"}, k) {
				t.Errorf("the spec now requires %s.%s; Error does not read it", name, k)
			}
		}
	}

	// The rules validateProducts and the Link token request follow are
	// still the spec's.
	products, err := spec.Property("LinkTokenCreateRequest", "products")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(products, "\n")
	for _, rule := range []string{"If launching Link with CRA products, `cra_base_reports` is required", "`balance` is *not* a valid value"} {
		if !strings.Contains(text, rule) {
			t.Errorf("the spec no longer says %q about products; review validateProducts", rule)
		}
	}
	if req, err := spec.Required("LinkTokenCreateRequestStatements"); err != nil || !slices.Equal(req, []string{"start_date", "end_date"}) {
		t.Errorf("statements in a Link token need %v (%v); linkPlan sends start_date and end_date", req, err)
	}
	for p := range linkNeeds {
		if !isLinkProduct(p) {
			t.Errorf("linkNeeds names %s, which is not a Link product", p)
		}
	}
	for p, cc := range regional {
		if !isLinkProduct(p) {
			t.Errorf("regional names %s, which is not a Link product", p)
		}
		for _, c := range cc {
			if !slices.Contains(CountryCodes, c) {
				t.Errorf("regional: %s lists %s, not a country code of the spec", p, c)
			}
		}
	}
}

// TestHintsNameRealErrors holds the hint table to Plaid's types (the spec's
// enum) and codes (the documented list, plaidspec.ErrorCodes): a hint for a
// code Plaid never sends, or under the wrong type, is never shown.
func TestHintsNameRealErrors(t *testing.T) {
	for k := range Hints {
		if k.Code == "" {
			continue
		}
		typ, ok := plaidspec.ErrorCodes[k.Code]
		switch {
		case !ok:
			t.Errorf("hint for %s: Plaid documents no such code", k.Code)
		case typ != k.Type:
			t.Errorf("hint for %s under %s: Plaid sends it as %s", k.Code, k.Type, typ)
		}
	}
	spec := loadSpec(t)
	types, err := spec.Enum("PlaidErrorType")
	if err != nil {
		t.Fatal(err)
	}
	for k := range Hints {
		if !slices.Contains(types, k.Type) {
			t.Errorf("hint for %s/%s: %s is not in the spec's PlaidErrorType", k.Type, k.Code, k.Type)
		}
	}
	for code, typ := range plaidspec.ErrorCodes {
		if !slices.Contains(types, typ) {
			t.Errorf("plaidspec.ErrorCodes: %s has type %s, which the spec does not list", code, typ)
		}
	}
}

func loadSpec(t *testing.T) *plaidspec.Spec {
	t.Helper()
	wd, _ := os.Getwd()
	path := plaidspec.Find(wd)
	if path == "" {
		t.Skip("Plaid's OpenAPI spec is not at ../shared/reference/" + plaidspec.FileName + " beside the checkout; skipped")
	}
	spec, err := plaidspec.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}
