package plaid

import (
	"os"
	"slices"
	"sort"
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
	initial, err := spec.PropertyList("SandboxPublicTokenCreateRequest", "initial_products", "x-override-enum-values-shown")
	if err != nil {
		t.Fatal(err)
	}
	var ours []string
	for _, o := range ProductOptions {
		ours = append(ours, o.Value)
	}
	sort.Strings(ours)
	sort.Strings(initial)
	if len(initial) == 0 || !slices.Equal(ours, initial) {
		t.Errorf("PLAID_PRODUCTS options = %v, spec's initial_products = %v", ours, initial)
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
}
