//go:build !unix

package gitsafe

import "os"

// interrupt stops p; without signals, killing is the only way.
func interrupt(p *os.Process) error { return p.Kill() }
