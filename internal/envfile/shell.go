package envfile

import "strings"

// ShellQuote quotes a path for a command a person will paste (chmod 600
// FILE), only when it needs quoting.
func ShellQuote(path string) string { return shellQuote(path) }

// UntrackCommand is the command a person pastes to stop git tracking the
// file at rel: the name is quoted for the shell, taken literally by git
// (a file called "*.env" must not untrack app.env), and after "--" when
// it starts with "-", so it is not taken for an option.
func UntrackCommand(rel string) string {
	arg := rel
	if strings.ContainsAny(rel, "*?[\\") || strings.HasPrefix(rel, ":") {
		arg = literal(rel)
	}
	cmd := "git rm --cached "
	if strings.HasPrefix(rel, "-") {
		cmd += "-- "
	}
	return cmd + shellQuote(arg)
}
