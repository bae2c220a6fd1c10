package plaid

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// A server that quotes the credentials it was sent, in any field of Plaid's
// error object and in any form, has them masked in every result, reported
// and returned, whichever call it answers.
func TestServerEchoIsRedacted(t *testing.T) {
	escaped := func(s string) string { // every character as a JSON \u escape, as the body carries it
		var b strings.Builder
		for _, c := range []byte(s) {
			fmt.Fprintf(&b, `\u%04x`, c)
		}
		return b.String()
	}
	body := func(s string) string {
		b64 := base64.URLEncoding.EncodeToString([]byte("id:" + s))
		return fmt.Sprintf(`{"error_type":"INVALID_INPUT","error_code":"INVALID_API_KEYS",`+
			`"error_message":"invalid secret %s provided","display_message":"secret %s",`+
			`"request_id":"%s","documentation_url":"https://plaid.com/docs/errors/?secret=%s",`+
			`"suggested_action":"Send %s again (auth %s)","causes":[{"error_message":"%s"}]}`,
			s, escaped(s), s[4:20], url.QueryEscape(s), strings.Join(strings.Split(s, ""), " "), b64, s)
	}
	for _, path := range []string{pathLookup, pathCreate, pathExchange, pathRemove, pathLink} {
		for _, sec := range []string{goodSecret, goodID} {
			for _, status := range []int{400, 500} {
				srv, _ := startSim(t, sandbox.Options{Faults: []sandbox.Fault{{Path: path, Status: status, Body: body(sec)}}})
				p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP(0)})
				res, ev := verify(t, p, sandboxValues())
				out, _ := json.Marshal(append(res, ev.list...))
				leakcheck.AssertNoLeak(t, fmt.Sprintf("%s %d", path, status), out, goodSecret, goodID)
			}
		}
	}
}
