package stripecli

import (
	"crypto/rand"
	"math/big"

	"github.com/onboard-dev/onboard/internal/secret"
)

// random returns n random letters and digits: keys and secrets in tests
// look real, so the leak checks cannot be fooled by a pattern.
func random(n int) string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		k, _ := rand.Int(rand.Reader, big.NewInt(int64(len(chars))))
		b[i] = chars[k.Int64()]
	}
	return string(b)
}

// The stripe package registers Stripe's credential heads for masking, and
// imports this one; its tests run without it, so they register the heads
// it would.
func init() {
	secret.RegisterPrefixes("sk_test_", "sk_live_", "rk_test_", "rk_live_", "pk_test_", "pk_live_", "whsec_")
}
