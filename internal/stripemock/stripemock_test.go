package stripemock

import (
	"net/http"
	"testing"
)

func TestStartServesOnLoopback(t *testing.T) {
	base := Start(t)
	req, _ := http.NewRequest(http.MethodGet, base+"/v1/account", nil)
	req.Header.Set("Authorization", "Bearer sk_test_123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/account: HTTP %d", resp.StatusCode)
	}
	if got := base[:len("http://127.0.0.1:")]; got != "http://127.0.0.1:" {
		t.Fatalf("stripe-mock not on loopback: %s", base)
	}
}

func TestMissingBinaryFromEnvIsReported(t *testing.T) {
	t.Setenv("STRIPE_MOCK_BIN", t.TempDir()+"/nope")
	if _, err := find(); err == nil {
		t.Fatal("find accepted a missing STRIPE_MOCK_BIN")
	}
}
