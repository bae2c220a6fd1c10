package envfile

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestHelperProcess is not a test: the tests below re-run the test binary
// with ENVFILE_HELPER set, to get a real second process.
//
//	crash <path>        Apply, but stop between writing the temp file and
//	                    the rename, say "ready" and wait to be killed.
//	apply <path> <pfx> <n>  Apply n updates, one key each (<pfx>_1..n).
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("ENVFILE_HELPER")
	if mode == "" {
		t.Skip("helper process only")
	}
	args := strings.Fields(os.Getenv("ENVFILE_HELPER_ARGS"))
	switch mode {
	case "crash":
		beforeRenameHook = func(string) {
			fmt.Println("ready")
			time.Sleep(time.Minute)
		}
		_, err := Apply(args[0], []Set{{Key: "A", Value: "new"}, {Key: "B", Value: "new"}}, nil)
		fmt.Println("not killed:", err)
		os.Exit(3)
	case "apply":
		n, err := strconv.Atoi(args[2])
		if err != nil {
			fmt.Println("error: the count is not a number:", args[2])
			os.Exit(2)
		}
		for i := 1; i <= n; i++ {
			key := fmt.Sprintf("%s_%d", args[1], i)
			if _, err := Apply(args[0], []Set{{Key: key, Value: "v", Group: args[1]}}, nil); err != nil {
				fmt.Println("error:", err)
				os.Exit(2)
			}
		}
		os.Exit(0)
	}
}

func helper(t *testing.T, mode string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "ENVFILE_HELPER="+mode, "ENVFILE_HELPER_ARGS="+strings.Join(args, " "))
	return cmd
}

// kill -9 between write and rename: the .env is entirely old, and the next
// run removes the stray temp file and applies cleanly.
func TestCrashBeforeRename(t *testing.T) {
	const old = "# mine\nA=old\nB=old\n"
	path := writeEnv(t, old)
	cmd := helper(t, "crash", path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("helper did not reach the rename: %q", line)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	_ = cmd.Wait()

	if got := readFile(t, path); got != old {
		t.Fatal("after the crash the .env is not the old file")
	}
	temps, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".env"+tempMarker+"*"))
	if len(temps) != 1 {
		t.Fatalf("expected the crashed run's temp file, found %d", len(temps))
	}
	if _, err := Apply(path, []Set{{Key: "A", Value: "next"}}, nil); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "# mine\nA=next\nB=old\n" {
		t.Error("next run did not apply cleanly")
	}
	if _, err := os.Stat(temps[0]); !os.IsNotExist(err) {
		t.Error("stray temp file not cleaned up by the next run")
	}
}

// Two processes hammer one .env: the lock serializes them and every update
// survives.
func TestConcurrentProcesses(t *testing.T) {
	path := writeEnv(t, "# shared\nBASE=1\n")
	const n = 10
	a := helper(t, "apply", path, "ALPHA", fmt.Sprint(n))
	b := helper(t, "apply", path, "BRAVO", fmt.Sprint(n))
	var outA, outB strings.Builder
	a.Stdout, b.Stdout = &outA, &outB
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	if err := b.Start(); err != nil {
		t.Fatal(err)
	}
	errA, errB := a.Wait(), b.Wait()
	if errA != nil || errB != nil {
		t.Fatalf("helpers failed: %v %s / %v %s", errA, outA.String(), errB, outB.String())
	}
	got := loaded(t, path)
	if len(got) != 2*n+1 || got["BASE"] != "1" {
		t.Fatalf("got %d keys, want %d: updates were lost", len(got), 2*n+1)
	}
	for _, p := range []string{"ALPHA", "BRAVO"} {
		for i := 1; i <= n; i++ {
			if got[fmt.Sprintf("%s_%d", p, i)] != "v" {
				t.Errorf("%s_%d lost", p, i)
			}
		}
	}
	if !strings.HasPrefix(readFile(t, path), "# shared\nBASE=1\n") {
		t.Error("original lines not kept")
	}
}
