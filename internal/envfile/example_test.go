package envfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteExample(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".env.example")
	secretValue := "sk_test_abcdefghijklmnop1234"
	sets := []Set{
		{Key: "PLAID_CLIENT_ID", Value: "5f2a9c0b1d3e4f0012345678", Group: "Plaid"},
		{Key: "PLAID_SECRET", Value: "0123456789abcdef0123456789abcd", Group: "Plaid", Secret: true},
		{Key: "PLAID_ENV", Value: "sandbox", Group: "Plaid"},
		{Key: "STRIPE_SECRET_KEY", Value: secretValue, Group: "Stripe", Secret: true},
	}
	if err := WriteExample(path, sets); err != nil {
		t.Fatal(err)
	}
	want := "# Plaid (added by onboard)\nPLAID_CLIENT_ID=\nPLAID_SECRET=\nPLAID_ENV=sandbox\n\n# Stripe (added by onboard)\nSTRIPE_SECRET_KEY=\n"
	if got := readFile(t, path); got != want {
		t.Errorf("example differs:\n%s", diffLines(got, want))
	}
	if mode(t, path) != 0o644 {
		t.Errorf("new example mode %o, want 644 (it is meant to be committed)", mode(t, path))
	}
	if _, err := os.Stat(path + backupSuffix); !os.IsNotExist(err) {
		t.Error("the example needs no backup")
	}

	// A user's own example: their lines and placeholders stay, only
	// missing keys are added.
	mine := "# How to run\nPLAID_ENV=development # pick one\nSTRIPE_SECRET_KEY=sk_test_your_key_here\n"
	if err := os.WriteFile(path, []byte(mine), 0o664); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o664); err != nil {
		t.Fatal(err)
	}
	if err := WriteExample(path, sets); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	if !strings.HasPrefix(got, mine) {
		t.Error("the existing example's lines were changed")
	}
	if strings.Contains(got, secretValue) || strings.Contains(got, "0123456789abcdef") {
		t.Error("a secret reached the example")
	}
	for _, k := range []string{"PLAID_CLIENT_ID=", "PLAID_SECRET="} {
		if !strings.Contains(got, k) {
			t.Errorf("%s missing", k)
		}
	}
	if mode(t, path) != 0o664 {
		t.Errorf("existing mode not kept: %o", mode(t, path))
	}
}
