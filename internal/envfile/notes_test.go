package envfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// The block of new keys goes where Node reads it, without touching a line
// of the user's: above trailing lines that Node would join with it.
func TestAppendedBlockPlacement(t *testing.T) {
	set := []Set{{Key: "NEW_KEY", Value: "v1", Group: "G"}}
	cases := []struct{ name, before, want string }{
		{"plain", "A=1\n", "A=1\n\n# G (added by onboard)\nNEW_KEY=v1\n"},
		{"blank line at the end", "A=1\n\n", "A=1\n\n# G (added by onboard)\nNEW_KEY=v1\n"},
		{"comment at the end", "A=1\n# end\n", "A=1\n# end\n\n# G (added by onboard)\nNEW_KEY=v1\n"},
		{"whitespace-only line at the end", "A=1\n  \t\n", "A=1\n\n# G (added by onboard)\nNEW_KEY=v1\n  \t\n"},
		{"indented comment at the end", "A=1\n  # gone\n# end\n", "A=1\n\n# G (added by onboard)\nNEW_KEY=v1\n  # gone\n# end\n"},
		{"colon line at the end", "A=1\nB: 2\n", "A=1\n\n# G (added by onboard)\nNEW_KEY=v1\nB: 2\n"},
		{"only blanks", "  \n", "  \n# G (added by onboard)\nNEW_KEY=v1\n"},
		{"crlf", "A=1\r\n \r\n", "A=1\r\n\r\n# G (added by onboard)\r\nNEW_KEY=v1\r\n \r\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeEnv(t, c.before)
			if _, err := Apply(path, set, nil); err != nil {
				t.Fatal(err)
			}
			got := readFile(t, path)
			if got != c.want {
				t.Errorf("file differs:\n%s", diffLines(got, c.want))
			}
			if v, _ := nodeParse([]byte(got)); v["NEW_KEY"] != "v1" {
				t.Error("Node would not read the new key")
			}
		})
	}
}

// Next to its group a new key could follow a line Node joins with it; then
// the key goes to the block at the end instead.
func TestAnchoredKeyFallsBackWhereNodeWouldJoin(t *testing.T) {
	path := writeEnv(t, "PLAID_ENV: sandbox\nOTHER=1\n")
	sets := []Set{{Key: "PLAID_ENV", Value: "sandbox", Group: "Plaid"}, {Key: "PLAID_SECRET", Value: "s3cr3t", Group: "Plaid"}}
	if _, err := Apply(path, sets, nil); err != nil {
		t.Fatal(err)
	}
	want := "PLAID_ENV: sandbox\nOTHER=1\n\n# Plaid (added by onboard)\nPLAID_SECRET=s3cr3t\n"
	if got := readFile(t, path); got != want {
		t.Errorf("file differs:\n%s", diffLines(got, want))
	}
}

// Each value is written in a form every modelled loader reads back, in any
// surroundings, unless no such form exists.
func TestPortableForms(t *testing.T) {
	for _, s := range hardValues {
		r, ok, portable := renderPortable(s.Key, s.Value, "")
		if !ok || !portable {
			t.Errorf("%s: no portable form (ok %v)", s.Key, ok)
			continue
		}
		checkInContext(t, s.Key, r, s.Value)
	}
	for _, s := range unportable {
		if _, ok, portable := renderPortable(s.Key, s.Value, ""); !ok || portable {
			t.Errorf("%s: ok %v portable %v, want a godotenv-only form", s.Key, ok, portable)
		}
	}
}

// checkInContext puts a rendered value between lines with quotes of every
// kind, which a value that leaks past its own line would swallow.
func checkInContext(t *testing.T, key, rendered, value string) {
	t.Helper()
	file := "BEFORE='b' # c\n" + key + "=" + rendered + "\nAFTER_S='x'\nAFTER_D=\"y\"\nAFTER_B=`z`\nLAST=1\n"
	want := map[string]string{"BEFORE": "b", key: value, "AFTER_S": "x", "AFTER_D": "y", "LAST": "1"}
	check := func(name string, got map[string]string) {
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s reads %s as %s, want %s (rendered %s)", key, name, k, m(got[k]), m(v), m(rendered))
			}
		}
	}
	g, err := godotenvParse([]byte(file))
	if err != nil {
		t.Errorf("%s: godotenv cannot parse the context file", key)
	}
	check("godotenv", g)
	for _, l := range otherLoaders {
		got, ok := l.parse([]byte(file))
		if !ok {
			t.Errorf("%s: %s model does not cover the context file", key, l.name)
			continue
		}
		check(l.name, got)
	}
}

func TestLoaderNotesForUsersLines(t *testing.T) {
	cases := []struct {
		name, file string
		want       []string // each must be in some note
	}{
		{"clean", "A=1\nB='two words'\n", nil},
		{"whitespace-only line", "A=1\n  \nB=2\n", []string{"node --env-file does not read B (line 3)", "Make line 2 empty"}},
		{"indented comment", "A=1\n  # c\nB=2\n", []string{"node --env-file does not read B (line 3)", "Start line 2 with its '#'"}},
		{"colon", "A: 1\nB=2\n", []string{"node --env-file and python-dotenv do not read A (line 1)", "Write A=value", "node --env-file does not read B (line 2)"}},
		{"inline hash", "A=a#b\n", []string{"node --env-file and dotenv (npm) read A differently (line 1)", "single quotes"}},
		{"export spacing", "export  A=1\n", []string{"node --env-file does not read A", "exactly one space"}},
		{"lone cr", "A=1\rB=2\r", []string{"one long line", "mac2unix .env"}},
		{"bom", "\ufeffFIRST=1\n", []string{"byte order mark", "(FIRST)"}},
		{"braces", "A='${B}'\n", []string{"python-dotenv reads A differently (line 1)", "${NAME}"}},
		{"double quote escapes", `A="x\\y"` + "\n", []string{"node --env-file and dotenv (npm) read A differently", "single quotes"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			notes, err := LoaderNotes(writeEnv(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(notes, "\n")
			if c.want == nil && len(notes) > 0 {
				t.Errorf("want no notes, got %q", all)
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("no note contains %q; notes:\n%s", w, all)
				}
			}
		})
	}
	if notes, err := LoaderNotes(filepath.Join(t.TempDir(), ".env")); err != nil || notes != nil {
		t.Errorf("missing file: %v %v", notes, err)
	}
}

func TestLoaderNotesHoldNoValue(t *testing.T) {
	secrets := []string{"sk_live_51NOTEzzTopSecretValue01", "whsec_NOTEzzAnotherSecret02", "plaidNOTEzzSecretNumber03x", "NOTEzzSecretInBraces04"}
	file := "\ufeffA: " + secrets[0] + "\n  \nB=" + secrets[1] + "#x\nC=\"" + secrets[2] + `\\n` + "\"\nD='${" + secrets[3] + "}'\nexport  E=" + secrets[0] + "\r"
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	notes, err := LoaderNotes(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) < 4 {
		t.Fatalf("want a note per odd line, got %d", len(notes))
	}
	leakcheck.AssertNoLeak(t, "LoaderNotes", []byte(strings.Join(notes, "\n")), secrets...)
}

// FuzzLoaderNotes: after any update of any file, every variable a modelled
// loader reads differently from godotenv is named in a note, and every key
// onboard wrote in a portable form reads back in every model.
func FuzzLoaderNotes(f *testing.F) {
	for _, c := range loaderCases {
		f.Add(c.file, "v", uint8(0))
	}
	f.Add("A=1\n \n", "it's", uint8(1))
	f.Add("A: 1\n", "a#b", uint8(2))
	f.Fuzz(func(t *testing.T, file, value string, where uint8) {
		path := filepath.Join(t.TempDir(), ".env")
		if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(path); err != nil {
			return
		}
		key := []string{"NEW_KEY", "A", "B"}[int(where)%3]
		if _, err := Apply(path, []Set{{Key: key, Value: value, Group: "G"}}, nil); err != nil {
			return
		}
		d, err := Read(path)
		if err != nil {
			t.Fatalf("Read after Apply: %v", err)
		}
		notes := d.LoaderNotes()
		if !modelled(d.body) {
			return
		}
		for _, l := range otherLoaders {
			got, _ := l.parse(d.body)
			if hasLoneCR(d.body) && l.name == nodeLoader {
				continue // one note for the whole file
			}
			for k, v := range d.values {
				if w, ok := got[k]; ok && w == v {
					continue
				}
				if !notesName(notes, k, l.name) {
					t.Fatalf("%s reads %s differently, and no note names it", l.name, k)
				}
			}
		}
	})
}

// BenchmarkLoaderNotes10k: the notes of a 10,000-line file (the review and
// Done screens ask for them once each), every model run over the file.
func BenchmarkLoaderNotes10k(b *testing.B) {
	path := benchFile(b)
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		if _, err := LoaderNotes(path); err != nil {
			b.Fatal(err)
		}
	}
}

// A file with many odd lines gets a bounded list: the first dozen, then a
// count of the rest.
func TestLoaderNotesAreBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 50; i++ {
		b.WriteString("K" + strings.Repeat("X", i) + "=a#b\n")
	}
	notes, err := LoaderNotes(writeEnv(t, b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != maxLoaderNotes+1 || !strings.HasPrefix(notes[maxLoaderNotes], "38 more variables") {
		t.Fatalf("%d notes, last %q", len(notes), notes[len(notes)-1])
	}
}
