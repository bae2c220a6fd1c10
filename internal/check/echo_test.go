package check

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/onboard-dev/onboard/internal/exit"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// The secrets of demoEnv that no output may show.
var demoSecrets = []string{sandbox.DemoPlaidSecret, sandbox.DemoStripeSecretKey, sandbox.DemoStripeWebhookSecret}

// echoing quotes every secret in every form a server might: raw, with
// every character a JSON escape (as text), URL-escaped, base64 (as in a
// Basic auth header), split by spaces, and as a piece.
func echoing() string {
	var parts []string
	for _, s := range demoSecrets {
		var esc strings.Builder
		for _, c := range []byte(s) {
			fmt.Fprintf(&esc, `\u%04x`, c)
		}
		parts = append(parts, s, esc.String(), url.QueryEscape(s), base64.StdEncoding.EncodeToString([]byte("x:"+s)),
			strings.Join(strings.Split(s, ""), " "), s[2:16])
	}
	return strings.Join(parts, " | ")
}

// errorBody is an error object with one field replaced by the echo.
func errorBody(t *testing.T, fields map[string]any, field string, wrap bool) string {
	t.Helper()
	fields[field] = echoing()
	var v any = fields
	if wrap {
		v = map[string]any{"error": fields}
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Hostile servers quote the secrets they were sent in every field of their
// error objects; onboard check masks them all, in text and JSON.
func TestServerEchoNeverReachesTheOutput(t *testing.T) {
	for _, field := range []string{"error_message", "display_message", "request_id", "documentation_url", "suggested_action", "error_code", "causes"} {
		body := errorBody(t, map[string]any{"error_type": "INVALID_INPUT", "error_code": "SOME_NEW_CODE", "error_message": "x", "request_id": "r"}, field, false)
		for _, path := range []string{"/institutions/get_by_id", "/sandbox/public_token/create", "/item/public_token/exchange", "/item/remove", "/link/token/create"} {
			checkEcho(t, "plaid "+field+" at "+path, sandbox.Fault{Path: path, Status: 400, Body: body}, sandbox.Fault{})
		}
	}
	for _, field := range []string{"message", "code", "param", "doc_url", "request_id"} {
		body := errorBody(t, map[string]any{"type": "invalid_request_error", "message": "x"}, field, true)
		for _, path := range []string{"/v1/account", "/v1/tokens", "/v1/accounts"} {
			checkEcho(t, "stripe "+field+" at "+path, sandbox.Fault{}, sandbox.Fault{Path: path, Status: 401, Body: body})
		}
	}
}

func checkEcho(t *testing.T, name string, plaidFault, stripeFault sandbox.Fault) {
	t.Helper()
	opts := func(f sandbox.Fault) sandbox.Options {
		if f.Status == 0 {
			return sandbox.Options{}
		}
		return sandbox.Options{Faults: []sandbox.Fault{f}}
	}
	ps, _, err := plaidsim.Start(opts(plaidFault))
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	ss, _, err := stripesim.Start(opts(stripeFault))
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".env"), demoEnv())
	outs := map[string][]byte{}
	for _, asJSON := range []bool{false, true} {
		r := run(t, Options{Dir: dir, JSON: asJSON, URLs: urls(ps.URL, ss.URL)})
		if r.code != exit.Failed {
			t.Errorf("%s: exit %d, want 1 (the answer was an error)", name, r.code)
		}
		outs[fmt.Sprintf("%s json=%v stdout", name, asJSON)] = []byte(r.stdout)
		outs[fmt.Sprintf("%s json=%v stderr", name, asJSON)] = []byte(r.stderr)
	}
	leakcheck.AssertNone(t, outs, demoSecrets)
}
