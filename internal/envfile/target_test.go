package envfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A .env that is a symlink leading out of the project (at a shared file,
// say) is refused unless the person consented to exactly that target; then
// the target is written and made private.
func TestSymlinkOutsideProjectNeedsConsent(t *testing.T) {
	project, elsewhere := t.TempDir(), t.TempDir()
	shared := filepath.Join(elsewhere, "shared.env")
	if err := os.WriteFile(shared, []byte("OTHER=1\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o666); err != nil { // past the umask
		t.Fatal(err)
	}
	link := filepath.Join(project, ".env")
	if err := os.Symlink(shared, link); err != nil {
		t.Fatal(err)
	}
	tg, err := Inspect(link, project)
	if err != nil {
		t.Fatal(err)
	}
	if !tg.Link || tg.Real != shared || !hasConcern(tg, OutsideProject) || !hasConcern(tg, SharedWritable) {
		t.Fatalf("Inspect = %+v, want a link to %s outside the project, writable by others", tg, shared)
	}
	for _, c := range tg.Concerns {
		if !strings.Contains(c.Text, shared) {
			t.Errorf("concern %q does not name the real target", c.Text)
		}
	}
	sets := []Set{{Key: "SECRET", Value: "sk_test_abcdefghijklmnop1234"}}
	_, err = ApplyPolicy(link, sets, nil, Policy{Root: project})
	if !errors.Is(err, ErrNeedsConsent) {
		t.Fatalf("without consent: %v, want ErrNeedsConsent", err)
	}
	noValueIn(t, err, sets[0].Value)
	if readFile(t, shared) != "OTHER=1\n" || mode(t, shared) != 0o666 {
		t.Fatal("the refused write changed the target")
	}
	res, err := ApplyPolicy(link, sets, nil, Policy{Root: project, Consent: tg})
	if err != nil {
		t.Fatalf("with consent: %v", err)
	}
	if res.Path != shared || mode(t, shared) != 0o600 || res.Mode != 0o600 {
		t.Errorf("written %s mode %o (result %o), want %s at 600", res.Path, mode(t, shared), res.Mode, shared)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link is no longer a link")
	}
}

// A consent is for the target the person saw: a link swapped afterwards
// (to another file) is refused.
func TestConsentDoesNotCoverASwappedLink(t *testing.T) {
	project, elsewhere := t.TempDir(), t.TempDir()
	first, second := filepath.Join(elsewhere, "a.env"), filepath.Join(elsewhere, "b.env")
	for _, f := range []string{first, second} {
		if err := os.WriteFile(f, []byte("A=1\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(project, ".env")
	if err := os.Symlink(first, link); err != nil {
		t.Fatal(err)
	}
	tg, err := Inspect(link, project)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(second, link); err != nil {
		t.Fatal(err)
	}
	if _, err := ApplyPolicy(link, []Set{{Key: "A", Value: "2"}}, nil, Policy{Root: project, Consent: tg}); !errors.Is(err, ErrNeedsConsent) {
		t.Fatalf("swapped link: %v, want ErrNeedsConsent", err)
	}
	if readFile(t, second) != "A=1\n" {
		t.Error("the swapped-in target was written")
	}
}

// A link that stays inside the project, at a private file, needs nothing.
func TestSymlinkInsideProjectNeedsNoConsent(t *testing.T) {
	project := t.TempDir()
	real := filepath.Join(project, "config", "app.env")
	if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("A=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(project, ".env")
	if err := os.Symlink(filepath.Join("config", "app.env"), link); err != nil {
		t.Fatal(err)
	}
	tg, err := Inspect(link, project)
	if err != nil || tg.NeedsConsent() {
		t.Fatalf("Inspect = %+v, %v; want no concern", tg, err)
	}
	if _, err := ApplyPolicy(link, []Set{{Key: "A", Value: "2"}}, nil, Policy{Root: project}); err != nil {
		t.Fatal(err)
	}
}

// A file of another user is not silently taken over.
func TestForeignOwnerNeedsConsent(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	swap(t, &currentUID, func() int { return os.Getuid() + 4242 })
	tg, err := Inspect(path, filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if !hasConcern(tg, ForeignOwner) {
		t.Fatalf("concerns %+v, want ForeignOwner", tg.Concerns)
	}
	if _, err := Apply(path, []Set{{Key: "A", Value: "2"}}, nil); !errors.Is(err, ErrNeedsConsent) {
		t.Fatalf("Apply: %v, want ErrNeedsConsent", err)
	}
}

// A folder everyone may write (without the sticky bit) lets anyone replace
// the file later.
func TestWorldWritableFolderNeedsConsent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "open")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	tg, err := Inspect(filepath.Join(dir, ".env"), "")
	if err != nil || !hasConcern(tg, SharedWritable) {
		t.Fatalf("Inspect = %+v, %v; want SharedWritable", tg, err)
	}
	if err := os.Chmod(dir, 0o777|fs.ModeSticky); err != nil {
		t.Fatal(err)
	}
	if tg, err := Inspect(filepath.Join(dir, ".env"), ""); err != nil || tg.NeedsConsent() {
		t.Fatalf("sticky folder: %+v, %v; want no concern", tg, err)
	}
}

// A file system that does not keep permissions is found before anything
// is written, and a write there needs consent; with it, the mode reported
// is the one read back, not the one asked for.
func TestModeNotKeptNeedsConsent(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	swap(t, &probeChmod, func(f *os.File, _ fs.FileMode) error { return f.Chmod(0o755) })
	tg, err := Inspect(path, "")
	if err != nil || !hasConcern(tg, ModeNotKept) {
		t.Fatalf("Inspect = %+v, %v; want ModeNotKept", tg, err)
	}
	if names := dirNames(t, filepath.Dir(path)); len(names) != 1 {
		t.Errorf("the probe left files: %v", names)
	}
	if _, err := Apply(path, []Set{{Key: "A", Value: "2"}}, nil); !errors.Is(err, ErrNeedsConsent) {
		t.Fatalf("Apply: %v, want ErrNeedsConsent", err)
	}
}

func TestModeChangeWording(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	tg, err := Inspect(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := tg.ModeChange(); got != "mode 0644 → 0600" {
		t.Errorf("ModeChange = %q", got)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if tg, _ := Inspect(path, ""); tg.ModeChange() != "" {
		t.Errorf("a private file reports %q", tg.ModeChange())
	}
}

func hasConcern(t *Target, k ConcernKind) bool {
	for _, c := range t.Concerns {
		if c.Kind == k {
			return true
		}
	}
	return false
}

// A .env whose folder on the way is a symlink out of the project (the
// file itself is no link) needs consent like a linked file does.
func TestFolderLinkOutsideProjectNeedsConsent(t *testing.T) {
	root, _ := filepath.EvalSymlinks(t.TempDir())
	elsewhere, _ := filepath.EvalSymlinks(t.TempDir())
	if err := os.Symlink(elsewhere, filepath.Join(root, "config")); err != nil {
		t.Fatal(err)
	}
	tg, err := Inspect(filepath.Join(root, "config", ".env"), root)
	if err != nil {
		t.Fatal(err)
	}
	if !tg.NeedsConsent() || !slices.ContainsFunc(tg.Concerns, func(c Concern) bool { return c.Kind == OutsideProject }) {
		t.Errorf("concerns %+v, want OutsideProject", tg.Concerns)
	}
	inside := filepath.Join(root, "real")
	if err := os.Mkdir(inside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(inside, filepath.Join(root, "alias")); err != nil {
		t.Fatal(err)
	}
	if tg, err := Inspect(filepath.Join(root, "alias", ".env"), root); err != nil || slices.ContainsFunc(tg.Concerns, func(c Concern) bool { return c.Kind == OutsideProject }) {
		t.Errorf("a folder link inside the project: %+v, %v", tg, err)
	}
}
