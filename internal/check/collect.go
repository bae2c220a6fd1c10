package check

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/registry"
)

// outcome is everything one run found.
type outcome struct {
	envPath string
	results []providers.Result
	names   map[providers.ID]string // provider id → name for headings
	// interrupted: the run was cancelled before every check finished.
	interrupted bool
}

func (o *outcome) add(rs ...providers.Result) { o.results = append(o.results, rs...) }

// collect runs every check. It never stops early on a failure except when
// there is no .env to read: each finding is worth reporting on its own.
func collect(ctx context.Context, opts Options) *outcome {
	out := &outcome{names: map[providers.ID]string{providers.Env: "Environment file", providers.Git: "Git protection", providers.Readiness: "Production readiness"}}
	path := envPath(ctx, opts)
	out.envPath = path
	values, ok := readEnv(path, out)
	if !ok {
		return out
	}
	known := registry.Build(opts.Registry, opts.config(), opts.URLs)
	pr := findProject(ctx, path, known, out)
	pr.withNames(values)
	out.add(shellOverrides(values, opts.LookupEnv)...)
	out.add(pr.shadowed(path, values)...)
	out.add(publicSecrets(values, known)...)

	used := usedProviders(values, opts, pr)
	if len(used) == 0 {
		out.add(providers.Result{Provider: providers.Env, Name: "provider keys", Status: providers.Fail,
			Detail: "No key of " + serviceNames(opts.Registry) + " in " + filepath.Base(path) + ".",
			Hint:   "Run onboard to add keys, or point --env-file at the right file."})
	}
	byProvider := map[providers.ID][]providers.Result{}
	var verifiable []providers.Provider
	for _, p := range used {
		spec := p.Spec()
		out.names[spec.ID] = spec.Name
		rs := formatResults(p, values, pr)
		byProvider[spec.ID] = rs
		if hasFailure(rs) || blockedBy(spec, byProvider) {
			rs = append(rs, providers.Result{Provider: spec.ID, Name: "live verification", Status: providers.Skip,
				Detail: "Not run: fix the format problems above first, so no malformed key is sent."})
			byProvider[spec.ID] = rs
			continue
		}
		verifiable = append(verifiable, p)
	}
	// git is asked while the services answer: both are mostly waiting.
	gitDone := make(chan gitFound, 1)
	go func() { gitDone <- gitCheck(ctx, path) }()
	prog := newProgress(opts.Progress, verifiable, values, time.Now)
	verified := verifyAll(ctx, verifiable, values, prog)
	prog.Close()
	for id, rs := range verified {
		byProvider[id] = append(byProvider[id], withoutRestatedFormat(rs)...)
	}
	for _, p := range used {
		out.add(byProvider[p.Spec().ID]...)
	}
	git := <-gitDone
	out.add(git.results...)
	// An interrupted run proves nothing; its report would overwrite the
	// last real one.
	if opts.Production && ctx.Err() == nil {
		productionReadiness(ctx, opts, path, values, used, byProvider, git, out)
	}
	return out
}

// usedProviders are those the file configures (each spec's Uses), with
// what they require (Connect's checks run with the Stripe secret key, so a
// Connect setup brings the Stripe checks along, and a missing key fails
// there), in the registry's order.
func usedProviders(v providers.Values, opts Options, pr project) []providers.Provider {
	want := map[providers.ID]bool{}
	for _, e := range opts.Registry {
		if e.Spec.Uses != nil && e.Spec.Uses(v) {
			want[e.Spec.ID] = true
		}
	}
	if pr.team != nil {
		// The team says what the project uses: a service it lists with no
		// key in the file is checked too, and fails for the missing keys.
		for _, id := range pr.team.Services {
			want[id] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range opts.Registry {
			if want[e.Spec.ID] {
				for _, r := range e.Spec.Requires {
					changed = changed || !want[r]
					want[r] = true
				}
			}
		}
	}
	var used []registry.Entry
	for _, e := range opts.Registry {
		if want[e.Spec.ID] {
			used = append(used, e)
		}
	}
	return registry.Build(used, opts.config(), opts.URLs)
}

// serviceNames names the services onboard knows, for a message.
func serviceNames(es []registry.Entry) string {
	var names []string
	for _, svc := range registry.Services(es) {
		names = append(names, svc.Name)
	}
	switch len(names) {
	case 0:
		return "any provider"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func hasFailure(rs []providers.Result) bool {
	for _, r := range rs {
		if r.Status == providers.Fail {
			return true
		}
	}
	return false
}

// blockedBy reports whether a provider this one relies on has a format
// failure (its results come earlier in the registry's order).
func blockedBy(spec *providers.Spec, byProvider map[providers.ID][]providers.Result) bool {
	for _, dep := range spec.Requires {
		if hasFailure(byProvider[dep]) {
			return true
		}
	}
	return false
}

// withoutRestatedFormat drops a provider's summary of the format checks
// (Result.Summary) unless it failed: the wizard shows it on the
// verification screen, but the report has just printed a line per field
// saying the same.
func withoutRestatedFormat(rs []providers.Result) []providers.Result {
	return slices.DeleteFunc(rs, func(r providers.Result) bool {
		return r.Summary && r.Status != providers.Fail
	})
}
