package plaid

import (
	"errors"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers/apihttp"
)

func TestParseError(t *testing.T) {
	body := `{"error_type":"INVALID_INPUT","error_code":"INVALID_API_KEYS","error_message":"invalid client_id or secret provided","display_message":null,"request_id":"HNTDNrA8F1shFEW","documentation_url":"https://plaid.com/docs/errors/","suggested_action":null,"causes":[]}`
	err := parseError("sandbox.plaid.com", 400, []byte(body))
	var pe *Error
	if !errors.As(err, &pe) || pe.ErrorCode != "INVALID_API_KEYS" || pe.HTTPStatus != 400 || pe.DisplayMessage != nil {
		t.Fatalf("parsed %#v", err)
	}
	detail, hint := describe(err)
	if !strings.Contains(detail, "request_id HNTDNrA8F1shFEW") || hint != Hints[HintKey{"INVALID_INPUT", "INVALID_API_KEYS"}] {
		t.Fatalf("detail %q hint %q", detail, hint)
	}

	for body, kind := range map[string]string{
		"<html><body>502</body></html>": "an HTML page",
		"":                              "an empty body",
		`{"error_code":`:                "JSON that could not be read",
		"Service Unavailable":           "text that is not JSON",
		`{"message":"nope"}`:            "JSON that could not be read",
	} {
		err := parseError("sandbox.plaid.com", 502, []byte(body))
		detail, hint := describe(err)
		if !strings.Contains(detail, kind) || !strings.Contains(detail, "HTTP 502") || hint != badAnswerHint {
			t.Errorf("%q: detail %q hint %q", body, detail, hint)
		}
	}
}

func TestHintFallbacks(t *testing.T) {
	action := "Ask the user to log in again."
	cases := []struct {
		e    Error
		want string
	}{
		{Error{ErrorType: "API_ERROR", ErrorCode: "SOMETHING_NEW"}, Hints[HintKey{"API_ERROR", ""}]},
		{Error{ErrorType: "ITEM_ERROR", ErrorCode: "ITEM_LOGIN_REQUIRED", SuggestedAction: &action}, action},
		{Error{ErrorType: "ITEM_ERROR", ErrorCode: "X", DocumentationURL: "https://plaid.com/docs/errors/item/"}, "See https://plaid.com/docs/errors/item/"},
		{Error{ErrorType: "ITEM_ERROR", ErrorCode: "X"}, "See https://plaid.com/docs/errors/"},
	}
	for _, c := range cases {
		if got := c.e.Hint(); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: hint %q, want prefix %q", c.e.ErrorCode, got, c.want)
		}
	}
	for code, h := range Hints {
		if len(h) < 40 || strings.Contains(h, "TODO") {
			t.Errorf("%s: hint too thin: %q", code, h)
		}
	}
}

func TestTransportErrorsUseTheirHint(t *testing.T) {
	e := &apihttp.Error{Kind: apihttp.Refused, Host: "127.0.0.1:1", Msg: "127.0.0.1:1 refused the connection"}
	detail, hint := describe(e)
	if detail != e.Msg || hint != e.Hint() {
		t.Fatalf("detail %q hint %q", detail, hint)
	}
}
