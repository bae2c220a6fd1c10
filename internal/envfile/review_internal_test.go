package envfile

import (
	"strings"
	"testing"
)

// The same advice from envfile's git calls (onboard check, the wizard's
// git step).
func TestReviewDubiousOwnershipAdviceIsQuoted(t *testing.T) {
	dir := "/tmp/shared/proj $(touch /tmp/PWNED)"
	r := gitResult{code: 128, stderr: "fatal: detected dubious ownership in repository at '" + dir + "'\n"}
	if msg := r.failure(dir).Error(); !strings.Contains(msg, "safe.directory '"+dir+"'") {
		t.Errorf("the command to paste runs the folder name's $(...): %s", msg)
	}
}
