package envfile

import (
	"strings"
	"unicode/utf8"
)

// render returns the text to put after "KEY=" so that godotenv reads back
// exactly value, given the rest of the line (tail, e.g. " # note\n") that
// will follow it. Each candidate is proven by parsing the rendered line with
// godotenv; the first that round-trips wins, in order: plain (also literal
// for a shell), single quotes (literal in godotenv), double quotes with
// \n for line breaks and nothing else escaped, single quotes around line
// breaks, double quotes with escapes, raw unquoted. ok is false when none
// round-trips.
//
// A candidate that the other loaders (node --env-file, the npm dotenv
// package, python-dotenv: see loaders.go) also read back exactly is
// preferred over one only godotenv does; portable says whether the result
// is one. When no form is portable (python-dotenv expands ${NAME} in any
// quotes, Node deletes every CR), the godotenv form is written and
// LoaderNotes names the key.
func render(key, value, tail string) (text string, ok bool) {
	text, ok, _ = renderPortable(key, value, tail)
	return text, ok
}

func renderPortable(key, value, tail string) (text string, ok, portable bool) {
	for _, c := range candidates(value) {
		if !proves(key, c, value, tail) {
			continue
		}
		if agreesEverywhere(key, c, value, tail) {
			return c, true, true
		}
		if !ok {
			text, ok = c, true
		}
	}
	return text, ok, false
}

func candidates(value string) []string {
	var cs []string
	if isPlain(value) {
		cs = append(cs, value)
	}
	// A backslash before the closing quote is an escaped quote to
	// python-dotenv and the npm package, which then look for the value's end
	// on later lines: never put one there.
	openEnd := strings.HasSuffix(value, `\`)
	if !strings.ContainsAny(value, "'\n\r") && !openEnd {
		cs = append(cs, "'"+value+"'")
	}
	if strings.Contains(value, "\n") && !strings.ContainsAny(value, "\\\"\r") {
		cs = append(cs, `"`+strings.ReplaceAll(value, "\n", `\n`)+`"`)
	}
	if strings.Contains(value, "\n") && !strings.ContainsAny(value, "'\r") && !openEnd {
		cs = append(cs, "'"+value+"'")
	}
	cs = append(cs, doubleQuote(value))
	if !strings.ContainsAny(value, "$\n\r") {
		cs = append(cs, value)
	}
	return cs
}

// isPlain: characters that mean nothing special to godotenv or a shell.
func isPlain(v string) bool {
	if v == "" {
		return true
	}
	for _, r := range v {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("_./:@%+,=-", r):
		default:
			return false
		}
	}
	return true
}

// doubleQuote escapes what godotenv's double-quote rules would otherwise
// change: backslashes, quotes, '$' (variable expansion) and line breaks.
func doubleQuote(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '$':
			b.WriteString(`\$`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// proves parses the rendered line with the real godotenv. The tail may hold
// further statements (A="1" B=2); they must read the same as they do after
// an innocuous value, so the rendering cannot spill into them.
func proves(key, rendered, value, tail string) bool {
	if !strings.HasSuffix(tail, "\n") {
		tail += "\n"
	}
	m, err := godotenvParse([]byte(key + "=" + rendered + tail))
	if err != nil {
		return false
	}
	if got, ok := m[key]; !ok || got != value {
		return false
	}
	ref, err := godotenvParse([]byte(key + "=''" + tail))
	if err != nil || len(ref) != len(m) {
		return false
	}
	for k, v := range ref {
		if k != key && m[k] != v {
			return false
		}
	}
	return true
}

// agreesEverywhere is proves for the other loaders' models.
func agreesEverywhere(key, rendered, value, tail string) bool {
	if !strings.HasSuffix(tail, "\n") {
		tail += "\n"
	}
	line, ref := []byte(key+"="+rendered+tail), []byte(key+"=''"+tail)
	for _, l := range otherLoaders {
		m, ok := l.parse(line)
		if !ok || m[key] != value {
			return false
		}
		want, ok := l.parse(ref)
		if !ok || len(want) != len(m) {
			return false
		}
		for k, v := range want {
			if k != key && m[k] != v {
				return false
			}
		}
	}
	return true
}

// valueProblem explains why a value is refused before any rendering is tried.
func valueProblem(v string) string {
	switch {
	case strings.ContainsRune(v, 0):
		return "the value contains a NUL character, which no environment variable can hold"
	case !utf8.ValidString(v):
		return "the value is not valid UTF-8 text"
	}
	return ""
}
