package envfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// FuzzUpdate: random existing files, random updates. Whatever the input,
// either the update is refused (and the file is untouched), or every key
// not updated reads back identical, every set key reads back its new value,
// removed keys are gone, every comment line survives, and every line that
// holds no statement of an updated key is still there byte for byte.
func FuzzUpdate(f *testing.F) {
	seeds := []struct {
		file, value, newKey string
		pick, remove        uint8
	}{
		{"A=1\nB=2\n", "x", "NEW", 0, 1},
		{"# c\nexport A='q'\n\nB=\"m\nl\" # t\n", "it's \"x\"", "N", 1, 0},
		{"\ufeffA=1\r\nB=2\r\n# end", "$HOME", "Z", 0, 0},
		{"A=1\nB=${A}\n", "2", "", 0, 0},
		{"A=x # c\nA=y\n", "", "K_1", 0, 1},
		{"K: v\nL=a#b\n  # indented\n", "\\", "M", 1, 0},
		{"A=\xff\nB='\xfe'\n", "ünï", "U", 1, 1},
		{"", "line\nbreak", "FIRST", 0, 0},
		{"A=\"1\" B=2\n", "v", "C", 1, 0},
		// Two statements on one line, the second running over several
		// lines: after a lone CR (which ends an unquoted value for godotenv
		// but not the line) or after a closing quote.
		{"B=e\rA=\"\n\"A=", "x", "N", 0, 1},
		{"A=1\rB=\"x\ny\"\nC=3\n", "2", "N", 0, 1},
		{"A=\"1\" B=\"x\ny\"\nC=3\n", "2", "N", 0, 1},
		{"A=1\rB=2\rC=3\r", "x", "N", 1, 2},
		{"A=1\r\nB=\"x\r\ny\"\nC=3\r\n\rD='p\rq'\n", "y", "N", 1, 2},
		{"A=\"m\nl\"\rB=1\nA='n\r\no'\r\n", "z", "N", 1, 0},
		{"A=1\rA=\"x\ny\"\nB=2\n", "3", "N", 1, 0},
	}
	for _, s := range seeds {
		f.Add(s.file, s.pick, s.value, s.newKey, s.remove)
	}
	noSync := func(*os.File) error { return nil } // durability is not what is fuzzed
	old := syncHook
	syncHook = noSync
	f.Cleanup(func() { syncHook = old })

	f.Fuzz(func(t *testing.T, file string, pick uint8, value, newKey string, remove uint8) {
		path := filepath.Join(t.TempDir(), ".env")
		if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
			t.Fatal(err)
		}
		d, err := Read(path)
		if err != nil {
			if !errors.Is(err, ErrParse) {
				t.Fatalf("Read failed with %v", err)
			}
			if _, aerr := Apply(path, []Set{{Key: "X", Value: "1"}}, nil); !errors.Is(aerr, ErrParse) || readFile(t, path) != file {
				t.Fatalf("Apply on an unparsable file: %v", aerr)
			}
			return
		}
		keys := d.Keys()
		var sets []Set
		var removes []string
		touched := map[string]bool{}
		if len(keys) > 0 {
			if k := keys[int(pick)%len(keys)]; validKey.MatchString(k) {
				sets = append(sets, Set{Key: k, Value: value, Group: "G"})
				touched[k] = true
			}
		}
		nk := strings.Map(func(r rune) rune {
			if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
				return unicode.ToUpper(r)
			}
			return -1
		}, newKey)
		if validKey.MatchString(nk) && !touched[nk] {
			if _, exists := d.Lookup(nk); !exists {
				sets = append(sets, Set{Key: nk, Value: value + "2", Group: "G"})
				touched[nk] = true
			}
		}
		if len(keys) > 1 {
			if k := keys[int(remove)%len(keys)]; validKey.MatchString(k) && !touched[k] {
				removes = append(removes, k)
				touched[k] = true
			}
		}
		before := d.values

		_, err = Apply(path, sets, removes)
		if err != nil {
			if !errors.Is(err, ErrUnsafeValue) && !errors.Is(err, ErrWouldChangeOther) {
				t.Fatalf("unexpected error %v", err)
			}
			if len(value) >= 4 && strings.Contains(err.Error(), value) {
				t.Fatal("error text contains the value")
			}
			if readFile(t, path) != file {
				t.Fatal("a refused update changed the file")
			}
			return
		}
		after, err := Read(path)
		if err != nil {
			t.Fatalf("updated file unreadable: %v", err)
		}
		ref, err := godotenvParse(after.body)
		if err != nil || !sameMap(ref, after.values) {
			t.Fatal("godotenv cannot read the updated file, or disagrees with Read")
		}
		for k, v := range before {
			if !touched[k] && ref[k] != v {
				t.Fatalf("untouched key %s changed: %s -> %s", k, m(v), m(ref[k]))
			}
		}
		for _, s := range sets {
			if ref[s.Key] != s.Value {
				t.Fatalf("%s reads back %s, want %s", s.Key, m(ref[s.Key]), m(s.Value))
			}
		}
		for _, k := range removes {
			if _, ok := ref[k]; ok {
				t.Fatalf("removed key %s still there", k)
			}
		}
		if want := len(before) - len(removes) + countAdded(before, sets); len(ref) != want {
			t.Fatalf("%d keys after, want %d", len(ref), want)
		}
		newLines := lineCounts(after.body)
		for line, n := range commentLines(d) {
			if newLines[line] < n {
				t.Fatalf("comment line lost (%d chars)", len(line))
			}
		}
		kept, last := untouchedLines(d, touched)
		out := bytes.SplitAfter(after.body, []byte("\n"))
		exact := map[string]int{}
		for _, line := range out {
			exact[string(line)]++
		}
		for line, n := range kept {
			if exact[line] < n {
				t.Fatalf("a line that holds no updated key changed or was lost (%d bytes)", len(line))
			}
		}
		// The last line, without a line break, may get one when new keys
		// go after it.
		if last != "" && !slices.ContainsFunc(out, func(l []byte) bool { return bytes.HasPrefix(l, []byte(last)) }) {
			t.Fatalf("the last line, which holds no updated key, changed or was lost (%d bytes)", len(last))
		}
	})
}

// untouchedLines are d's lines (each with its LF) that no statement of a
// touched key reaches into, counted, and the last line if it has no LF
// and is untouched. A statement reaches over [lineStart, lineEnd).
func untouchedLines(d *Doc, touched map[string]bool) (map[string]int, string) {
	out := map[string]int{}
	last := ""
	pos := 0
	for _, line := range bytes.SplitAfter(d.body, []byte("\n")) {
		from, to := pos, pos+len(line)
		pos = to
		if len(line) == 0 || slices.ContainsFunc(d.stmts, func(st stmt) bool {
			return touched[st.key] && st.lineStart < to && from < st.lineEnd
		}) {
			continue
		}
		if line[len(line)-1] == '\n' {
			out[string(line)]++
		} else {
			last = string(line)
		}
	}
	return out, last
}

func countAdded(before map[string]string, sets []Set) int {
	n := 0
	for _, s := range sets {
		if _, ok := before[s.Key]; !ok {
			n++
		}
	}
	return n
}

// commentLines are the lines godotenv skips as comments: first non-blank
// character '#', outside any statement (e.g. not inside a quoted value).
func commentLines(d *Doc) map[string]int {
	out := map[string]int{}
	pos := 0
	for _, line := range bytes.SplitAfter(d.body, []byte("\n")) {
		trimmed := bytes.TrimLeftFunc(line, unicode.IsSpace)
		hash := pos + len(line) - len(trimmed)
		pos += len(line)
		if len(trimmed) > 0 && trimmed[0] == '#' && !d.insideStatement(hash) {
			out[strings.TrimRight(string(line), "\r\n")]++
		}
	}
	return out
}

func lineCounts(b []byte) map[string]int {
	out := map[string]int{}
	for _, line := range bytes.SplitAfter(b, []byte("\n")) {
		out[strings.TrimRight(string(line), "\r\n")]++
	}
	return out
}

// FuzzScan holds the mirroring scanner to godotenv on any input: both fail,
// or both read the same variables. The scanner is stricter in one place: a
// statement without a name (which godotenv stores under "") is an error.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"A=1", "export A = 'x' # c\nB=\"y\\n\"", "A=\"unterminated", "A=$B\nB=${A}", "A: v\r\nB=\xff #c", "JUST", "=v", "A=\"1\" B=2", "\u00a0A=1\u0085",
		"B=e\rA=\"\n\"A=", "A=1\rB=\"x\ny\"\nC=3", "A=1\r\nB=\"x\r\ny\"\nC=3\r", "# c\rA=1\nB=2\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, got, serr := scan([]byte(src))
		want, err := godotenvParse([]byte(src))
		switch {
		case err != nil && serr == nil:
			t.Fatal("godotenv fails where the scanner succeeds")
		case err == nil && serr != nil:
			if _, nameless := want[""]; !nameless {
				t.Fatalf("scanner fails (%s) where godotenv succeeds", serr.reason)
			}
		case err == nil && !sameMap(got, want):
			t.Fatalf("scanner and godotenv disagree (%d vs %d keys)", len(got), len(want))
		}
	})
}
