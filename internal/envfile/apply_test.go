package envfile

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestApplyKeepsEverythingElse(t *testing.T) {
	before := "# Project settings\n\nexport DEBUG=true # verbose\nPLAID_CLIENT_ID=old_client\n\n# db\nDATABASE_URL='postgres://x'\nPLAID_SECRET=old_secret\nSTRIPE_SECRET_KEY=sk_test_old\n"
	path := writeEnv(t, before)
	res, err := Apply(path, []Set{
		{Key: "PLAID_CLIENT_ID", Value: "new_client", Group: "Plaid"},
		{Key: "PLAID_SECRET", Value: "new secret", Group: "Plaid", Secret: true},
		{Key: "PLAID_ENV", Value: "sandbox", Group: "Plaid"},
		{Key: "STRIPE_WEBHOOK_SECRET", Value: "whsec_abc", Group: "Stripe", Secret: true},
		{Key: "DEBUG", Value: "true"},
	}, []string{"STRIPE_SECRET_KEY", "NOT_THERE"})
	if err != nil {
		t.Fatal(err)
	}
	want := "# Project settings\n\nexport DEBUG=true # verbose\nPLAID_CLIENT_ID=new_client\n\n# db\nDATABASE_URL='postgres://x'\nPLAID_SECRET='new secret'\nPLAID_ENV=sandbox\n\n# Stripe (added by onboard)\nSTRIPE_WEBHOOK_SECRET=whsec_abc\n"
	if got := readFile(t, path); got != want {
		t.Errorf("file differs from the expected merge:\n%s", diffLines(got, want))
	}
	changes := map[string]Change{}
	for _, e := range res.Entries {
		changes[e.Key] = e.Change
	}
	wantChanges := map[string]Change{"PLAID_CLIENT_ID": Changed, "PLAID_SECRET": Changed, "PLAID_ENV": Added,
		"STRIPE_WEBHOOK_SECRET": Added, "DEBUG": Unchanged, "STRIPE_SECRET_KEY": Removed}
	for k, c := range wantChanges {
		if changes[k] != c {
			t.Errorf("%s: change %q, want %q", k, changes[k], c)
		}
	}
	if _, ok := changes["NOT_THERE"]; ok {
		t.Error("removing an absent key must not produce an entry")
	}
	if res.BackupPath != path+backupSuffix || readFile(t, res.BackupPath) != before {
		t.Error("backup must hold the previous version")
	}
}

// diffLines names differing line numbers; it prints only lines of the test's
// own fixtures, which hold no real secrets, masked anyway.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var out []string
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			out = append(out, "line "+strconv.Itoa(i+1)+": got "+m(a)+" want "+m(b))
		}
	}
	return strings.Join(out, "\n")
}

func TestApplyEdgeInputs(t *testing.T) {
	cases := []struct {
		name, before, want string
		sets               []Set
		removes            []string
	}{
		{"crlf kept", "# c\r\nA=1\r\nB=2\r\n", "# c\r\nA=9\r\nB=2\r\n\r\n# G (added by onboard)\r\nC=3\r\n",
			[]Set{{Key: "A", Value: "9"}, {Key: "C", Value: "3", Group: "G"}}, nil},
		{"bom dropped", "\ufeffA=1\n", "A=2\n", []Set{{Key: "A", Value: "2"}}, nil},
		{"no trailing newline", "A=1", "A=1\n\n# G (added by onboard)\nB=2\n", []Set{{Key: "B", Value: "2", Group: "G"}}, nil},
		{"no trailing newline in place", "A=1", "A=2", []Set{{Key: "A", Value: "2"}}, nil},
		{"anchor at eof without newline", "A=1", "A=1\nB=2\n", []Set{{Key: "A", Value: "1", Group: "G"}, {Key: "B", Value: "2", Group: "G"}}, nil},
		{"duplicates all updated", "A=1\nB=x\nA=2\n", "A=3\nB=x\nA=3\n", []Set{{Key: "A", Value: "3"}}, nil},
		{"duplicates all removed", "A=1\nB=x\nA=2\n", "B=x\n", nil, []string{"A"}},
		{"export kept", "export A=1\n", "export A='x y'\n", []Set{{Key: "A", Value: "x y"}}, nil},
		{"yaml style rewritten", "A: 1\n", "A=2\n", []Set{{Key: "A", Value: "2"}}, nil},
		{"multiline value replaced", "A=\"l1\nl2\"\nB=1\n", "A=one\nB=1\n", []Set{{Key: "A", Value: "one"}}, nil},
		{"multiline value removed", "# c\nA=\"l1\n# not a comment\"\nB=1\n", "# c\nB=1\n", nil, []string{"A"}},
		{"two per line, update first", "A=\"1\" B=2\n", "A='x y' B=2\n", []Set{{Key: "A", Value: "x y"}}, nil},
		{"two per line, plain needs quotes", "A=\"1\" B=2\n", "A='9' B=2\n", []Set{{Key: "A", Value: "9"}}, nil},
		{"two per line, remove second", "A=\"1\" B=2\n", "A=\"1\" \n", nil, []string{"B"}},
		{"existing header used", "# G (added by onboard)\nX=1\n", "# G (added by onboard)\nN=2\nX=1\n", []Set{{Key: "N", Value: "2", Group: "G"}}, nil},
		{"invalid utf8 elsewhere kept", "A=\xff\xfe\nB='\xff'\nC=1\n", "A=\xff\xfe\nB='\xff'\nC=2\n", []Set{{Key: "C", Value: "2"}}, nil},
		{"new file", "", "# G (added by onboard)\nA=1\n", []Set{{Key: "A", Value: "1", Group: "G"}}, nil},
		{"blank line not doubled", "A=1\n\n", "A=1\n\n# Added by onboard\nB=2\n", []Set{{Key: "B", Value: "2"}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeEnv(t, c.before)
			if _, err := Apply(path, c.sets, c.removes); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path); got != c.want {
				t.Errorf("merge differs:\n%s", diffLines(got, c.want))
			}
		})
	}
}

// A line that expands $A must not silently change when A is updated.
func TestApplyRefusesSideEffects(t *testing.T) {
	path := writeEnv(t, "A=1\nB=${A}/x\n")
	_, err := Apply(path, []Set{{Key: "A", Value: "2"}}, nil)
	if !errors.Is(err, ErrWouldChangeOther) || !strings.Contains(err.Error(), "B") {
		t.Fatalf("want ErrWouldChangeOther naming B, got %v", err)
	}
	if readFile(t, path) != "A=1\nB=${A}/x\n" {
		t.Error("file changed")
	}
	// A new key that an earlier line already refers to: placing it next to
	// its group (before that line) would change the line, so it is appended.
	path = writeEnv(t, "G1=1\nREF=$NEW\n")
	if _, err := Apply(path, []Set{{Key: "G1", Value: "1", Group: "G"}, {Key: "NEW", Value: "v", Group: "G"}}, nil); err != nil {
		t.Fatal(err)
	}
	if got := loaded(t, path); got["REF"] != "" || got["NEW"] != "v" {
		t.Errorf("REF=%s NEW=%s", m(got["REF"]), m(got["NEW"]))
	}
}

func TestApplyNoChangeWritesNothing(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	res, err := Apply(path, []Set{{Key: "A", Value: "1"}}, []string{"GONE"})
	if err != nil {
		t.Fatal(err)
	}
	if res.BackupPath != "" {
		t.Error("no change must not write a backup")
	}
	if _, err := os.Stat(path + backupSuffix); !os.IsNotExist(err) {
		t.Error("backup written for a no-op")
	}
}

func TestDiffMasksSecrets(t *testing.T) {
	path := writeEnv(t, "PLAID_SECRET=aaaaaaaaaaaaaaaaaaaa1111\nPLAID_ENV=sandbox\nOLD=bbbbbbbbbbbbbbbbbbb2222\n")
	before := readFile(t, path)
	entries, err := Diff(path, []Set{
		{Key: "PLAID_SECRET", Value: "cccccccccccccccccccc3333", Secret: true, Group: "Plaid"},
		{Key: "PLAID_ENV", Value: "production", Group: "Plaid"},
		{Key: "NEW", Value: "dddddddddddddddddddd4444", Secret: true},
	}, []string{"OLD"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Key: "PLAID_SECRET", Change: Changed, Old: "…1111", New: "…3333", Secret: true, Group: "Plaid"},
		{Key: "PLAID_ENV", Change: Changed, Old: "sandbox", New: "production", Group: "Plaid"},
		{Key: "NEW", Change: Added, New: "…4444", Secret: true},
		{Key: "OLD", Change: Removed, Old: "…2222", Secret: true},
	}
	if len(entries) != len(want) {
		t.Fatalf("got %d entries, want %d", len(entries), len(want))
	}
	for i := range want {
		if entries[i] != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i, entries[i], want[i])
		}
	}
	if readFile(t, path) != before {
		t.Error("Diff changed the file")
	}
	if got := dirNames(t, filepath.Dir(path)); len(got) != 1 {
		t.Errorf("Diff must not create files; the folder holds %v", got)
	}
}

// A statement followed on its line by one that runs over several lines
// (A="1" B="x<newline>y") can still be changed: the proof of the new
// rendering covers the whole of B, instead of refusing every rendering as
// if the value could not be written.
func TestChangeBeforeMultilineStatementOnTheSameLine(t *testing.T) {
	path := writeEnv(t, "A=\"old\" B=\"x\ny\"\nC=3\n")
	if _, err := Apply(path, []Set{{Key: "A", Value: "new"}}, nil); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	got := loaded(t, path)
	if got["A"] != "new" || got["B"] != "x\ny" || got["C"] != "3" {
		t.Errorf("loaded %v", got)
	}
}

// A statement can share its line with one whose quoted value runs over
// several lines: after a closing quote (A="1" B="x<newline>y"), or after a
// lone CR, which ends an unquoted value for godotenv but not the line
// (B=e<CR>A="<newline>"). New keys placed after the first statement's line
// go after the whole of the second, and removing the second leaves the
// first alone; Diff and Apply agree and do not panic.
func TestUpdateBeforeMultilineStatementOnTheSameLine(t *testing.T) {
	cases := []struct {
		name, before, want string
		sets               []Set
		removes            []string
	}{
		{"lone cr, key twice, one multi-line", "B=e\rA=\"\n\"A=", "B='x'\r\nN=1\n",
			[]Set{{Key: "B", Value: "x"}, {Key: "N", Value: "1"}}, []string{"A"}},
		{"lone cr, then multi-line", "A=1\rB=\"x\ny\"\nC=3\n", "A='2'\r\nN=1\nC=3\n",
			[]Set{{Key: "A", Value: "2"}, {Key: "N", Value: "1"}}, []string{"B"}},
		{"closing quote, then multi-line", "A=\"1\" B=\"x\ny\"\nC=3\n", "A='2' \nN=1\nC=3\n",
			[]Set{{Key: "A", Value: "2"}, {Key: "N", Value: "1"}}, []string{"B"}},
		{"lone cr, multi-line kept: Node would not read N after it, so at the end", "A=1\rB=\"x\ny\"\nC=3\n", "A='2'\rB=\"x\ny\"\nC=3\n\n# Added by onboard\nN=1\n",
			[]Set{{Key: "A", Value: "2"}, {Key: "N", Value: "1"}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeEnv(t, c.before)
			if _, err := Diff(path, c.sets, c.removes); err != nil {
				t.Fatalf("Diff: %v", err)
			}
			if _, err := Apply(path, c.sets, c.removes); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if got := readFile(t, path); got != c.want {
				t.Errorf("merge differs:\n%s", diffLines(got, c.want))
			}
		})
	}
}

// Edits that overlap would cut a statement in two; applyBody refuses them
// instead of slicing backwards, and the update is refused as a FileError.
func TestOverlappingEditsRefused(t *testing.T) {
	d := &Doc{path: ".env", body: []byte("A=\"x\ny\"\n")}
	if _, ok := d.applyBody([]edit{{from: 0, to: 7}, {from: 4, to: 4, text: "N=1\n"}}); ok {
		t.Error("an insert inside a removed statement was accepted")
	}
	if _, ok := d.applyBody([]edit{{from: 0, to: 99}}); ok {
		t.Error("an edit past the end was accepted")
	}
	var fe *FileError
	if err := d.cannotPlan(); !errors.As(err, &fe) || !errors.Is(err, ErrVerify) {
		t.Errorf("cannotPlan = %v, want a FileError of ErrVerify", err)
	}
}
