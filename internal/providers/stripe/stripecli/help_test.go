package stripecli

import (
	"strings"
	"testing"
)

// The texts must keep saying what matters: whose secret this is, that it
// is not an endpoint's, where production's comes from, where the CLI is.
func TestHelpSaysWhatTheSecretIs(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"AskHelp", AskHelp}, {"ProductionHelp", ProductionHelp}, {"ForwardHint", ForwardHint}, {"InstallHint", InstallHint},
	} {
		var want []string
		switch c.name {
		case "AskHelp":
			want = []string{"account", "stripe listen", "not the signing secret of an endpoint"}
		case "ProductionHelp":
			want = []string{"Workbench → Webhooks", "event destination"}
		case "ForwardHint":
			want = []string{"--forward-to", "same account"}
		case "InstallHint":
			want = []string{"https://docs.stripe.com/stripe-cli", "brew install stripe/stripe-cli/stripe", "apt", "Scoop"}
		}
		for _, w := range want {
			if !strings.Contains(c.text, w) {
				t.Errorf("%s does not say %q", c.name, w)
			}
		}
	}
}
