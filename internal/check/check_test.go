package check

import (
	"github.com/onboard-dev/onboard/internal/exit"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

func demoEnv() string {
	return envText(
		"PLAID_CLIENT_ID", sandbox.DemoPlaidClientID,
		"PLAID_SECRET", sandbox.DemoPlaidSecret,
		"PLAID_ENV", "sandbox",
		"PLAID_PRODUCTS", "transactions",
		"PLAID_COUNTRY_CODES", "US,CA",
		"STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey,
		"STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey,
		"STRIPE_WEBHOOK_SECRET", sandbox.DemoStripeWebhookSecret,
		"STRIPE_CONNECT_ACCOUNT_TYPE", "standard",
		"STRIPE_CLIENT_ID", sandbox.DemoStripeClientID,
	)
}

func TestAllGoodAgainstSimulators(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), demoEnv())
	s := startSims(t)
	sub := filepath.Join(dir, "cmd", "app")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}

	// From a subdirectory: the .env is found at the git root.
	r := run(t, Options{Dir: sub, JSON: true, URLs: urls(s.plaidURL, s.stripeURL)})
	d := decode(t, r.stdout)
	if r.code != exit.OK || !d.OK {
		t.Fatalf("exit %d, ok %v; failures: %v\nstderr: %s", r.code, d.OK, failures(d), r.stderr)
	}
	for _, want := range [][2]string{
		{"env", "read"}, {"plaid", "PLAID_SECRET"}, {"stripe", "STRIPE_SECRET_KEY"}, {"connect", "STRIPE_CLIENT_ID"},
		{"git", ".env ignored"}, {"git", "not tracked"}, {"git", "never committed"},
	} {
		if got := mustFind(t, d, want[0], want[1]); got.Status != providers.Pass {
			t.Errorf("%s/%s: %s (%s)", want[0], want[1], got.Status, got.Detail)
		}
	}
	// Live checks ran for each provider and the Plaid test Item was removed.
	for _, p := range []string{"plaid", "stripe", "connect"} {
		live := 0
		for _, c := range d.Checks {
			if string(c.Provider) == p && c.Status == providers.Pass && !strings.HasPrefix(c.Name, "PLAID_") && !strings.HasPrefix(c.Name, "STRIPE_") {
				live++
			}
		}
		if live == 0 {
			t.Errorf("no live check passed for %s", p)
		}
	}
	if s.plaid.Items() != 0 {
		t.Errorf("%d Plaid test Item(s) left behind", s.plaid.Items())
	}
	if s.stripeRequests() == 0 {
		t.Error("the Stripe simulator got no request")
	}
	if _, err := os.Stat(filepath.Join(dir, "onboard-readiness.md")); !os.IsNotExist(err) {
		t.Error("a readiness report was written without --production")
	}
	// Each finding is said once: Plaid's "keys format" summary repeats the
	// per-field lines, so the report leaves it out when it passed.
	seen := map[string]bool{}
	for _, c := range d.Checks {
		if seen[string(c.Provider)+"/"+c.Name] {
			t.Errorf("%s/%s is reported twice", c.Provider, c.Name)
		}
		seen[string(c.Provider)+"/"+c.Name] = true
	}
	if _, ok := find(d, "plaid", plaid.CheckKeysFormat); ok {
		t.Error(`plaid "keys format" restates the per-field format lines`)
	}
}

func TestJSONShape(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", "pk_test_51NotASecretKeyAtAllXXXXXXXXXXXXXX"))
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", closedPort(t))})
	// Exactly the documented keys, nothing else (decode disallows unknown).
	d := decode(t, r.stdout)
	if d.OK || r.code != exit.Failed {
		t.Fatalf("ok %v, exit %d; want false, 1", d.OK, r.code)
	}
	valid := map[providers.Status]bool{providers.Pass: true, providers.Fail: true, providers.Warn: true, providers.Skip: true}
	for _, c := range d.Checks {
		if c.Provider == "" || c.Name == "" || !valid[c.Status] {
			t.Errorf("malformed check %+v", c)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("JSON output holds ANSI escapes")
	}
}

func TestBadFormatSkipsLiveCheck(t *testing.T) {
	dir := newRepo(t)
	// A publishable key where the secret belongs: a format failure.
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripePublishableKey))
	url, hits := countingServer(t)
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", url)})
	d := decode(t, r.stdout)
	if r.code != exit.Failed {
		t.Fatalf("exit %d, want 1", r.code)
	}
	if got := mustFind(t, d, "stripe", "STRIPE_SECRET_KEY"); got.Status != providers.Fail || got.Hint == "" {
		t.Errorf("format result %+v, want a fail with a hint", got)
	}
	if got := mustFind(t, d, "stripe", "live verification"); got.Status != providers.Skip {
		t.Errorf("live verification %s, want skip", got.Status)
	}
	if hits.Load() != 0 {
		t.Errorf("a malformed key was sent to the API (%d requests)", hits.Load())
	}
}

func TestBadKeysFail(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText(
		"PLAID_CLIENT_ID", "0123456789abcdef01234567",
		"PLAID_SECRET", "abcdefabcdefabcdefabcdefabcdef",
		"PLAID_ENV", "sandbox",
		"STRIPE_SECRET_KEY", "sk_test_51WrongKeyForTheSimulatorAbCdEfGh1234567890",
	))
	s := startSims(t)
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls(s.plaidURL, s.stripeURL)})
	d := decode(t, r.stdout)
	if r.code != exit.Failed || d.OK {
		t.Fatalf("exit %d ok %v, want 1 false", r.code, d.OK)
	}
	for _, p := range []string{"plaid", "stripe"} {
		found := false
		for _, c := range d.Checks {
			if string(c.Provider) == p && c.Status == providers.Fail && c.Hint != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("no failed %s check with a hint: %v", p, failures(d))
		}
	}
}

func TestUnreachableHost(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText(
		"STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey,
		"STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey,
	))
	r := run(t, Options{Dir: dir, URLs: urls("", closedPort(t))})
	if r.code != exit.Failed {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, "refused") {
		t.Errorf("the report does not say the connection was refused:\n%s", r.stdout)
	}
}

func TestLiveKeyRefusedForOverriddenURL(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText(
		"STRIPE_SECRET_KEY", "sk_live_51LiveLookingKeyNeverSentAnywhereQ9w8e7r6t5",
		"STRIPE_PUBLISHABLE_KEY", "pk_live_51LiveLookingKeyNeverSentAnywhereZ1x2c3v4b5",
		"PLAID_CLIENT_ID", "0123456789abcdef01234567",
		"PLAID_SECRET", "abcdefabcdefabcdefabcdefabcdef",
		"PLAID_ENV", "production",
	))
	url, hits := countingServer(t)
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls(url, url)})
	d := decode(t, r.stdout)
	if r.code != exit.Failed {
		t.Fatalf("exit %d, want 1", r.code)
	}
	if hits.Load() != 0 {
		t.Fatalf("live credentials reached a non-official host: %d request(s)", hits.Load())
	}
	refused := 0
	for _, c := range d.Checks {
		if c.Status == providers.Fail && strings.Contains(c.Detail+c.Hint, "refusing") {
			refused++
		}
	}
	if refused < 2 {
		t.Errorf("want a refusal for Plaid and for Stripe, got %d: %v", refused, failures(d))
	}
}

func TestMissingAndUnreadableEnv(t *testing.T) {
	dir := newRepo(t)
	r := run(t, Options{Dir: dir, JSON: true})
	if r.code != exit.Failed {
		t.Errorf("missing .env: exit %d, want 1", r.code)
	}
	if got := mustFind(t, decode(t, r.stdout), "env", "read"); got.Status != providers.Fail || got.Hint == "" {
		t.Errorf("missing .env: %+v", got)
	}

	// A directory where the file should be cannot be read.
	if err := os.Mkdir(filepath.Join(dir, ".env"), 0o755); err != nil {
		t.Fatal(err)
	}
	r = run(t, Options{Dir: dir, JSON: true})
	if r.code != exit.Failed {
		t.Errorf("unreadable .env: exit %d, want 1", r.code)
	}
	if got := mustFind(t, decode(t, r.stdout), "env", "read"); got.Status != providers.Fail {
		t.Errorf("unreadable .env: %+v", got)
	}
}

func TestNoProviderKeys(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("DATABASE_URL", "postgres://localhost/app"))
	r := run(t, Options{Dir: dir, JSON: true})
	if r.code != exit.Failed {
		t.Errorf("exit %d, want 1", r.code)
	}
	mustFind(t, decode(t, r.stdout), "env", "provider keys")
}

func TestUsageErrors(t *testing.T) {
	cases := map[string]Options{
		"bad plaid url":            {URLs: urls("not a url", "")},
		"ftp stripe url":           {URLs: urls("", "ftp://127.0.0.1:1")},
		"confirm without prod":     {Confirm: []string{"secrets-manager"}},
		"report without prod":      {ReportPath: "x.md"},
		"dir that does not exist":  {Dir: "/nonexistent/onboard-test"},
		"unknown confirm id":       {Production: true, Confirm: []string{"launch-rockets"}},
		"auto item is not confirm": {Production: true, Confirm: []string{"no-test-keys"}},
	}
	for name, o := range cases {
		t.Run(name, func(t *testing.T) {
			if o.Dir == "" {
				o.Dir = t.TempDir()
			}
			r := run(t, o)
			if r.code != exit.Usage {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.stderr == "" || r.stdout != "" {
				t.Errorf("a usage error goes to stderr only; stdout %q stderr %q", r.stdout, r.stderr)
			}
		})
	}
}

func TestShellExportedVariableWarns(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey, "STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey))
	s := startSims(t)
	shell := func(k string) (string, bool) {
		if k == "STRIPE_SECRET_KEY" {
			return "sk_test_51ShellValueDiffersFromTheFile000111222", true
		}
		return "", false
	}
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", s.stripeURL), LookupEnv: shell})
	d := decode(t, r.stdout)
	got := mustFind(t, d, "env", "shell STRIPE_SECRET_KEY")
	if got.Status != providers.Warn || got.Hint == "" {
		t.Errorf("%+v, want a warning with a hint", got)
	}
	if r.code != exit.OK {
		t.Errorf("a warning alone must not fail the check: exit %d, failures %v", r.code, failures(d))
	}
}

func TestGitProblems(t *testing.T) {
	t.Run("outside a repository", func(t *testing.T) {
		isolateGit(t)
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey, "STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey))
		s := startSims(t)
		r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", s.stripeURL)})
		if got := mustFind(t, decode(t, r.stdout), "git", "git repository"); got.Status != providers.Skip {
			t.Errorf("%+v, want skip", got)
		}
		if r.code != exit.OK {
			t.Errorf("exit %d, want 0", r.code)
		}
	})
	t.Run("not ignored", func(t *testing.T) {
		dir := newRepo(t)
		writeFile(t, filepath.Join(dir, ".gitignore"), "node_modules/\n")
		writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey, "STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey))
		s := startSims(t)
		r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", s.stripeURL)})
		if got := mustFind(t, decode(t, r.stdout), "git", ".env ignored"); got.Status != providers.Fail || got.Hint == "" {
			t.Errorf("%+v, want a fail with a hint", got)
		}
		if r.code != exit.Failed {
			t.Errorf("exit %d, want 1", r.code)
		}
	})
	t.Run("committed once", func(t *testing.T) {
		dir := newRepo(t)
		env := filepath.Join(dir, ".env")
		writeFile(t, env, envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey, "STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey))
		git(t, dir, "add", "-f", ".env")
		git(t, dir, "commit", "-q", "-m", "oops")
		git(t, dir, "rm", "-q", "--cached", ".env")
		git(t, dir, "commit", "-q", "-m", "untrack")
		s := startSims(t)
		r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", s.stripeURL)})
		d := decode(t, r.stdout)
		if got := mustFind(t, d, "git", "never committed"); got.Status != providers.Fail {
			t.Errorf("history: %+v, want fail", got)
		}
		if got := mustFind(t, d, "git", "not tracked"); got.Status != providers.Pass {
			t.Errorf("tracked: %+v, want pass", got)
		}
	})
}

func TestTextReport(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripePublishableKey))
	r := run(t, Options{Dir: dir})
	if r.code != exit.Failed {
		t.Fatalf("exit %d", r.code)
	}
	for _, want := range []string{"Environment file\n", "\nStripe\n", "\nGit protection\n", "  ✓ ", "  ✗ STRIPE_SECRET_KEY", "  - live verification", "\n      "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("plain report holds ANSI escapes")
	}
	coloured := run(t, Options{Dir: dir, Color: true})
	if !strings.Contains(coloured.stdout, "\x1b[31m✗") {
		t.Error("coloured report has no red ✗")
	}
}

func TestConnectWithoutStripeSecretFails(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_CLIENT_ID", sandbox.DemoStripeClientID, "STRIPE_CONNECT_ACCOUNT_TYPE", "standard"))
	url, hits := countingServer(t)
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", url)})
	d := decode(t, r.stdout)
	if r.code != exit.Failed {
		t.Fatalf("exit %d, want 1: a Connect setup without the Stripe secret key cannot work", r.code)
	}
	if got := mustFind(t, d, "stripe", "STRIPE_SECRET_KEY"); got.Status != providers.Fail {
		t.Errorf("STRIPE_SECRET_KEY: %+v, want fail", got)
	}
	if hits.Load() != 0 {
		t.Errorf("%d request(s) sent without a secret key", hits.Load())
	}
}

func TestConnectNotVerifiedWithMalformedStripeKey(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText(
		"STRIPE_SECRET_KEY", sandbox.DemoStripePublishableKey, // wrong kind of key
		"STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey,
		"STRIPE_CONNECT_ACCOUNT_TYPE", "express"))
	url, hits := countingServer(t)
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", url)})
	d := decode(t, r.stdout)
	if got := mustFind(t, d, "connect", "live verification"); got.Status != providers.Skip {
		t.Errorf("Connect verification %+v, want skipped", got)
	}
	if hits.Load() != 0 {
		t.Errorf("%d request(s) sent with a malformed key", hits.Load())
	}
}
