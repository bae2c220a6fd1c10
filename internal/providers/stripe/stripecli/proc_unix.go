//go:build unix

package stripecli

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
)

// ownGroup starts the CLI in a process group of its own and makes a cancel
// (timeout or caller) kill that whole group, so nothing the CLI started is
// left running either. Its own group also keeps the terminal's Ctrl+C from
// reaching it directly: the wizard sees the key and cancels.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		// The leader has not been waited for yet (exec calls Cancel
		// before Wait returns), so its pid still names this group.
		err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		if errors.Is(err, syscall.ESRCH) {
			return os.ErrProcessDone
		}
		return err
	}
}
