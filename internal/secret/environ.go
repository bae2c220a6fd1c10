package secret

import (
	"net/url"
	"strings"
)

// InEnvironment returns the values of environ ("NAME=value" entries, as
// os.Environ gives them) that look like credentials, for a Redactor over
// what a program said while it could read them (its environment, or a
// configuration file holding the same): the value of a variable whose name
// says it holds a secret (PLAID_SECRET, AWS_SECRET_ACCESS_KEY,
// GITHUB_TOKEN, DB_PASSWORD, OPENAI_API_KEY), the password of a URL in
// any variable (a proxy or database URL with user:password@), and a value
// shaped like a random key whatever its name. A few values that are no
// secret (a socket path named …_AUTH_SOCK) may be among them: redacting
// one costs a masked word in a message, missing a secret costs the secret.
func InEnvironment(environ []string) []string {
	var out []string
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || len(value) < MinRedacted {
			continue
		}
		if secretName(name) || keyShaped(value) {
			out = append(out, value)
		}
		if u, err := url.Parse(value); err == nil && u.User != nil {
			if pw, set := u.User.Password(); set {
				out = append(out, pw)
			}
		}
	}
	return out
}

// secretWords are the words of a variable's name (split at anything but
// a letter or digit) that say it holds a secret.
var secretWords = map[string]bool{
	"SECRET": true, "SECRETS": true, "TOKEN": true, "TOKENS": true,
	"PASSWORD": true, "PASSWORDS": true, "PASSWD": true, "PASS": true, "PASSPHRASE": true, "PWD": true,
	"KEY": true, "KEYS": true, "APIKEY": true, "CREDENTIAL": true, "CREDENTIALS": true, "CREDS": true,
	"AUTH": true, "PRIVATE": true, "COOKIE": true,
}

// secretParts say so inside a longer word too (MYSECRET, GHTOKEN).
var secretParts = []string{"SECRET", "TOKEN", "PASSWORD", "PASSWD", "APIKEY", "CREDENTIAL"}

func secretName(name string) bool {
	upper := strings.ToUpper(name)
	if upper == "PWD" || upper == "OLDPWD" {
		return false // the shell's working directories
	}
	for _, w := range strings.FieldsFunc(upper, func(r rune) bool { return !isAlnumRune(r) }) {
		if secretWords[w] {
			return true
		}
	}
	for _, p := range secretParts {
		if strings.Contains(upper, p) {
			return true
		}
	}
	return false
}

// keyShaped: one run of 20 or more key characters (letters, digits and
// + / = _ . ~ -) mixing upper case, lower case and digits, as random keys
// and base64 do; or 24 or more hex digits with both digits and letters.
// An absolute path (which can mix all three) is not taken.
func keyShaped(v string) bool {
	if strings.HasPrefix(v, "/") {
		return false
	}
	var upper, lower, digit bool
	hex := true
	for _, r := range v {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
			hex = hex && r <= 'F'
		case r >= 'a' && r <= 'z':
			lower = true
			hex = hex && r <= 'f'
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune("+/=_.~-", r):
			hex = false
		default:
			return false
		}
	}
	switch {
	case hex && len(v) >= 24:
		return digit && (upper || lower)
	case len(v) >= 20:
		return upper && lower && digit
	}
	return false
}

func isAlnumRune(r rune) bool {
	return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
}
