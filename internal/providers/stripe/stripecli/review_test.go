//go:build unix

package stripecli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/secret"
)

// A stripe on PATH that fails and says what it was given. The reason an
// Error quotes is redacted only for the Stripe key: another secret the
// CLI inherits from onboard's environment (the wizard passes everything
// but STRIPE_*) reaches the screen in clear. And stdout and stderr are
// redacted one at a time, so the key cut into 11-character lines that
// alternate between them is quoted whole, piece by piece.
func TestReviewFailingCLIQuotesOtherSecrets(t *testing.T) {
	plaid := "0a1b2c3d4e5f60718293a4b5c6d7e8"
	t.Setenv("PLAID_SECRET", plaid)
	bin := fakeScript(t, "echo \"debug: PLAID_SECRET=$PLAID_SECRET\" >&2\nexit 1\n")
	_, err := CLI{Path: bin}.PrintSecret(context.Background(), secret.Secret("sk_test_"+random(99)))
	if err == nil || strings.Contains(err.Error(), plaid) {
		t.Errorf("the Plaid secret from the environment is quoted in the error: %v", err)
	}
}

func TestReviewFailingCLIQuotesKeyPiecesFromTwoStreams(t *testing.T) {
	key := "sk_test_" + random(99)
	bin := fakeScript(t, "k=\"$STRIPE_API_KEY\"; i=0\n"+
		"while [ -n \"$k\" ]; do p=$(printf %s \"$k\" | cut -c1-11); k=$(printf %s \"$k\" | cut -c12-)\n"+
		"  if [ $((i%2)) = 0 ]; then echo \"$p\"; else echo \"$p\" >&2; fi; i=$((i+1)); done\nexit 1\n")
	_, err := CLI{Path: bin}.PrintSecret(context.Background(), secret.Secret(key))
	if err == nil {
		t.Fatal("no error")
	}
	shown := 0
	for i := 11; i+11 <= len(key); i += 11 { // the pieces the CLI printed, after the one holding the prefix
		if strings.Contains(err.Error(), key[i:i+11]) {
			shown += 11
		}
	}
	if shown > 12 {
		t.Errorf("%d of the key's %d characters are quoted in the error, in pieces", shown, len(key)-8)
	}
}

func fakeScript(t *testing.T, body string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stripe")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}
