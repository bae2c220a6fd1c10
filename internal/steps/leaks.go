package steps

import (
	"context"
	"fmt"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/scan"
	"github.com/onboard-dev/onboard/internal/termsafe"
)

// CheckLeaks is the git step's search of the whole history (onboard scan)
// for the keys in play and anything shaped like a key.
const CheckLeaks = "keys in the history"

// scanHistory searches the repository at root for the keys the answers
// hold, and for key-shaped values. It returns the result line and the keys
// in play it found.
func scanHistory(ctx context.Context, store Store, root, source string, values providers.Values) (providers.Result, []scan.Key) {
	rep, err := store.ScanHistory(ctx, root, scan.FromValues(values, source))
	if err != nil {
		return gitResult(CheckLeaks, providers.Warn, "The history could not be searched: "+err.Error(),
			"onboard scan --dir "+envfile.ShellQuote(root)+" says more."), nil
	}
	var inPlay []scan.Key
	others := 0
	for _, k := range rep.Keys() {
		if k.EnvVar != "" && k.Committed() {
			inPlay = append(inPlay, k)
		} else if k.Committed() {
			others++
		}
	}
	switch {
	case len(inPlay) > 0:
		k := inPlay[0]
		detail := leakText(k)
		if len(inPlay) > 1 {
			detail += fmt.Sprintf("; %s more of your keys too", providers.Count(len(inPlay)-1, "key", "keys"))
		}
		return gitResult(CheckLeaks, providers.Warn, detail,
			"Every clone holds it: rotate it ("+rotateAt(k)+") and enter the new key when asked. onboard scan lists every place."), inPlay
	case others > 0:
		return gitResult(CheckLeaks, providers.Warn,
			fmt.Sprintf("%s shaped like Stripe or Plaid keys %s in the history (not the ones in this .env).", providers.Count(others, "value", "values"), isAre(others)),
			"onboard scan lists them, with where to rotate each."), nil
	case rep.Shallow:
		return gitResult(CheckLeaks, providers.Pass, "No Stripe or Plaid key in this clone's history (it is shallow: older commits were not searched).", ""), nil
	}
	return gitResult(CheckLeaks, providers.Pass, fmt.Sprintf("No Stripe or Plaid key in %s.", providers.Count(rep.Stats.Commits, "commit", "commits")), ""), nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// leakText says where a key in play was committed, masked: "STRIPE_SECRET_KEY
// (sk_test_…4242) is in commit 1a2b3c4 (src/config.js, 2023-04-02)".
func leakText(k scan.Key) string {
	place := k.Places[0]
	for _, p := range k.Places {
		if p.Committed() {
			place = p
			break
		}
	}
	where := termsafe.Quote(place.Path) // the repository's name for it
	if !place.Date.IsZero() {
		where += ", " + place.Date.Format("2006-01-02")
	}
	at := "commit " + place.Commit
	if place.Commit == "" {
		at = "a ref"
	}
	return fmt.Sprintf("%s (%s) is in %s (%s)", k.EnvVar, k.Masked, at, where)
}

func rotateAt(k scan.Key) string {
	if url := k.Kind.Info().Rotate; url != "" {
		return url
	}
	return "in the provider's dashboard"
}

// leakWarnings are the keys found in the history that the answers still
// hold: once the person enters a new key, its warning goes.
func leakWarnings(s *Session) []string {
	var out []string
	for _, k := range s.Leaks {
		if v := providers.Normalize(s.Values[k.EnvVar]); v != "" && scan.Fingerprint(v) == k.Fingerprint {
			out = append(out, leakText(k)+": rotate it ("+rotateAt(k)+") and put the new key in the .env.")
		}
	}
	return out
}
