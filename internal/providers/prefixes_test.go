package providers

import "github.com/onboard-dev/onboard/internal/secret"

// The provider packages register their credential heads when they are
// initialised; these tests, which import none, stand in for them.
func init() {
	secret.RegisterPrefixes("sk_test_", "sk_live_", "pk_test_", "pk_live_", "rk_test_", "rk_live_", "whsec_", "ca_")
}
