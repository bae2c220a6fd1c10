package envfile

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/joho/godotenv"
)

// The scanner must agree with godotenv on every file it accepts.
func TestReadMatchesGodotenv(t *testing.T) {
	cases := map[string]string{
		"simple":          "A=1\nB=two\n",
		"export":          "export A=1\nexport   B = 2\n",
		"yaml style":      "A: 1\nB:two\n",
		"comments":        "# c\nA=1 # inline\n  # indented\nB=x#notcomment\n",
		"quotes":          "A='single $X'\nB=\"double\\nline\"\nC=\"q\\\"x\"\n",
		"multiline":       "A=\"line1\nline2\"\nB=2\n",
		"expansion":       "A=1\nB=${A}x\nC=\"$A\"\nD='$A'\nE=\\$A\n",
		"crlf":            "A=1\r\nB=\"x\r\ny\"\r\n",
		"no final nl":     "A=1\nB=2",
		"duplicates":      "A=1\nB=2\nA=3\n",
		"empty values":    "A=\nB=''\nC=\"\"\n",
		"spaces":          "  A = padded value  \n",
		"dots in key":     "a.b=1\n",
		"two per line":    "A=\"1\" B=2\n",
		"unicode":         "A=héllo ✓\nB='日本'\n",
		"invalid utf8":    "A=\xff\xfe\nB='\xff'\n",
		"nbsp comment":    "A=x\u00a0# c\n",
		"trailing spaces": "A=x   \n",
		"only comments":   "# just\n# comments",
		"empty":           "",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			d, err := Read(writeEnv(t, content))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			want, err := godotenv.UnmarshalBytes([]byte(content))
			if err != nil {
				t.Fatalf("godotenv: %s", maskErr(err))
			}
			if !sameMap(d.values, want) {
				t.Errorf("scanner and godotenv disagree on %d vs %d keys", len(d.values), len(want))
			}
			for _, k := range d.Keys() {
				if v, _ := d.Lookup(k); v != want[k] {
					t.Errorf("%s: got %s want %s", k, m(v), m(want[k]))
				}
			}
		})
	}
}

func TestReadFacts(t *testing.T) {
	d, err := Read(writeEnv(t, "B=1\nA=2\nB=3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Keys(); len(got) != 2 || got[0] != "B" || got[1] != "A" {
		t.Errorf("Keys = %v, want [B A] (file order, once each)", got)
	}
	if v, ok := d.Lookup("B"); !ok || v != "3" {
		t.Errorf("duplicate key: last occurrence must win like godotenv, got %s", m(v))
	}
	if !d.Exists() {
		t.Error("Exists = false for an existing file")
	}

	missing, err := Read(filepath.Join(t.TempDir(), ".env"))
	if err != nil || missing.Exists() || len(missing.Keys()) != 0 {
		t.Errorf("missing file: err=%v exists=%v keys=%v", err, missing.Exists(), missing.Keys())
	}

	bom, err := Read(writeEnv(t, "\ufeffA=1\n"))
	if err != nil {
		t.Fatalf("BOM: %v", err)
	}
	if v, _ := bom.Lookup("A"); v != "1" {
		t.Errorf("BOM file: A = %s", m(v))
	}
}

func TestReadErrors(t *testing.T) {
	cases := []struct {
		name, content string
		line          int
	}{
		{"bad name", "A=1\nB-C=2\n", 2},
		{"no equals", "A=1\n\nJUSTTEXT\nB=2\n", 3},
		{"unterminated", "A=1\n# c\nB=\"open\nC=3\n", 3},
		{"name only at end", "A=1\nLAST", 2},
		{"crlf line numbers", "A=1\r\n\r\nB C D\r\nE=1\r\n", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(writeEnv(t, c.content))
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ErrParse) {
				t.Fatalf("want *ParseError, got %v", err)
			}
			if pe.Line != c.line {
				t.Errorf("line = %d, want %d", pe.Line, c.line)
			}
			noValueIn(t, err, "open", "JUSTTEXT", "LAST")
		})
	}

	dir := t.TempDir()
	if _, err := Read(dir); !errors.Is(err, ErrIsDirectory) {
		t.Errorf("directory: want ErrIsDirectory, got %v", err)
	}
	link := filepath.Join(dir, ".env")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), link); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(link); !errors.Is(err, ErrDanglingSymlink) {
		t.Errorf("dangling symlink: want ErrDanglingSymlink, got %v", err)
	}
}

func TestReadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode; the error mapping is covered by readError's use in Read")
	}
	path := writeEnv(t, "A=1\n")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path); !errors.Is(err, ErrUnreadable) {
		t.Errorf("want ErrUnreadable, got %v", err)
	}
}

// godotenv's own regexps, as the reference for the hand-written pass.
var (
	refEscape   = regexp.MustCompile(`\\.`)
	refUnescape = regexp.MustCompile(`\\([^$])`)
)

func refExpandEscapes(str string) string {
	out := refEscape.ReplaceAllStringFunc(str, func(match string) string {
		switch strings.TrimPrefix(match, `\`) {
		case "n":
			return "\n"
		case "r":
			return "\r"
		default:
			return match
		}
	})
	return refUnescape.ReplaceAllString(out, "$1")
}

// Every string of up to 6 characters over the alphabet that matters.
func TestExpandEscapesMatchesRegexp(t *testing.T) {
	alphabet := []string{`\`, "n", "r", "$", "\n", "é", "a"}
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		if got, want := expandEscapes(prefix), refExpandEscapes(prefix); got != want {
			t.Fatalf("expandEscapes(%q) = %q, regexp gives %q", prefix, got, want)
		}
		if depth == 0 {
			return
		}
		for _, c := range alphabet {
			walk(prefix+c, depth-1)
		}
	}
	walk("", 6)
}
