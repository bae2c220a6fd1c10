package stripecli

import (
	"crypto/rand"
	"math/big"
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
