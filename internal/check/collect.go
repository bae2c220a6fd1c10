package check

import (
	"context"
	"path/filepath"
	"slices"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/readiness"
)

// Provider names used for the results onboard produces itself.
const (
	groupEnv = "env"
	groupGit = "git"
)

// outcome is everything one run found.
type outcome struct {
	envPath string
	results []providers.Result
	names   map[string]string // provider id → name for headings
	// interrupted: the run was cancelled before every check finished.
	interrupted bool
}

func (o *outcome) add(rs ...providers.Result) { o.results = append(o.results, rs...) }

// collect runs every check. It never stops early on a failure except when
// there is no .env to read: each finding is worth reporting on its own.
func collect(ctx context.Context, opts Options) *outcome {
	out := &outcome{names: map[string]string{groupEnv: "Environment file", groupGit: "Git protection", readiness.ProviderName: "Production readiness"}}
	path := envPath(ctx, opts)
	out.envPath = path
	values, ok := readEnv(path, out)
	if !ok {
		return out
	}
	out.add(shellOverrides(values, opts.LookupEnv)...)

	used := usedProviders(values, opts)
	if len(used) == 0 {
		out.add(providers.Result{Provider: groupEnv, Name: "provider keys", Status: providers.Fail,
			Detail: "No Plaid or Stripe key in " + filepath.Base(path) + ".",
			Hint:   "Run onboard to add keys, or point --env-file at the right file."})
	}
	byProvider := map[string][]providers.Result{}
	var verifiable []providers.Provider
	for _, p := range used {
		out.names[p.ID()] = p.Name()
		rs := formatResults(p, values)
		byProvider[p.ID()] = rs
		if hasFailure(rs) || blockedBy(p.ID(), byProvider) {
			rs = append(rs, providers.Result{Provider: p.ID(), Name: "live verification", Status: providers.Skip,
				Detail: "Not run: fix the format problems above first, so no malformed key is sent."})
			byProvider[p.ID()] = rs
			continue
		}
		verifiable = append(verifiable, p)
	}
	// git is asked while the services answer: both are mostly waiting.
	gitOut := &outcome{}
	gitDone := make(chan readiness.GitFacts, 1)
	go func() { gitDone <- gitCheck(ctx, path, gitOut) }()
	for id, rs := range verifyAll(ctx, verifiable, values) {
		byProvider[id] = append(byProvider[id], withoutRestatedFormat(rs)...)
	}
	for _, p := range used {
		out.add(byProvider[p.ID()]...)
	}
	facts := <-gitDone
	out.add(gitOut.results...)
	// An interrupted run proves nothing; its report would overwrite the
	// last real one.
	if opts.Production && ctx.Err() == nil {
		productionReadiness(opts, path, values, used, byProvider, facts, out)
	}
	return out
}

// usedProviders are those whose keys the file holds, in a fixed order.
func usedProviders(v providers.Values, opts Options) []providers.Provider {
	var used []providers.Provider
	if v[plaid.KeyClientID] != "" || v[plaid.KeySecret] != "" {
		used = append(used, plaid.New(plaid.Config{BaseURL: opts.PlaidURL, HTTP: opts.HTTP}))
	}
	connect := v[stripe.EnvConnectAccountType] != "" || v[stripe.EnvClientID] != ""
	// Connect's checks run with the Stripe secret key, so a Connect setup
	// brings the Stripe checks along (a missing key then fails there).
	if v[stripe.EnvSecretKey] != "" || connect {
		used = append(used, stripe.New(stripe.Config{BaseURL: opts.StripeURL, HTTP: opts.HTTP}))
	}
	if connect {
		used = append(used, stripe.NewConnect(stripe.Config{BaseURL: opts.StripeURL, HTTP: opts.HTTP}))
	}
	return used
}

func hasFailure(rs []providers.Result) bool {
	for _, r := range rs {
		if r.Status == providers.Fail {
			return true
		}
	}
	return false
}

// requires lists the providers whose keys another one's checks use: Connect
// calls Stripe with the Stripe secret key.
var requires = map[string][]string{"connect": {"stripe"}}

// blockedBy reports whether a provider this one relies on has a format
// failure (its results come earlier in the fixed order).
func blockedBy(id string, byProvider map[string][]providers.Result) bool {
	for _, dep := range requires[id] {
		if hasFailure(byProvider[dep]) {
			return true
		}
	}
	return false
}

// withoutRestatedFormat drops Plaid's "keys format" summary unless it
// failed: the wizard shows it on the verification screen, but the report
// has just printed a line per field saying the same. (Stripe's format
// results stay: they say how to prove what no API can check.)
func withoutRestatedFormat(rs []providers.Result) []providers.Result {
	return slices.DeleteFunc(rs, func(r providers.Result) bool {
		return r.Provider == "plaid" && r.Name == plaid.CheckKeysFormat && r.Status != providers.Fail
	})
}
