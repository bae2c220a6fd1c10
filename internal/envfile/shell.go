package envfile

// ShellQuote quotes a path for a command a person will paste (chmod 600
// FILE), only when it needs quoting.
func ShellQuote(path string) string { return shellQuote(path) }
