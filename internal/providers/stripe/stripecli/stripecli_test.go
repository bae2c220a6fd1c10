//go:build unix

package stripecli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

func testKey() secret.Secret    { return secret.Secret("sk_test_" + random(40)) }
func testWhsec() string         { return "whsec_" + random(32) }
func restricted() secret.Secret { return secret.Secret("rk_test_" + random(40)) }

// problem returns err's Problem, failing the test if err is not an *Error.
func problem(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *stripecli.Error", err, err)
	}
	return e
}

// assertClean fails if err, in any way it can be printed, holds a secret.
func assertClean(t *testing.T, err error, secrets ...string) {
	t.Helper()
	e := problem(t, err)
	leakcheck.AssertNone(t, map[string][]byte{
		"Error()": []byte(err.Error()),
		"%+v":     []byte(fmt.Sprintf("%+v", err)),
		"%#v":     []byte(fmt.Sprintf("%#v", e)),
		"Hint()":  []byte(e.Hint()),
	}, secrets)
}

func TestPrintSecretRunsListenWithTheKeyInTheEnvironmentOnly(t *testing.T) {
	for _, key := range []secret.Secret{testKey(), restricted()} {
		want := testWhsec()
		f := newFake(t, plan{Mode: "secret", Secret: want})
		got, err := PrintSecret(context.Background(), f.path, key)
		if err != nil {
			t.Fatalf("PrintSecret: %v", err)
		}
		if got.Reveal() != want {
			t.Errorf("secret = %s, want %s", got, secret.Mask(want))
		}
		rec := f.record()
		if want := []string{f.path, "listen", "--print-secret"}; !slices.Equal(rec.Args, want) {
			t.Errorf("argv = %q, want %q", rec.Args, want)
		}
		leakcheck.AssertNoLeak(t, "argv", []byte(strings.Join(rec.Args, " ")), key.Reveal())
		if tmp, _ := filepath.EvalSymlinks(os.TempDir()); rec.Dir != tmp && rec.Dir != os.TempDir() {
			t.Errorf("the CLI ran in %s, want the temporary directory", rec.Dir)
		}
		if n := count(rec.Env, "STRIPE_API_KEY="+key.Reveal()); n != 1 {
			t.Errorf("STRIPE_API_KEY=<key> is %d times in the child's environment, want once", n)
		}
	}
}

func TestPrintSecretFindsTheSecretAmongOtherLines(t *testing.T) {
	for _, mode := range []string{"banners", "same-twice", "secret-then-login"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			want := testWhsec()
			f := newFake(t, plan{Mode: mode, Secret: want})
			got, err := PrintSecret(context.Background(), f.path, testKey())
			if err != nil {
				t.Fatalf("PrintSecret: %v", err)
			}
			if got.Reveal() != want {
				t.Errorf("secret = %s, want %s", got, secret.Mask(want))
			}
		})
	}
}

// The parent's STRIPE_ settings must not reach the CLI: another key, a
// project, request logging. Proxies and the rest of the environment do.
func TestChildEnvironment(t *testing.T) {
	other := "sk_test_" + random(40)
	t.Setenv("STRIPE_API_KEY", other)
	t.Setenv("stripe_api_key", other)
	t.Setenv("STRIPE_PROJECT_NAME", "someone-else")
	t.Setenv("STRIPE_LOG", "debug")
	t.Setenv("STRIPE_DEVICE_NAME", "ada-laptop")
	t.Setenv("STRIPE_CLI_TELEMETRY_OPTOUT", "1")
	t.Setenv("HTTPS_PROXY", "http://proxy.internal:3128")
	key := testKey()
	f := newFake(t, plan{Mode: "secret", Secret: testWhsec()})
	if _, err := PrintSecret(context.Background(), f.path, key); err != nil {
		t.Fatal(err)
	}
	env := f.record().Env
	leakcheck.AssertNoLeak(t, "child environment", []byte(strings.Join(env, "\n")), other)
	for _, want := range []string{"STRIPE_API_KEY=" + key.Reveal(), "STRIPE_DEVICE_NAME=ada-laptop",
		"STRIPE_CLI_TELEMETRY_OPTOUT=1", "HTTPS_PROXY=http://proxy.internal:3128"} {
		if count(env, want) != 1 {
			t.Errorf("the child's environment should hold %s once", strings.SplitN(want, "=", 2)[0])
		}
	}
	for _, gone := range []string{"STRIPE_PROJECT_NAME=", "STRIPE_LOG=", "stripe_api_key="} {
		if hasPrefix(env, gone) {
			t.Errorf("the child's environment holds %s", gone)
		}
	}
}

// Only what the CLI needs to run and reach Stripe is passed on: none of
// onboard's other secrets, nor anything else.
func TestChildEnvironmentIsAnAllowlist(t *testing.T) {
	plaid, aws := random(30), random(40)
	for k, v := range map[string]string{
		"PLAID_SECRET": plaid, "AWS_SECRET_ACCESS_KEY": aws, "GITHUB_TOKEN": random(36), "SOMETHING_ELSE": "x",
		"LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8", "XDG_CONFIG_HOME": "/home/ada/.config", "https_proxy": "http://p:3128",
		"no_proxy": "localhost", "SSL_CERT_FILE": "/etc/ssl/ca.pem", "TMPDIR": os.TempDir(), "USER": "ada", "TERM": "xterm-256color",
	} {
		t.Setenv(k, v)
	}
	f := newFake(t, plan{Mode: "secret", Secret: testWhsec()})
	if _, err := PrintSecret(context.Background(), f.path, testKey()); err != nil {
		t.Fatal(err)
	}
	env := f.record().Env
	leakcheck.AssertNone(t, map[string][]byte{"child environment": []byte(strings.Join(env, "\n"))}, []string{plaid, aws})
	for _, gone := range []string{"PLAID_SECRET=", "AWS_SECRET_ACCESS_KEY=", "GITHUB_TOKEN=", "SOMETHING_ELSE=", "TERM=xterm"} {
		if hasPrefix(env, gone) {
			t.Errorf("the child's environment holds %s", gone)
		}
	}
	for _, kept := range []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "LANG=en_GB.UTF-8", "LC_ALL=en_GB.UTF-8",
		"XDG_CONFIG_HOME=/home/ada/.config", "https_proxy=http://p:3128", "no_proxy=localhost", "SSL_CERT_FILE=/etc/ssl/ca.pem",
		"TMPDIR=" + os.TempDir(), "USER=ada", "TERM=dumb"} {
		if count(env, kept) != 1 {
			t.Errorf("the child's environment should hold %s once", strings.SplitN(kept, "=", 2)[0])
		}
	}
}

// The CLI can quote a secret of onboard's environment without inheriting
// it (from its own config file, say, or a proxy URL it was given): every
// value that looks like a credential is masked in what it said.
func TestFailureQuotingAnotherSecretOfTheEnvironment(t *testing.T) {
	aws, proxyPass := random(40), random(20)
	t.Setenv("AWS_SECRET_ACCESS_KEY", aws)
	t.Setenv("HTTPS_PROXY", "http://ada:"+proxyPass+"@proxy.internal:3128")
	bin := fakeScript(t, "echo \"loaded profile: aws_secret_access_key = "+aws+"\"\n"+
		"echo \"proxyconnect tcp: dial $HTTPS_PROXY: refused\" >&2\nexit 1\n")
	_, err := CLI{Path: bin}.PrintSecret(context.Background(), testKey())
	if e := problem(t, err); e.Problem != Failed || !strings.Contains(e.Reason, "proxyconnect tcp") {
		t.Fatalf("problem %v, reason %q", e.Problem, e.Reason)
	}
	assertClean(t, err, aws, proxyPass)
}

// Without a device name the CLI turns to `stripe login`; one is always set.
func TestChildEnvironmentNamesTheDevice(t *testing.T) {
	t.Setenv("STRIPE_DEVICE_NAME", "")
	f := newFake(t, plan{Mode: "secret", Secret: testWhsec()})
	if _, err := PrintSecret(context.Background(), f.path, testKey()); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	if host == "" {
		host = "onboard"
	}
	if env := f.record().Env; count(env, "STRIPE_DEVICE_NAME="+host) != 1 {
		t.Errorf("want STRIPE_DEVICE_NAME=%s once, have %q", host, filter(env, "STRIPE_DEVICE_NAME="))
	}
}

func TestRefusedKeysRunNothing(t *testing.T) {
	cases := []struct {
		key, says string
	}{
		{"", "no Stripe secret key"},
		{"sk_live_" + random(40), "live account"},
		{"rk_live_" + random(40), "live account"},
		{"sk_org_" + random(40), "organization keys"},
		{"pk_test_" + random(40), "publishable key"},
		{"pk_live_" + random(40), "publishable key"},
		{"whsec_" + random(32), "not a Stripe test secret key"},
		{"sk_test_" + random(20) + " " + random(20), "not a Stripe test secret key"},
		{"sk_test_" + random(20) + "\n" + random(20), "not a Stripe test secret key"},
		{"rkcs_test_" + random(40), "not a Stripe test secret key"},
	}
	for _, c := range cases {
		f := newFake(t, plan{Mode: "secret", Secret: testWhsec()})
		_, err := PrintSecret(context.Background(), f.path, secret.Secret(c.key))
		e := problem(t, err)
		if e.Problem != KeyRefused {
			t.Errorf("%s: problem %v, want %v", secret.Mask(c.key), e.Problem, KeyRefused)
		}
		if !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %q does not say %q", secret.Mask(c.key), err, c.says)
		}
		if f.ran() {
			t.Errorf("%s: the CLI was run for a refused key", secret.Mask(c.key))
		}
		if c.key != "" && len(c.key) >= 8 {
			assertClean(t, err, c.key)
		}
		if _, err := Available(secret.Secret(c.key)); problem(t, err).Problem != KeyRefused {
			t.Errorf("%s: Available says %v, want a refusal", secret.Mask(c.key), err)
		}
	}
}

func TestFailureQuotingTheKeyDoesNotLeakIt(t *testing.T) {
	key := testKey()
	f := newFake(t, plan{Mode: "fail-quote"})
	_, err := PrintSecret(context.Background(), f.path, key)
	e := problem(t, err)
	if e.Problem != Failed || e.Status != 1 {
		t.Fatalf("problem %v status %d, want failed with status 1: %v", e.Problem, e.Status, err)
	}
	if !strings.Contains(e.Reason, "Invalid API Key provided: "+secret.Mask(key.Reveal())) {
		t.Errorf("the reason should quote the CLI with the key masked: %q", e.Reason)
	}
	if !strings.Contains(err.Error(), "exit status 1") {
		t.Errorf("the error should give the exit status: %q", err)
	}
	assertClean(t, err, key.Reveal())
}

func TestFailureOnStdoutIsQuoted(t *testing.T) {
	f := newFake(t, plan{Mode: "fail-stdout"})
	_, err := PrintSecret(context.Background(), f.path, testKey())
	if e := problem(t, err); e.Problem != Failed || e.Reason != "unknown flag: --print-secret" {
		t.Errorf("problem %v, reason %q; want the CLI's stdout line", e.Problem, e.Reason)
	}
}

func TestFloodedOutputIsCutShort(t *testing.T) {
	key := testKey()
	f := newFake(t, plan{Mode: "flood"})
	_, err := PrintSecret(context.Background(), f.path, key)
	e := problem(t, err)
	if e.Problem != Failed || e.Status != 2 {
		t.Fatalf("problem %v status %d, want failed with status 2", e.Problem, e.Status)
	}
	if n := utf8.RuneCountInString(e.Reason); n > MaxReason {
		t.Errorf("reason is %d characters, want at most %d", n, MaxReason)
	}
	if strings.ContainsAny(e.Reason, "\x1b\r\n") {
		t.Errorf("reason keeps terminal controls: %q", e.Reason)
	}
	assertClean(t, err, key.Reveal())
}

func TestKilledBySignal(t *testing.T) {
	f := newFake(t, plan{Mode: "signal"})
	_, err := PrintSecret(context.Background(), f.path, testKey())
	if e := problem(t, err); e.Problem != Failed || e.Status != -1 {
		t.Errorf("problem %v status %d, want failed with status -1", e.Problem, e.Status)
	}
}

func TestHangingCLIIsStoppedAtTheTimeout(t *testing.T) {
	f := newFake(t, plan{Mode: "hang"})
	timeout := 2 * time.Second
	_, err := CLI{Path: f.path, Timeout: timeout}.PrintSecret(context.Background(), testKey())
	e := problem(t, err)
	if e.Problem != TimedOut || e.After != timeout {
		t.Fatalf("problem %v after %v, want timed out after %v", e.Problem, e.After, timeout)
	}
	if !strings.Contains(err.Error(), "within 2s") {
		t.Errorf("the error should say the limit: %q", err)
	}
	assertGone(t, "the CLI", f.record().Pid)
}

func TestCancelKillsTheWholeGroup(t *testing.T) {
	f := newFake(t, plan{Mode: "hang-grandchild"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := CLI{Path: f.path, Timeout: time.Hour}.PrintSecret(ctx, testKey())
		done <- err
	}()
	// A pid that did not parse would be 0, and assertGone(0) would wait
	// on this test's own process group.
	ev := f.waitEvent("grandchild")
	var grandchild int
	if _, err := fmt.Sscan(ev, &grandchild); err != nil || grandchild <= 0 {
		t.Fatalf("the fake logged no usable grandchild pid: %q", ev)
	}
	cancel()
	err := <-done
	if e := problem(t, err); e.Problem != Canceled {
		t.Fatalf("problem %v, want canceled: %v", e.Problem, err)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("errors.Is(err, context.Canceled) is false for %v", err)
	}
	assertGone(t, "the CLI", f.record().Pid)
	assertGone(t, "the process the CLI started", grandchild)
}

func TestAlreadyCanceledRunsNothing(t *testing.T) {
	f := newFake(t, plan{Mode: "secret", Secret: testWhsec()})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := PrintSecret(ctx, f.path, testKey())
	if e := problem(t, err); e.Problem != Canceled {
		t.Errorf("problem %v, want canceled", e.Problem)
	}
	if f.ran() {
		t.Error("the CLI ran with a cancelled context")
	}
}

func TestPromptReadsEndOfFile(t *testing.T) {
	// Whatever onboard's own stdin is (a terminal, a pipe that stays
	// open), the CLI's is not it.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	saved := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = saved }()

	f := newFake(t, plan{Mode: "prompt"})
	_, err = CLI{Path: f.path, Timeout: 10 * time.Second}.PrintSecret(context.Background(), testKey())
	if e := problem(t, err); e.Problem != Failed || e.Reason != "Continue? [y/N] / aborted" {
		t.Errorf("problem %v, reason %q; want the CLI's failure", e.Problem, e.Reason)
	}
	if got := f.waitEvent("stdin"); got != `"" EOF` {
		t.Errorf("the prompt read %s from stdin, want end-of-file at once", got)
	}
}

// A CLI that turns to `stripe login` is stopped when it says so, whether
// it would then exit or wait for the browser.
func TestLoginPromptIsStoppedAndReported(t *testing.T) {
	for _, mode := range []string{"login-exit", "login-hang"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			key := testKey()
			f := newFake(t, plan{Mode: mode})
			_, err := CLI{Path: f.path, Timeout: time.Hour}.PrintSecret(context.Background(), key)
			if e := problem(t, err); e.Problem != NeedsLogin {
				t.Fatalf("problem %v, want needs login: %v", e.Problem, err)
			}
			if !strings.Contains(err.Error(), "stripe login") {
				t.Errorf("the error should name stripe login: %q", err)
			}
			assertClean(t, err, key.Reveal(), loginToken)
			assertGone(t, "the CLI", f.record().Pid)
		})
	}
}

func TestNoSecretPrinted(t *testing.T) {
	f := newFake(t, plan{Mode: "empty"})
	_, err := PrintSecret(context.Background(), f.path, testKey())
	if e := problem(t, err); e.Problem != NoSecret {
		t.Errorf("problem %v, want no secret", e.Problem)
	}
}

func TestTwoSecretsPrinted(t *testing.T) {
	key, a, b := testKey(), testWhsec(), testWhsec()
	f := newFake(t, plan{Mode: "two", Secret: a, Secret2: b})
	got, err := PrintSecret(context.Background(), f.path, key)
	e := problem(t, err)
	if e.Problem != ManySecrets || e.Count != 2 {
		t.Errorf("problem %v count %d, want many secrets, 2", e.Problem, e.Count)
	}
	if !got.IsZero() {
		t.Errorf("returned %s with an error", got)
	}
	assertClean(t, err, key.Reveal(), a, b)
}

// A relative path names the executable from onboard's directory, though
// the CLI runs in another.
func TestRelativePath(t *testing.T) {
	want := testWhsec()
	f := newFake(t, plan{Mode: "secret", Secret: want})
	t.Chdir(filepath.Dir(f.dir))
	got, err := PrintSecret(context.Background(), filepath.Join(filepath.Base(f.dir), "stripe"), testKey())
	if err != nil || got.Reveal() != want {
		t.Fatalf("PrintSecret with a relative path = %s, %v", got, err)
	}
}

func TestCLIThatCannotStart(t *testing.T) {
	dir := t.TempDir()
	notExec := filepath.Join(dir, "stripe")
	if err := os.WriteFile(notExec, []byte("not a program"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{notExec, filepath.Join(dir, "missing", "stripe"), ""} {
		_, err := PrintSecret(context.Background(), path, testKey())
		if e := problem(t, err); e.Problem != NotFound {
			t.Errorf("%q: problem %v, want not found", path, e.Problem)
		}
	}
}

func TestFindUsesPathOnly(t *testing.T) {
	f := newFake(t, plan{Mode: "secret", Secret: testWhsec()})
	t.Setenv("PATH", f.dir)
	path, err := Find()
	if err != nil || path != f.path {
		t.Fatalf("Find() = %q, %v; want %q", path, err, f.path)
	}
	cli, err := Available(testKey())
	if err != nil || cli.Path != f.path {
		t.Fatalf("Available = %+v, %v", cli, err)
	}
	if _, err := cli.PrintSecret(context.Background(), testKey()); err != nil {
		t.Fatalf("PrintSecret with the CLI found on PATH: %v", err)
	}

	// Not on PATH: not found, and Available says how to install it.
	t.Setenv("PATH", t.TempDir())
	if path, err := Find(); err == nil {
		t.Errorf("Find() = %q with no stripe on PATH", path)
	}
	_, err = Available(testKey())
	if e := problem(t, err); e.Problem != NotFound || !strings.Contains(err.Error(), "https://docs.stripe.com/stripe-cli") {
		t.Errorf("Available without the CLI: %v", err)
	}

	// A stripe found through the current directory is never taken.
	t.Chdir(f.dir)
	for _, p := range []string{".", "", "./"} {
		t.Setenv("PATH", p)
		if path, err := Find(); err == nil {
			t.Errorf("PATH=%q: Find() = %q, took the current directory's stripe", p, path)
		}
	}
}

func count(env []string, kv string) int {
	n := 0
	for _, e := range env {
		if e == kv {
			n++
		}
	}
	return n
}

func hasPrefix(env []string, prefix string) bool { return len(filter(env, prefix)) > 0 }

func filter(env []string, prefix string) []string {
	var out []string
	for _, e := range env {
		if strings.HasPrefix(e, prefix) {
			out = append(out, e)
		}
	}
	return out
}
