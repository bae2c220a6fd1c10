package envfile_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// Planted in every fuzzed .env, and in every update: neither may ever show
// in an error message.
const (
	plantedInFile = "sk_live_51LEAKCANARYinTheFileQ7xW3vB9nM2Lk5"
	plantedInSet  = "sk_test_51LEAKCANARYinTheSetJ4gF6dS8aZz0Xx9"
)

// FuzzApplyNoLeakNoLoss writes arbitrary .env files around a planted
// secret and applies an update carrying another. Whatever happens:
// errors (parse, unsafe value, anything) never quote either secret; a
// failed update leaves the file byte for byte as it was; a successful one
// keeps every other variable's value and reads back the new one, and the
// file is mode 0600.
func FuzzApplyNoLeakNoLoss(f *testing.F) {
	seeds := [][3]string{
		{"A=1\nSTRIPE_SECRET_KEY=", "\n", ""},
		{"\ufeffA=1\r\nB=", "\r\nC=3\r\n", ""},
		{"export A='x'\nB=\"", "\"\n# comment\n", ""},
		{"A=\"unterminated ", "\n", ""},
		{"A=1\nA=2\nKEY=", "\n", "  spaced  "},
		{"bad line ", " no equals\n", ""},
		{"A=\xff\xfe\n\x00B=", "\n", "\n"},
		{"X=${Y}", "$Z\n", "'\"`$"},
		{"#", "\n", "#"},
		{"MULTI=\"line1\nline2 ", "\"\n", "a\nb"},
		{strings.Repeat("K=v\n", 200), "", strings.Repeat("z", 5000)},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, before, after, setSuffix string) {
		dir := t.TempDir()
		path := filepath.Join(dir, ".env")
		orig := []byte(before + plantedInFile + after)
		if err := os.WriteFile(path, orig, 0o600); err != nil {
			t.Fatal(err)
		}
		secrets := []string{plantedInFile, plantedInSet}
		old, readErr := envfile.Read(path)
		if readErr != nil {
			leakcheck.AssertNoLeak(t, "Read error", []byte(readErr.Error()), secrets...)
		}

		value := plantedInSet + setSuffix
		res, err := envfile.Apply(path, []envfile.Set{{Key: "STRIPE_SECRET_KEY", Value: value, Secret: true}}, nil)
		if err != nil {
			leakcheck.AssertNoLeak(t, "Apply error", []byte(err.Error()), secrets...)
			now, rerr := os.ReadFile(path)
			if rerr != nil || !bytes.Equal(now, orig) {
				t.Fatalf("a failed update changed the file (%d bytes before, %d after)", len(orig), len(now))
			}
			return
		}
		if readErr != nil {
			t.Fatalf("Apply rewrote a file that Read could not parse")
		}
		st, err := os.Stat(res.Path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf(".env mode %v after an update, want 0600", st.Mode().Perm())
		}
		if res.BackupPath != "" {
			if bst, err := os.Stat(res.BackupPath); err == nil && bst.Mode().Perm() != 0o600 {
				t.Errorf("backup mode %v, want 0600", bst.Mode().Perm())
			}
		}
		got, err := envfile.Read(path)
		if err != nil {
			t.Fatalf("the updated file cannot be read back: %s", leakcheck.Scan(map[string][]byte{"e": []byte(err.Error())}, secrets))
		}
		if v, _ := got.Lookup("STRIPE_SECRET_KEY"); v != value {
			t.Fatalf("STRIPE_SECRET_KEY reads back different from what was set (%d vs %d characters)", len(v), len(value))
		}
		for _, k := range old.Keys() {
			if k == "STRIPE_SECRET_KEY" {
				continue
			}
			want, _ := old.Lookup(k)
			if v, ok := got.Lookup(k); !ok || v != want {
				t.Fatalf("the update lost or changed %s", k)
			}
		}
	})
}
