// Package scantest builds git repositories with keys planted in their
// history, for the scan tests, the scan benchmarks and `make bench`. The
// repositories are written with `git fast-import`, so 50,000 commits take
// seconds. Every key is random (crypto/rand), never a real one, and never
// placeholder-shaped: secret scanners rightly skip placeholders, and a
// benchmark that plants them would measure nothing.
package scantest

import (
	"bufio"
	"bytes"
	"context"
	crand "crypto/rand"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Planted is one key put into the history.
type Planted struct {
	Kind  string // the scan kind it should be found as, e.g. "stripe-secret-key"
	Value string
	Path  string
	// Where: "main", "removed" (added on main, deleted later), "branch"
	// (a side branch never merged), "merged" (a side branch merged into
	// main), "merge" (typed into a merge commit), "renamed" (the file was
	// renamed after), "binary" (a file with NUL bytes).
	Where string
	// Placeholder marks a decoy that no scanner should report (xxxx,
	// 0123456789, all zeros).
	Placeholder bool
}

// Options shape a generated repository.
type Options struct {
	Commits int
	Files   int    // source files that commits change; default 200
	Every   int    // a key is planted every Every commits; default 250
	Seed    uint64 // for the layout and content (keys are always random)
	// Repack rewrites fast-import's packs the way `git gc` and a clone
	// have them (deltas searched, chains up to 50 deep). fast-import's own
	// packs are quick to write but loosely deltified; its documentation
	// advises a repack, and a real history is read from packed form.
	Repack bool
}

// Repo is a generated repository.
type Repo struct {
	Dir     string
	Planted []Planted
}

// Real returns the planted keys that are not decoys.
func (r *Repo) Real() []Planted {
	var out []Planted
	for _, p := range r.Planted {
		if !p.Placeholder {
			out = append(out, p)
		}
	}
	return out
}

// Generate writes a repository with opts.Commits commits into dir (which
// must not exist or be empty) and checks out main. The gits it runs stop
// when ctx ends: a large history takes a while.
func Generate(ctx context.Context, dir string, opts Options) (*Repo, error) {
	if opts.Files <= 0 {
		opts.Files = 200
	}
	if opts.Every <= 0 {
		opts.Every = 250
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if out, err := git(ctx, dir, nil, "init", "-q", "-b", "main"); err != nil {
		return nil, fmt.Errorf("git init: %v: %s", err, out)
	}
	g := &generator{rnd: rand.New(rand.NewPCG(opts.Seed, 0x5ca7)), opts: opts, repo: &Repo{Dir: dir}}
	var stream bytes.Buffer
	pr, pw := io.Pipe()
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "fast-import", "--quiet", "--done")
	cmd.Stdin = pr
	cmd.Stderr = &stream
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	werr := make(chan error, 1)
	go func() {
		w := bufio.NewWriterSize(pw, 1<<20)
		err := g.write(w)
		if err == nil {
			err = w.Flush()
		}
		pw.CloseWithError(err)
		werr <- err
	}()
	err := cmd.Wait()
	pr.Close()
	if e := <-werr; e != nil && err == nil {
		err = e
	}
	if err != nil {
		return nil, fmt.Errorf("git fast-import: %v: %s", err, stream.String())
	}
	if opts.Repack {
		if out, err := git(ctx, dir, nil, "repack", "-a", "-d", "-f", "-q"); err != nil {
			return nil, fmt.Errorf("git repack: %v: %s", err, out)
		}
	}
	if out, err := git(ctx, dir, nil, "checkout", "-q", "-f", "main"); err != nil {
		return nil, fmt.Errorf("git checkout: %v: %s", err, out)
	}
	return g.repo, nil
}

func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Stdin = stdin
	return cmd.CombinedOutput()
}

type file struct {
	path  string
	lines []string
}

type generator struct {
	rnd   *rand.Rand
	opts  Options
	repo  *Repo
	files []*file
	mark  int
	n     int // commits written
	when  time.Time
	// pending removals: commit number → file and line index holding a key
	removals map[int][]removal
}

type removal struct {
	f    *file
	line string
}

var words = strings.Fields("account amount balance charge client config customer data event handler invoice item " +
	"ledger limit link merchant order payment payout price product record refund request result session " +
	"status token total transfer update user value webhook")

func (g *generator) word() string { return words[g.rnd.IntN(len(words))] }

func (g *generator) codeLine(ext string) string {
	a, b := g.word(), g.word()
	n := g.rnd.IntN(10000)
	switch ext {
	case ".py":
		return fmt.Sprintf("    %s_%s = compute_%s(%s, %d)  # %s", a, b, a, b, n, g.word())
	case ".yaml":
		return fmt.Sprintf("%s_%s: %d", a, b, n)
	case ".md":
		return fmt.Sprintf("The %s %s is kept for %d days after the %s.", a, b, n, g.word())
	}
	return fmt.Sprintf("  const %s%s = await %s.%s(%d); // %s", a, strings.ToUpper(b[:1])+b[1:], a, b, n, g.word())
}

func (g *generator) write(w *bufio.Writer) error {
	g.when = time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)
	g.removals = map[int][]removal{}
	exts := []string{".js", ".py", ".yaml", ".md"}
	dirs := map[string]string{".js": "src", ".py": "app", ".yaml": "config", ".md": "docs"}
	for i := 0; i < g.opts.Files; i++ {
		ext := exts[i%len(exts)]
		f := &file{path: fmt.Sprintf("%s/%s_%03d%s", dirs[ext], g.word(), i, ext)}
		for j := 0; j < 30+g.rnd.IntN(40); j++ {
			f.lines = append(f.lines, g.codeLine(ext))
		}
		g.files = append(g.files, f)
	}
	// The first commit holds every file.
	g.commit(w, "main", "initial import", g.files, nil, "")
	kinds := []func() (string, string, string){g.stripeSecret, g.stripeRestricted, g.webhook, g.plaidSecret, g.plaidClientID, g.plaidToken, g.stripeTest}
	wheres := []string{"main", "removed", "branch", "merged", "removed", "renamed", "merge", "binary", "main", "removed"}
	planted := 0
	for g.n < g.opts.Commits {
		// Due removals first: the key's line goes.
		if rs := g.removals[g.n]; len(rs) > 0 {
			var changed []*file
			for _, r := range rs {
				r.f.lines = remove(r.f.lines, r.line)
				changed = append(changed, r.f)
			}
			delete(g.removals, g.n)
			g.commit(w, "main", "remove a hard-coded key", changed, nil, "")
			continue
		}
		if g.n > 0 && g.n%g.opts.Every == 0 && g.n+20 < g.opts.Commits {
			mk := kinds[planted%len(kinds)]
			where := wheres[planted%len(wheres)]
			planted++
			g.plant(w, mk, where)
			continue
		}
		if g.n > 0 && g.n%(g.opts.Every*3/2) == 0 {
			g.decoy(w)
			continue
		}
		changed := g.edit()
		g.commit(w, "main", fmt.Sprintf("update %s", g.word()), changed, nil, "")
	}
	_, err := w.WriteString("done\n")
	return err
}

func remove(lines []string, line string) []string {
	for i, l := range lines {
		if l == line {
			return append(lines[:i:i], lines[i+1:]...)
		}
	}
	return lines
}

// edit changes one to three files: a line rewritten or one added.
func (g *generator) edit() []*file {
	var changed []*file
	for k := 0; k < 1+g.rnd.IntN(3); k++ {
		f := g.files[g.rnd.IntN(len(g.files))]
		ext := filepath.Ext(f.path)
		if g.rnd.IntN(3) == 0 {
			f.lines = append(f.lines, g.codeLine(ext))
		} else {
			f.lines[g.rnd.IntN(len(f.lines))] = g.codeLine(ext)
		}
		changed = append(changed, f)
	}
	return changed
}

// plant commits one key in the way where says.
func (g *generator) plant(w *bufio.Writer, mk func() (string, string, string), where string) {
	kind, value, tmpl := mk()
	f := g.files[g.rnd.IntN(len(g.files))]
	line := fmt.Sprintf(tmpl, value)
	p := Planted{Kind: kind, Value: value, Path: f.path, Where: where}
	switch where {
	case "main", "removed":
		f.lines = insert(f.lines, g.rnd.IntN(len(f.lines)+1), line)
		g.commit(w, "main", "wire up "+g.word(), []*file{f}, nil, "")
		if where == "removed" {
			at := g.n + 1 + g.rnd.IntN(15)
			g.removals[at] = append(g.removals[at], removal{f, line})
		}
	case "branch", "merged":
		branch := fmt.Sprintf("feature/%s-%d", g.word(), g.n)
		side := &file{path: fmt.Sprintf("lib/%s_%d.js", g.word(), g.n), lines: []string{g.codeLine(".js"), line, g.codeLine(".js")}}
		p.Path = side.path
		g.commit(w, branch, "try "+g.word(), []*file{side}, nil, "refs/heads/main")
		g.commit(w, branch, "more "+g.word(), g.edit(), nil, "")
		if where == "merged" {
			g.commit(w, "main", "merge "+branch, append(g.edit(), side), []string{branch}, "")
		}
	case "merge":
		branch := fmt.Sprintf("topic/%s-%d", g.word(), g.n)
		g.commit(w, branch, "topic "+g.word(), g.edit(), nil, "refs/heads/main")
		f.lines = insert(f.lines, g.rnd.IntN(len(f.lines)+1), line)
		g.commit(w, "main", "merge "+branch, []*file{f}, []string{branch}, "")
	case "renamed":
		f.lines = insert(f.lines, g.rnd.IntN(len(f.lines)+1), line)
		g.commit(w, "main", "add "+g.word(), []*file{f}, nil, "")
		old := f.path
		f.path = strings.TrimSuffix(old, filepath.Ext(old)) + "_v2" + filepath.Ext(old)
		g.renameCommit(w, old, f.path)
	case "binary":
		b := &file{path: fmt.Sprintf("assets/cache_%d.bin", g.n)}
		raw := make([]byte, 2048)
		_, _ = crand.Read(raw[:1024])
		copy(raw[1024:], "\x00\x00"+line+"\x00")
		b.lines = []string{string(raw)}
		p.Path = b.path
		g.commit(w, "main", "cache "+g.word(), []*file{b}, nil, "")
	}
	g.repo.Planted = append(g.repo.Planted, p)
}

// decoy commits a placeholder key, as docs and examples hold them.
func (g *generator) decoy(w *bufio.Writer) {
	decoys := []struct{ kind, value, tmpl string }{
		{"stripe-secret-key", "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", "STRIPE_SECRET_KEY=%s"},
		{"stripe-secret-key", "sk_live_0123456789abcdefghijklmn", `const key = "%s";`},
		{"plaid-secret", "000000000000000000000000000000", `PLAID_SECRET = "%s"`},
		{"plaid-client-id", "abcdefabcdefabcdefabcdef", "plaid_client_id: %s"},
		{"stripe-webhook-secret", "whsec_your_signing_secret_here", "STRIPE_WEBHOOK_SECRET=%s"},
	}
	d := decoys[g.rnd.IntN(len(decoys))]
	f := g.files[g.rnd.IntN(len(g.files))]
	f.lines = insert(f.lines, g.rnd.IntN(len(f.lines)+1), fmt.Sprintf(d.tmpl, d.value))
	g.commit(w, "main", "docs: example "+g.word(), []*file{f}, nil, "")
	g.repo.Planted = append(g.repo.Planted, Planted{Kind: d.kind, Value: d.value, Path: f.path, Where: "main", Placeholder: true})
}

func insert(lines []string, i int, line string) []string {
	lines = append(lines, "")
	copy(lines[i+1:], lines[i:])
	lines[i] = line
	return lines
}

// commit writes one fast-import commit on branch with the files' current
// contents. from starts a new branch at that ref; merges are the other
// parents.
func (g *generator) commit(w *bufio.Writer, branch, msg string, files []*file, merges []string, from string) {
	g.n++
	g.mark++
	g.when = g.when.Add(time.Duration(30+g.rnd.IntN(240)) * time.Minute)
	ts := g.when.Unix()
	fmt.Fprintf(w, "commit refs/heads/%s\nmark :%d\n", branch, g.mark)
	fmt.Fprintf(w, "author Dev %d <dev%d@example.com> %d +0000\n", g.n%7, g.n%7, ts)
	fmt.Fprintf(w, "committer Dev %d <dev%d@example.com> %d +0000\n", g.n%7, g.n%7, ts)
	fmt.Fprintf(w, "data %d\n%s\n", len(msg), msg)
	if from != "" {
		fmt.Fprintf(w, "from %s\n", from)
	}
	for _, m := range merges {
		fmt.Fprintf(w, "merge refs/heads/%s\n", m)
	}
	for _, f := range files {
		body := strings.Join(f.lines, "\n") + "\n"
		fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", f.path, len(body), body)
	}
}

func (g *generator) renameCommit(w *bufio.Writer, old, new string) {
	g.n++
	g.mark++
	g.when = g.when.Add(time.Hour)
	ts := g.when.Unix()
	msg := "rename " + old
	fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\n", g.mark)
	fmt.Fprintf(w, "author Dev 1 <dev1@example.com> %d +0000\ncommitter Dev 1 <dev1@example.com> %d +0000\n", ts, ts)
	fmt.Fprintf(w, "data %d\n%s\nR %s %s\n", len(msg), msg, old, new)
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// Random returns n characters of alphabet from crypto/rand. A draw that
// happens to hold a run (5 equal or consecutive characters) or an example
// word is drawn again, so no placeholder filter can mistake a planted key
// for an example and the benchmark's outcome never depends on luck.
func Random(n int, alphabet string) string {
	b := make([]byte, n)
	for {
		_, _ = crand.Read(b)
		for i := range b {
			b[i] = alphabet[int(b[i])%len(alphabet)]
		}
		if plausible(b) {
			return string(b)
		}
	}
}

func plausible(b []byte) bool {
	lower := strings.ToLower(string(b))
	for _, w := range []string{"your", "xxxx", "fake", "test", "dummy", "example", "sample"} {
		if strings.Contains(lower, w) {
			return false
		}
	}
	same, up, down := 1, 1, 1
	for i := 1; i < len(lower); i++ {
		a, c := lower[i-1], lower[i]
		same, up, down = next(same, c == a), next(up, c == a+1), next(down, c+1 == a)
		if same >= 5 || up >= 5 || down >= 5 {
			return false
		}
	}
	return true
}

func next(n int, cont bool) int {
	if cont {
		return n + 1
	}
	return 1
}

// Hex is n random lowercase hex digits.
func Hex(n int) string { return Random(n, "0123456789abcdef") }

// StripeKey is a random key with the given prefix ("sk_live_") shaped like
// today's: the "51" account marker and about a hundred characters.
func StripeKey(prefix string) string { return prefix + "51" + Random(97, alnum) }

// WebhookSecret is a random whsec_ signing secret.
func WebhookSecret() string { return "whsec_" + Random(32, alnum) }

// PlaidToken is a random Plaid access token of the sandbox.
func PlaidToken() string {
	return fmt.Sprintf("access-sandbox-%s-%s-%s-%s-%s", Hex(8), Hex(4), Hex(4), Hex(4), Hex(12))
}

func (g *generator) stripeSecret() (string, string, string) {
	return "stripe-secret-key", StripeKey("sk_live_"), `const stripe = require("stripe")("%s");`
}
func (g *generator) stripeTest() (string, string, string) {
	return "stripe-secret-key", StripeKey("sk_test_"), "STRIPE_SECRET_KEY=%s"
}
func (g *generator) stripeRestricted() (string, string, string) {
	return "stripe-restricted-key", StripeKey("rk_live_"), `stripe.api_key = "%s"`
}
func (g *generator) webhook() (string, string, string) {
	return "stripe-webhook-secret", WebhookSecret(), `endpoint_secret = "%s"`
}
func (g *generator) plaidSecret() (string, string, string) {
	return "plaid-secret", Hex(30), `PLAID_SECRET = "%s"`
}
func (g *generator) plaidClientID() (string, string, string) {
	return "plaid-client-id", Hex(24), `  plaidClientId: "%s",`
}
func (g *generator) plaidToken() (string, string, string) {
	return "plaid-access-token", PlaidToken(), `plaid_access_token = "%s"`
}
