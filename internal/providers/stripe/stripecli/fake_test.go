//go:build unix

package stripecli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The fake Stripe CLI is this test binary itself, run through a link named
// stripe: TestMain sees the name and plays the CLI instead of running the
// tests. Each test makes its own directory holding the link and a plan
// (what to do), and reads back what the fake recorded there: its arguments,
// environment and pid, and what happened on stdin.

const (
	planFile   = "plan.json"
	recordFile = "record.json"
	eventsFile = "events" // one line per thing that happened after the start
	roleEnv    = "ONBOARD_FAKE_STRIPE_ROLE"
)

// plan is what the fake does.
type plan struct {
	Mode    string // see fakeStripe
	Secret  string // the whsec_ it prints
	Secret2 string // a second one (mode "two")
}

// record is what the fake saw.
type record struct {
	Args []string
	Env  []string
	Pid  int
	Dir  string
}

func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "stripe" {
		// Not os.Exit: under the race detector a program that exits
		// first sleeps a second, in case another thread has a race to
		// report, and the fake has none to wait for (nor a GORACE to
		// say so: the CLI gets only the environment it needs).
		syscall.Exit(fakeStripe())
	}
	os.Exit(m.Run())
}

func fakeStripe() int {
	dir := filepath.Dir(os.Args[0])
	if os.Getenv(roleEnv) == "grandchild" {
		event(dir, "grandchild %d", os.Getpid())
		time.Sleep(time.Hour) // until killed (not select{}: alone, the runtime calls that a deadlock)
	}
	wd, _ := os.Getwd()
	rec, _ := json.Marshal(record{Args: os.Args, Env: os.Environ(), Pid: os.Getpid(), Dir: wd})
	if err := os.WriteFile(filepath.Join(dir, recordFile), rec, 0o600); err != nil {
		return 99
	}
	var p plan
	if b, err := os.ReadFile(filepath.Join(dir, planFile)); err != nil || json.Unmarshal(b, &p) != nil {
		fmt.Fprintln(os.Stderr, "fake stripe: no plan")
		return 98
	}
	key := os.Getenv("STRIPE_API_KEY")
	switch p.Mode {
	case "secret": // what the real CLI does
		fmt.Println(p.Secret)
	case "banners":
		fmt.Fprintln(os.Stderr, "A newer version of the Stripe CLI is available, please update to: v9.9.9")
		fmt.Println("Getting ready...")
		fmt.Printf("\x1b[1m> Ready!\x1b[0m You are using Stripe API Version [2024-06-20]. Your webhook signing secret is \x1b[1m%s\x1b[0m (^C to quit)\n", p.Secret)
		fmt.Println(p.Secret)
		fmt.Println("whsec_short and whsec_ alone are not secrets, nor is xwhsec_0123456789abcdefABCDEF")
	case "secret-then-login": // the secret, then a notice that mentions logging in
		fmt.Println(p.Secret)
		fmt.Println("Your key expires in 3 days: run `stripe login` to get a new one.")
		time.Sleep(time.Hour) // until killed (not select{}: alone, the runtime calls that a deadlock)
	case "same-twice":
		fmt.Println(p.Secret)
		fmt.Println(p.Secret)
	case "two":
		fmt.Println(p.Secret)
		fmt.Println(p.Secret2)
	case "empty":
	case "fail-quote": // an error that quotes the key in every way a server might
		fmt.Fprintf(os.Stderr, "Authorization failed, status=401, body={\"error\":{\"message\":\"Invalid API Key provided: %s\"}}\n", key)
		fmt.Fprintf(os.Stderr, "key=\x1b[31m%s\x1b[0m url=%s\n", key, strings.ReplaceAll(key, "_", "%5F"))
		fmt.Printf("%s\n", key[:len(key)/2]+"\u202e"+key[len(key)/2:])
		return 1
	case "fail-stdout": // the CLI prints most errors on stdout
		fmt.Println("unknown flag: --print-secret")
		return 1
	case "flood":
		w := bufio.NewWriter(os.Stderr)
		for range 20000 {
			fmt.Fprintf(w, "error for %s: \x1b[2Jnope\r\n", key)
		}
		w.Flush()
		return 2
	case "signal":
		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
		time.Sleep(time.Minute)
	case "hang":
		time.Sleep(time.Hour) // until killed (not select{}: alone, the runtime calls that a deadlock)
	case "hang-grandchild":
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), roleEnv+"=grandchild")
		if err := cmd.Start(); err != nil {
			return 97
		}
		time.Sleep(time.Hour) // until killed (not select{}: alone, the runtime calls that a deadlock)
	case "prompt": // a question on the terminal
		fmt.Print("Continue? [y/N] ")
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		event(dir, "stdin %q %v", line, err)
		fmt.Println()
		fmt.Println("aborted")
		return 1
	case "login-exit", "login-hang": // what the CLI does when it has no key or no device name
		fmt.Println("You have not configured API keys yet. Running `stripe login`...")
		fmt.Println("Your pairing code is: enjoy-enough-outwit-win")
		fmt.Println("Press Enter to open the browser or visit https://dashboard.stripe.com/stripecli/confirm_auth?t=" + loginToken + " (^C to quit)")
		_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
		if p.Mode == "login-hang" {
			time.Sleep(time.Hour) // until killed (not select{}: alone, the runtime calls that a deadlock)
		}
		fmt.Fprintln(os.Stderr, "could not open the browser")
		return 1
	default:
		fmt.Fprintln(os.Stderr, "fake stripe: unknown mode", p.Mode)
		return 96
	}
	return 0
}

// loginToken stands for the one-time token of the CLI's login link.
const loginToken = "Lg9wQk3mZt7RbX2vNc5YhJ8d"

func event(dir, format string, a ...any) {
	f, err := os.OpenFile(filepath.Join(dir, eventsFile), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	fmt.Fprintf(f, format+"\n", a...)
	f.Close()
}

// fake is one test's Stripe CLI.
type fake struct {
	t    *testing.T
	dir  string
	path string // the executable to run
}

// newFake makes a directory holding a stripe that follows p.
func newFake(t *testing.T, p plan) *fake {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "stripe")
	if err := os.Symlink(self, path); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(p)
	if err := os.WriteFile(filepath.Join(dir, planFile), b, 0o600); err != nil {
		t.Fatal(err)
	}
	return &fake{t: t, dir: dir, path: path}
}

// ran reports whether the fake was started at all.
func (f *fake) ran() bool {
	_, err := os.Stat(filepath.Join(f.dir, recordFile))
	return err == nil
}

// record is what the fake saw; the test fails if it never ran.
func (f *fake) record() record {
	f.t.Helper()
	b, err := os.ReadFile(filepath.Join(f.dir, recordFile))
	if err != nil {
		f.t.Fatalf("the fake stripe never ran: %v", err)
	}
	var r record
	if err := json.Unmarshal(b, &r); err != nil {
		f.t.Fatal(err)
	}
	return r
}

// events are the lines the fake logged after its start.
func (f *fake) events() []string {
	b, _ := os.ReadFile(filepath.Join(f.dir, eventsFile))
	return strings.FieldsFunc(string(b), func(r rune) bool { return r == '\n' })
}

// waitEvent waits until an event starting with prefix is logged and returns
// the rest of it. It is a condition, not a speed test: the bound is only
// there so a broken fake fails instead of hanging the suite.
func (f *fake) waitEvent(prefix string) string {
	f.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, e := range f.events() {
			if rest, ok := strings.CutPrefix(e, prefix); ok {
				return strings.TrimSpace(rest)
			}
		}
	}
	f.t.Fatalf("the fake stripe never logged %q (events: %q)", prefix, f.events())
	return ""
}

// assertGone fails unless process pid has ended. A killed process whose
// parent is gone may stay a zombie until the system reaps it: that counts
// as ended, it runs nothing. The wait is for the kill to be delivered, not
// a measure of speed.
func assertGone(t *testing.T, what string, pid int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		err := syscall.Kill(pid, 0)
		if err == syscall.ESRCH || zombie(pid) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s (pid %d) is still running", what, pid)
		}
	}
}

func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// pid (comm) state ...: the state follows the last ')'.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i >= 0 && i+2 < len(s) && s[i+2] == 'Z'
}
