package bench

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// Size is a terminal's size in cells.
type Size struct{ Cols, Rows int }

func (s Size) String() string { return fmt.Sprintf("%dx%d", s.Cols, s.Rows) }

// openPTY returns a new pseudo-terminal pair of the given size. The master
// is opened through os.OpenFile, so reads honour deadlines (the runtime
// poller handles pty masters). It uses the Linux ioctls directly rather than
// a dependency: unlock, ask the slave's number, open it.
func openPTY(size Size) (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("open /dev/ptmx: %w", err)
	}
	fail := func(err error) (*os.File, *os.File, error) {
		master.Close()
		return nil, nil, err
	}
	raw, err := master.SyscallConn()
	if err != nil {
		return fail(err)
	}
	var n uint32
	var ioErr error
	if err := raw.Control(func(fd uintptr) {
		if ioErr = unix.IoctlSetPointerInt(int(fd), unix.TIOCSPTLCK, 0); ioErr != nil {
			ioErr = fmt.Errorf("unlock pty: %w", ioErr)
			return
		}
		if n, ioErr = unix.IoctlGetUint32(int(fd), unix.TIOCGPTN); ioErr != nil {
			ioErr = fmt.Errorf("pty number: %w", ioErr)
		}
	}); err != nil {
		return fail(err)
	}
	if ioErr != nil {
		return fail(ioErr)
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return fail(fmt.Errorf("open pty slave: %w", err))
	}
	ws := &unix.Winsize{Col: uint16(size.Cols), Row: uint16(size.Rows)}
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, ws); err != nil {
		slave.Close()
		return fail(fmt.Errorf("set window size: %w", err))
	}
	return master, slave, nil
}

// startInPTY starts cmd with slave as its controlling terminal and
// standard streams, in a session of its own. It closes slave: the child holds
// its own copy.
func startInPTY(cmd *exec.Cmd, slave *os.File) error {
	defer slave.Close()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setsid = true
	cmd.SysProcAttr.Setctty = true
	cmd.SysProcAttr.Ctty = 0 // the child's stdin
	return cmd.Start()
}
