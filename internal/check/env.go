package check

import (
	"context"
	"fmt"
	"io/fs"
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
		out.add(providers.Result{Provider: providers.Env, Name: "read", Status: providers.Fail,
			Detail: fmt.Sprintf("%s could not be read: %v", path, err),
			Hint:   "Check the file's permissions and that it is a regular file."})
		return nil, false
	}
	if !doc.Exists() {
		out.add(providers.Result{Provider: providers.Env, Name: "read", Status: providers.Fail,
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
	out.add(providers.Result{Provider: providers.Env, Name: "read", Status: providers.Pass,
		Detail: providers.Count(len(values), "variable", "variables") + "."})
	out.add(permissions(path, doc.Mode()))
	return values, true
}

// permissions fails a .env that other users of the machine can read or
// change: its keys are only as private as its mode. For a symlink the
// target's mode counts (chmod changes the target too), and the fix names it.
func permissions(path string, mode fs.FileMode) providers.Result {
	r := providers.Result{Provider: providers.Env, Name: "permissions"}
	perm := mode.Perm()
	if perm&0o077 == 0 {
		r.Status, r.Detail = providers.Pass, fmt.Sprintf("Only you can read it (mode %04o).", perm)
		return r
	}
	file := "The file"
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil && t != path {
		file, target = "It links to "+t+", which", t
	}
	var can string
	switch read, write := perm&0o044 != 0, perm&0o022 != 0; {
	case read && write:
		can = "read and change"
	case read:
		can = "read"
	case write:
		can = "change"
	default:
		can = "open" // execute or search bits only
	}
	r.Status = providers.Fail
	r.Detail = fmt.Sprintf("%s has mode %04o: other users of this machine can %s it, keys included.", file, perm, can)
	r.Hint = "Run `chmod 600 " + envfile.ShellQuote(target) + "` so only you can read and change it."
	return r
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
		rs = append(rs, providers.Result{Provider: providers.Env, Name: "shell " + k, Status: providers.Warn,
			Detail: detail, Hint: "Run `unset " + k + "` (and remove it from your shell profile) so the .env is what your app reads."})
	}
	return rs
}
