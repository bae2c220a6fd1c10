package scan

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/secret"
)

// EnvironmentSource is Value.Source for a value from the process
// environment.
const EnvironmentSource = "environment"

// ProjectValues collects the known keys of the project around dir: the
// variables of EnvNames in the .env at the git root of dir (read with
// envfile, so with godotenv's rules), then the same variables in environ
// (os.Environ() form). The returned path is the .env that was looked at.
// A missing .env is no error; an unreadable or unparsable one is returned
// as err together with the environment's values, so the caller can say so
// and scan on.
func ProjectValues(ctx context.Context, dir string, environ []string) (values []Value, envPath string, err error) {
	if dir == "" {
		dir = "."
	}
	abs, aerr := filepath.Abs(dir)
	if aerr != nil {
		abs = dir
	}
	envPath = filepath.Join(abs, ".env")
	if root, ok, gerr := envfile.GitRoot(ctx, abs); gerr == nil && ok {
		envPath = filepath.Join(root, ".env")
	}
	doc, err := envfile.Read(envPath)
	if err == nil && doc.Exists() {
		values = Known(doc.Lookup, envPath)
	}
	for _, name := range EnvNames() {
		for _, kv := range environ {
			if v, ok := strings.CutPrefix(kv, name+"="); ok && strings.TrimSpace(v) != "" {
				values = append(values, Value{Name: name, Source: EnvironmentSource, Value: secret.Secret(strings.TrimSpace(v))})
			}
		}
	}
	return values, envPath, err
}

// Known are the values of EnvNames that lookup holds (a .env, the answers
// of the wizard), as Values read from source.
func Known(lookup func(name string) (string, bool), source string) []Value {
	var values []Value
	for _, name := range EnvNames() {
		if v, ok := lookup(name); ok && strings.TrimSpace(v) != "" {
			values = append(values, Value{Name: name, Source: source, Value: secret.Secret(strings.TrimSpace(v))})
		}
	}
	return values
}

// FromValues are the values of EnvNames in values (the answers of the
// wizard, a parsed .env), as read from source.
func FromValues(values map[string]string, source string) []Value {
	return Known(func(k string) (string, bool) { v, ok := values[k]; return v, ok }, source)
}

// providerOf names the provider of a known variable by its prefix.
func providerOf(name string) string {
	switch {
	case strings.HasPrefix(name, "PLAID_"):
		return "Plaid"
	case strings.HasPrefix(name, "STRIPE_"):
		return "Stripe"
	}
	return ""
}
