package check

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/framework"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// project is what check knows of the project beyond the .env: its team
// file (what is required) and its framework (what would shadow the .env).
type project struct {
	root string
	team *teamfile.File
	fw   *framework.Framework
}

// findProject reads the team file and package.json at the root of the
// .env's repository (or beside the .env). A broken team file is a failed
// check: it is the team's truth, and a teammate's run would stop on it too.
func findProject(ctx context.Context, envPath string, known []providers.Provider, out *outcome) project {
	pr := project{root: filepath.Dir(envPath)}
	if r, ok, err := envfile.GitRoot(ctx, pr.root); err == nil && ok {
		pr.root = r
	}
	team, err := teamfile.Read(teamfile.Path(pr.root), known)
	if err != nil {
		out.add(providers.Result{Provider: providers.Env, Name: teamfile.Name, Status: providers.Fail, Detail: err.Error(),
			Hint: "Fix the field named (the JSON Schema is at " + teamfile.SchemaURL + "), or delete the file and run onboard to write it again."})
	} else if team != nil {
		out.add(providers.Result{Provider: providers.Env, Name: teamfile.Name, Status: providers.Pass,
			Detail: "team setup: " + providers.Count(len(team.Variables.Required), "required variable", "required variables") + "."})
		pr.team = team
	}
	if pkg, err := envfile.ReadProjectFile(filepath.Join(pr.root, "package.json")); err == nil && pkg != nil {
		if fw, ok := framework.Detect(pkg); ok {
			pr.fw = &fw
		}
	}
	if pr.team != nil && pr.team.Framework != "" {
		if fw, ok := framework.ByID(pr.team.Framework); ok {
			pr.fw = &fw
		}
	}
	return pr
}

// withNames reads a value the app keeps under its framework's public name
// (NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY) as the provider's variable.
func (pr project) withNames(values providers.Values) {
	if pr.team == nil {
		return
	}
	for k, n := range pr.team.Names {
		if values[k] == "" && values[n] != "" {
			values[k] = values[n]
		}
	}
}

// required reports whether a teammate must set the field: what the team
// file says when there is one; the provider's own rule otherwise.
func (pr project) required(f providers.Field) bool {
	if pr.team != nil {
		return containsString(pr.team.Variables.Required, f.Key)
	}
	return f.Required
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// shadowed warns about the variables the framework's files of higher
// precedence (.env.local…) define too: the app reads those values, not
// the .env's.
func (pr project) shadowed(envPath string, values providers.Values) []providers.Result {
	if pr.fw == nil {
		return nil
	}
	var rs []providers.Result
	for _, name := range pr.fw.Shadows {
		p := filepath.Join(filepath.Dir(envPath), name)
		if p == envPath {
			continue
		}
		doc, err := envfile.Read(p)
		if err != nil || !doc.Exists() {
			continue
		}
		for _, k := range doc.Keys() {
			if _, ours := values[k]; ours {
				rs = append(rs, providers.Result{Provider: providers.Env, Name: "shadowed " + k, Status: providers.Warn,
					Detail: fmt.Sprintf("%s also defines %s, and %s reads it before .env.", name, k, pr.fw.Name),
					Hint:   "Remove it from " + name + " (or make both the same) so the app uses the value checked here."})
			}
		}
	}
	return rs
}

// publicSecrets fails every variable whose name a framework hands to
// browser code (NEXT_PUBLIC_…) and whose value is a secret: it would be
// shipped to every visitor.
func publicSecrets(values providers.Values, known []providers.Provider) []providers.Result {
	var keys []string
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var rs []providers.Result
	for _, k := range keys {
		if prefix := framework.PublicPrefixOf(k); prefix != "" && providers.LooksSecret(known, values[k]) {
			rs = append(rs, providers.Result{Provider: providers.Env, Name: "public " + k, Status: providers.Fail,
				Detail: k + " holds a secret, and frameworks hand variables named " + prefix + "… to browser code: every visitor could read it.",
				Hint:   "Rename it without the public prefix, read it only in server code, and rotate the key: it may have been shipped already."})
		}
	}
	return rs
}
