package envfile

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/envfile/loadertest"
)

// updated is one corpus case after onboard's update.
type updated struct {
	c        loaderCase
	path     string
	intended map[string]string // what godotenv reads (onboard's keys: the values set)
	ours     map[string]bool   // keys onboard wrote
	notes    []string
}

func applyCorpus(t *testing.T) []updated {
	t.Helper()
	var out []updated
	for _, c := range loaderCases {
		dir := filepath.Join(t.TempDir(), strings.ReplaceAll(c.name, " ", "-"))
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, ".env")
		if c.file != "" {
			if err := os.WriteFile(path, []byte(c.file), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := Apply(path, c.updates(), nil); err != nil {
			t.Fatalf("%s: Apply: %v", c.name, err)
		}
		d, err := Read(path)
		if err != nil {
			t.Fatalf("%s: Read after Apply: %v", c.name, err)
		}
		u := updated{c: c, path: path, intended: d.values, ours: map[string]bool{}, notes: d.LoaderNotes()}
		for _, s := range c.updates() {
			u.ours[s.Key] = true
			if d.values[s.Key] != s.Value {
				t.Fatalf("%s: godotenv reads %s back as %s, want %s", c.name, s.Key, m(d.values[s.Key]), m(s.Value))
			}
		}
		out = append(out, u)
	}
	return out
}

// TestLoadersAgreeOnWrittenFiles is the promise of item "loaders disagree":
// every corpus file, after onboard's update, loads the keys onboard wrote
// with the intended values in every real loader: godotenv, the npm dotenv
// package, node --env-file and python-dotenv. Where a user's own line (or a
// value no form carries everywhere) makes a loader read a key differently,
// a LoaderNote names that key and that loader.
func TestLoadersAgreeOnWrittenFiles(t *testing.T) {
	corpus := applyCorpus(t)
	paths := make([]string, len(corpus))
	for i, u := range corpus {
		paths[i] = u.path
	}
	unportableKeys := map[string]bool{}
	for _, s := range unportable {
		unportableKeys[s.Key] = true
	}
	for _, l := range loadertest.All() {
		t.Run(l.Name, func(t *testing.T) {
			readings := l.Load(t, paths...)
			var ours, theirs, noted int
			for i, u := range corpus {
				r := readings[i]
				for _, k := range sortedKeys(u.intended) {
					want := u.intended[k]
					got, found := r.Vars[k]
					if r.Vars != nil && found && got == want {
						continue
					}
					what := "reads it as " + m(got)
					if r.Vars == nil {
						what = r.Failed
					} else if !found {
						what = "does not read it"
					}
					isNoted := notesName(u.notes, k, l.Name)
					switch {
					case u.ours[k] && !unportableKeys[k]:
						ours++
						t.Errorf("%s: onboard wrote %s; %s %s, want %s", u.c.name, k, l.Name, what, m(want))
					case u.ours[k]:
						noted++
						if !isNoted {
							t.Errorf("%s: %s cannot be written for %s, and no LoaderNote says so", u.c.name, k, l.Name)
						}
					default:
						theirs++
						if !isNoted {
							t.Errorf("%s: the user's %s: %s %s, want %s, and no LoaderNote names it", u.c.name, k, l.Name, what, m(want))
						}
					}
				}
			}
			t.Logf("%d files: %d disagreements on keys onboard wrote, %d on values no form carries (noted), %d on the user's keys (noted)",
				len(corpus), ours, noted, theirs)
		})
	}
}

// notesName reports whether a note names key for the loader.
func notesName(notes []string, key, loader string) bool {
	short := loader
	for _, n := range []string{nodeLoader, npmLoader, pythonLoader, "godotenv"} {
		if strings.HasPrefix(loader, n) {
			short = n
		}
	}
	for _, n := range notes {
		if !strings.Contains(n, short) {
			continue
		}
		if strings.Contains(n, " "+key+" ") || strings.Contains(n, "("+key+")") || strings.Contains(n, "one long line") {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestLoaderModelsMatchRealLoaders holds envfile's models of Node, the npm
// package and python-dotenv to the programs: on the corpus before and after
// onboard's update, and on generated files full of the constructs loaders
// disagree on. A model that drifts would let render pick a form a loader
// misreads, or LoaderNotes miss a difference.
func TestLoaderModelsMatchRealLoaders(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	add := func(content string) {
		p := filepath.Join(dir, fmt.Sprintf("%03d.env", len(paths)))
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	for _, c := range loaderCases {
		add(c.file)
	}
	for _, u := range applyCorpus(t) {
		add(readFile(t, u.path))
	}
	rng := rand.New(rand.NewSource(11))
	for i := 0; i < generatedFiles; i++ {
		add(generateEnv(rng))
	}
	models := map[string]func([]byte) (map[string]string, bool){nodeLoader: nodeParse, npmLoader: npmParse, pythonLoader: pythonParse}
	for _, l := range loadertest.All() {
		var model func([]byte) (map[string]string, bool)
		for name, fn := range models {
			if strings.HasPrefix(l.Name, name) {
				model = fn
			}
		}
		if model == nil {
			continue // godotenv: FuzzScan holds the scanner to it
		}
		t.Run(l.Name, func(t *testing.T) {
			readings := l.Load(t, paths...)
			bad := 0
			for i, p := range paths {
				src := []byte(readFile(t, p))
				want, ok := model(src)
				if !ok {
					continue
				}
				if got := readings[i].Vars; !sameMap(got, want) {
					bad++
					if bad <= 5 {
						t.Errorf("file %s (%d bytes): the model reads %d names, %s reads %d; first difference: %s",
							filepath.Base(p), len(src), len(want), l.Name, len(got), firstDifference(want, got))
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d files read differently by the model", bad, len(paths))
			}
		})
	}
}

// generatedFiles is how many random files the model test writes; each costs
// one Node start for node --env-file.
const generatedFiles = 150

func firstDifference(want, got map[string]string) string {
	for _, k := range sortedKeys(want) {
		if g, ok := got[k]; !ok {
			return fmt.Sprintf("name %q only in the model", k)
		} else if g != want[k] {
			return fmt.Sprintf("name %q: model %s, loader %s", k, m(want[k]), m(g))
		}
	}
	for _, k := range sortedKeys(got) {
		if _, ok := want[k]; !ok {
			return fmt.Sprintf("name %q only in the loader", k)
		}
	}
	return "none"
}

// generateEnv writes a random file from the pieces loaders disagree on.
func generateEnv(rng *rand.Rand) string {
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	valueChars := []string{"a", "b", "Z", "0", " ", "  ", "\t", "#", " #", "=", "'", "\"", "`", "\\", "\\n", "\\\\", "$", "${A}", "$B", "{", "}", ":", "é", "日", "\n"}
	value := func() string {
		var b strings.Builder
		for n := rng.Intn(6); n > 0; n-- {
			b.WriteString(valueChars[rng.Intn(len(valueChars))])
		}
		return b.String()
	}
	var b strings.Builder
	eol := pick("\n", "\n", "\n", "\r\n", "\r")
	if rng.Intn(20) == 0 {
		b.WriteString("\ufeff")
	}
	for n := 1 + rng.Intn(6); n > 0; n-- {
		switch rng.Intn(10) {
		case 0:
			b.WriteString(pick("# comment", "  # indented", "", "   ", "\t", "#"+value()))
		case 1:
			b.WriteString(pick("A", "B", "KEY_1") + pick(": ", ":", " : ") + value())
		default:
			b.WriteString(pick("", "", "export ", "export  ", " ", "\t"))
			b.WriteString(pick("A", "B", "C", "KEY_1", "k.dot", "x-y"))
			b.WriteString(pick("=", "=", " = ", "= ", "=\t"))
			switch rng.Intn(4) {
			case 0:
				b.WriteString("'" + value() + "'")
			case 1:
				b.WriteString("\"" + value() + "\"")
			case 2:
				b.WriteString("`" + value() + "`")
			default:
				b.WriteString(strings.ReplaceAll(value(), "\n", ""))
			}
			b.WriteString(pick("", "", " # note", "#x", "  "))
		}
		b.WriteString(eol)
	}
	return b.String()
}
