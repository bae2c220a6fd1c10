package scan

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/onboard-dev/onboard/internal/secret"
)

// codeLike is n bytes of source-code-like text with no keys in it: what
// nearly every blob of a history is.
func codeLike(n int) []byte {
	rnd := rand.New(rand.NewPCG(1, 2))
	words := []string{"const", "client", "secret", "token", "check_", "task_id", "plaidLink", "laid", "access", "config", "await", "return", "function", "stripe", "payment", "k_", "mask_test_", "import"}
	var b bytes.Buffer
	for b.Len() < n {
		fmt.Fprintf(&b, "  %s %s = %s(%d); // %s\n", words[rnd.IntN(len(words))], words[rnd.IntN(len(words))], words[rnd.IntN(len(words))], rnd.IntN(100000), words[rnd.IntN(len(words))])
	}
	return b.Bytes()[:n]
}

// BenchmarkDetect is the scanning core on clean code: the cost per byte of
// history.
func BenchmarkDetect(b *testing.B) {
	buf := codeLike(1 << 20)
	d := newDetector([]Value{
		{Name: "STRIPE_SECRET_KEY", Value: secret.Secret("sk_live_51" + string(bytes.Repeat([]byte("aB3"), 30)))},
		{Name: "PLAID_SECRET", Value: secret.Secret("0f1e2d3c4b5a69788796a5b4c3d2e1")},
	})
	b.SetBytes(int64(len(buf)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.find(buf, 0, len(buf))
	}
}
