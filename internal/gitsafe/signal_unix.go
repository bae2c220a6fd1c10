//go:build unix

package gitsafe

import (
	"os"
	"syscall"
)

// interrupt asks p to stop (SIGTERM), as a person's Ctrl+C would.
func interrupt(p *os.Process) error { return p.Signal(syscall.SIGTERM) }
