package check

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
)

// envPath is the .env to check: --env-file as given, else .env at the git
// root of Dir, else .env in Dir.
func envPath(ctx context.Context, opts Options) string {
	if opts.EnvFile != "" {
		if p, err := filepath.Abs(opts.EnvFile); err == nil {
			return p
		}
		return opts.EnvFile
	}
	dir := opts.Dir
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if root, ok, err := envfile.GitRoot(ctx, dir); err == nil && ok {
		return filepath.Join(root, ".env")
	}
	return filepath.Join(dir, ".env")
}

// readEnv loads the file. A missing or unreadable file is a failed check,
// not a usage error: the command line was fine, the project is not.
func readEnv(path string, out *outcome) (providers.Values, bool) {
	doc, err := envfile.Read(path)
	if err != nil {
		out.add(providers.Result{Provider: groupEnv, Name: "read", Status: providers.Fail,
			Detail: fmt.Sprintf("%s could not be read: %v", path, err),
			Hint:   "Check the file's permissions and that it is a regular file."})
		return nil, false
	}
	if !doc.Exists() {
		out.add(providers.Result{Provider: groupEnv, Name: "read", Status: providers.Fail,
			Detail: "There is no " + path + ".",
			Hint:   "Run onboard to create it, or pass --env-file (or --dir) to check another file."})
		return nil, false
	}
	values := providers.Values{}
	for _, k := range doc.Keys() {
		if v, ok := doc.Lookup(k); ok {
			values[k] = v
		}
	}
	out.add(providers.Result{Provider: groupEnv, Name: "read", Status: providers.Pass,
		Detail: providers.Count(len(values), "variable", "variables") + "."})
	return values, true
}

// shellOverrides warns about variables exported in the shell under a .env
// name: dotenv loaders (godotenv, python-dotenv, dotenv for Node) keep the
// shell's value, so the app would not use what the file says.
func shellOverrides(values providers.Values, lookup func(string) (string, bool)) []providers.Result {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var rs []providers.Result
	for _, k := range keys {
		sh, ok := lookup(k)
		if !ok {
			continue
		}
		detail := k + " is also exported in your shell"
		if sh == values[k] {
			detail += " with the same value; a later edit of the file would not take effect."
		} else {
			detail += fmt.Sprintf(" (%s there, %s in the file); dotenv loaders keep the shell's value.", secret.Mask(sh), secret.Mask(values[k]))
		}
		rs = append(rs, providers.Result{Provider: groupEnv, Name: "shell " + k, Status: providers.Warn,
			Detail: detail, Hint: "Run `unset " + k + "` (and remove it from your shell profile) so the .env is what your app reads."})
	}
	return rs
}
