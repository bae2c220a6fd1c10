package leakcheck

import (
	"testing"

	"github.com/onboard-dev/onboard/internal/secret"
)

// AssertNoLeak fails t once for every place a secret, or a long piece of
// one, appears in output. The failure names the place and the masked
// secret, never the value.
func AssertNoLeak(t testing.TB, name string, output []byte, secrets ...string) {
	t.Helper()
	AssertNone(t, map[string][]byte{name: output}, secrets)
}

// AssertNone is AssertNoLeak over several named outputs at once.
func AssertNone(t testing.TB, outputs map[string][]byte, secrets []string) {
	t.Helper()
	AssertNoneExcept(t, outputs, secrets, nil)
}

// AssertNoneExcept is AssertNone with values that are public by design
// (see ScanExcept).
func AssertNoneExcept(t testing.TB, outputs map[string][]byte, secrets, public []string) {
	t.Helper()
	for _, s := range secrets {
		if len(s) < 8 {
			// Too short to tell a leak from chance; a test that passes one
			// would prove nothing.
			t.Fatalf("leakcheck: secret %s is too short to look for (%d characters)", secret.Mask(s), len(s))
		}
	}
	for _, l := range ScanExcept(outputs, secrets, public) {
		t.Errorf("secret leaked: %s", l)
	}
}
