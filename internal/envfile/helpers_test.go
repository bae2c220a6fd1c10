package envfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joho/godotenv"
	"github.com/onboard-dev/onboard/internal/secret"
)

// writeEnv puts content into a fresh temp dir and returns the .env path.
func writeEnv(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// loaded is what godotenv itself loads from path (BOM skipped, as onboard
// does; godotenv v1.5.1 cannot read a BOM).
func loaded(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := godotenv.UnmarshalBytes([]byte(strings.TrimPrefix(string(b), "\ufeff")))
	if err != nil {
		t.Fatalf("godotenv cannot read %s: %s", path, maskErr(err))
	}
	return m
}

// maskErr keeps godotenv's messages (which quote the file) out of test output.
func maskErr(err error) string {
	if err == nil {
		return "<nil>"
	}
	return "error of type " + strings.TrimPrefix(errorsType(err), "*")
}

func errorsType(err error) string {
	var fe *FileError
	var pe *ParseError
	var ke *KeyError
	switch {
	case errors.As(err, &fe):
		return "*FileError"
	case errors.As(err, &pe):
		return "*ParseError"
	case errors.As(err, &ke):
		return "*KeyError"
	}
	return "other"
}

// m masks a value for failure messages: tests never print raw values.
func m(v string) string { return secret.Mask(v) }

// noValueIn fails if the error text contains any of the values.
func noValueIn(t *testing.T, err error, values ...string) {
	t.Helper()
	for _, v := range values {
		if len(v) >= 3 && strings.Contains(err.Error(), v) {
			t.Errorf("error text contains a value (masked %s)", m(v))
		}
	}
}

// dirNames lists a folder's entries, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}
