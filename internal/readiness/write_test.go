package readiness

import (
	"bytes"
	"errors"
	"github.com/onboard-dev/onboard/internal/envfile"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
)

func TestWriteReportReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DefaultReportName)
	older := fixedReport()
	older.Date = "2026-01-02"
	if err := os.WriteFile(path, Render(older), 0o600); err != nil {
		t.Fatal(err)
	}
	r := fixedReport()
	if err := WriteReport(path, r); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, Render(r)) {
		t.Error("the file is not the rendered report")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644: the report holds no secret and is shared", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp files left behind: %d entries", len(entries))
	}
	if err := WriteReport(filepath.Join(dir, "missing", "r.md"), r); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

func TestReadyNeedsEveryRequiredItem(t *testing.T) {
	in := Input{
		Values:    providers.Values{StripeSecretKey: "rk_live_51abcdefghijklmnopqrstuvwxyz", StripePublishableKey: livePub, StripeWebhookSecret: whsec},
		Specs:     uses("stripe"),
		Git:       &envfile.Protection{InRepo: true, Ignored: true},
		Results:   stripePass,
		Confirmed: map[string]string{},
	}
	var required []string
	for _, it := range Catalog(in.Specs) {
		if it.Kind == Confirm && it.Required {
			required = append(required, it.ID)
		}
	}
	for i := range required {
		if Ready(Evaluate(in)) {
			t.Fatalf("ready with %v still unconfirmed", required[i:])
		}
		in.Confirmed[required[i]] = "2026-11-23"
	}
	if outs := Evaluate(in); !Ready(outs) {
		for _, o := range outs {
			if o.Failing() {
				t.Errorf("still failing: %s (%s)", o.Item.ID, o.Detail)
			}
		}
	}
}

// Only a report onboard wrote is ever replaced: --report pointed at the
// .env, the .gitignore, a backup, a link or a folder leaves it as it was.
func TestWriteReportReplacesOnlyAReport(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	report := string(Render(fixedReport()))
	elsewhere := t.TempDir()
	linked := filepath.Join(elsewhere, "report.md")
	if err := os.WriteFile(linked, []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(linked, link); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.md")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	refused := map[string]string{
		".env":       write(".env", "STRIPE_SECRET_KEY=sk_test_x\n"),
		".gitignore": write(".gitignore", ".env\n"),
		"a backup":   write(".env.onboard-backup", "PLAID_SECRET=x\n"),
		"empty":      write("empty.md", ""),
		"title only": write("notes.md", "# Production readiness\n\nmy own notes\n"),
		"mark deep":  write("deep.md", "# Notes\n"+report),
		"a link":     link,
		"a folder":   folder,
	}
	for name, p := range refused {
		before, _ := os.ReadFile(p)
		err := WriteReport(p, fixedReport())
		var nr *NotReportError
		if !errors.As(err, &nr) || !strings.Contains(err.Error(), p) || nr.Do() == "" {
			t.Errorf("%s: err %v, want a NotReportError naming the file and saying what to do", name, err)
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Errorf("%s: the file was changed", name)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if b, _ := os.ReadFile(linked); string(b) != report {
		t.Error("the link's target was written")
	}

	// A report a person edited is still a report.
	edited := strings.Replace(report, "- [ ]", "- [x]", 1)
	for name, content := range map[string]string{
		"ticked": edited,
		"crlf":   strings.ReplaceAll(edited, "\n", "\r\n"),
		"bom":    "\ufeff" + edited,
	} {
		p := write(name+".md", content)
		if err := WriteReport(p, fixedReport()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".onboard-readiness-") {
			t.Errorf("temp file left behind: %s", e.Name())
		}
	}
}
