//go:build !unix

package stripecli

import "os/exec"

// ownGroup leaves exec's default: a cancel kills the CLI's own process.
// (Process groups are a Unix notion.)
func ownGroup(*exec.Cmd) {}
