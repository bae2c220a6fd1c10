package bench

import (
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTimeToFrameSeesOutputInATerminal(t *testing.T) {
	d, err := TimeToFrame(Program{Name: "echo", Argv: []string{"/bin/echo", "hello from a pty"}, Marker: "hello from a pty"}, Size{80, 24}, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if d <= 0 {
		t.Fatalf("duration %v", d)
	}
}

func TestTimeToFrameSetsTheWindowSize(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	// stty reads the size from its controlling terminal: the pty's.
	p := Program{Name: "stty", Argv: []string{sh, "-c", "echo size=$(stty size)."}, Marker: "size=60 200."}
	if _, err := TimeToFrame(p, Size{200, 60}, 5*time.Second); err != nil {
		t.Fatal(err)
	}
}

func TestTimeToFrameReportsAProgramThatNeverShowsTheMarker(t *testing.T) {
	_, err := TimeToFrame(Program{Name: "echo", Argv: []string{"/bin/echo", "something else"}, Marker: "welcome"}, Size{80, 24}, 5*time.Second)
	if err == nil || !strings.Contains(err.Error(), "exited before") || !strings.Contains(err.Error(), "something else") {
		t.Fatalf("err = %v, want an early exit with the last output", err)
	}
	start := time.Now()
	_, err = TimeToFrame(Program{Name: "sleep", Argv: []string{"/bin/sleep", "30"}, Marker: "welcome"}, Size{80, 24}, 200*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "within") {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Fatal("the hung program was not killed at the deadline")
	}
}

// TestTimeToFrameOfTheMinimalProgram runs the floor program for real: a
// bubbletea renderer, raw mode, alternate output sequences and all.
func TestTimeToFrameOfTheMinimalProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	bin := filepath.Join(t.TempDir(), "minimal")
	if out, err := exec.Command("go", "build", "-o", bin, "./minimal").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	p := Program{Name: "minimal", Argv: []string{bin}, Marker: MinimalLine, Env: []string{"TERM=xterm-256color"}}
	if _, err := TimeToFrame(p, Size{80, 24}, 10*time.Second); err != nil {
		t.Fatal(err)
	}
}

func TestFirstFrameSeesSocketsAndChildrenHeldThen(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	script := fmt.Sprintf("exec 3<>/dev/tcp/127.0.0.1/%d; sleep 30 & echo ready; wait", port)
	f, err := FirstFrame(Program{Name: "busy", Argv: []string{bash, "-c", script}, Marker: "ready"}, Size{80, 24}, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if f.Sockets != 1 || f.Children != 1 {
		t.Fatalf("sockets %d, children %d at the first frame; want 1 and 1", f.Sockets, f.Children)
	}
	quiet, err := FirstFrame(Program{Name: "echo", Argv: []string{"/bin/echo", "ready"}, Marker: "ready"}, Size{80, 24}, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if quiet.Sockets != 0 || quiet.Children != 0 {
		t.Fatalf("echo held %d sockets and %d children", quiet.Sockets, quiet.Children)
	}
}
