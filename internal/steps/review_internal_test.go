package steps

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/scan"
)

type failingScan struct{ Store }

func (failingScan) ScanHistory(context.Context, string, []scan.Value) (*scan.Report, error) {
	return nil, errors.New("git failed")
}

// The git step's advice when the history cannot be searched names the
// root unquoted: "onboard scan --dir /work/my app says more." pastes as
// two arguments, and a $(...) in the folder's name runs.
func TestReviewScanAdviceQuotesTheRoot(t *testing.T) {
	root := "/work/my app $(touch PWNED)"
	r, _ := scanHistory(context.Background(), failingScan{}, root, ".env", nil)
	if !strings.Contains(r.Hint, "--dir '"+root+"'") {
		t.Errorf("hint: %s", r.Hint)
	}
}
