package teamfile_test

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// onboard.json comes with the clone. A key of it that holds terminal
// controls is quoted raw in the error the wizard and onboard check show.
func TestReviewErrorDoesNotCarryTerminalControls(t *testing.T) {
	ps := []providers.Provider{stripe.New(providers.Config{})}
	raw := `{"version":1,"services":["stripe"],"settings":{"\u001b]0;PWNED\u0007\u001b[2K":"y"},"variables":{"required":[]}}`
	_, err := teamfile.Parse([]byte(raw), "onboard.json", ps)
	if err == nil {
		t.Fatal("accepted")
	}
	if strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Errorf("the error quotes the file's terminal controls raw: %q", err.Error())
	}
}
