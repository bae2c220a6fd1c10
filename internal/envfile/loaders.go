package envfile

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Apps load the .env with other parsers than godotenv, and they disagree on
// the edges: escapes, '#', '$', blank-looking lines, line breaks. This file
// holds pure-Go models of the three that matter most next to godotenv, so
// that onboard can choose a form of each value that all of them read back
// the same (render) and can say where a user's own lines are read
// differently (LoaderNotes), without running Node or Python.
//
// Each model is held to the real loader on a corpus of hard files and on
// generated files by the tests in loaders_test.go (internal/envfile/loadertest
// runs the real programs).

// loaderModel is one other loader. parse returns what the loader would load
// from src with an empty environment; ok is false when the model does not
// cover src (then nothing is claimed about it).
type loaderModel struct {
	name  string // as shown to the user
	parse func(src []byte) (vars map[string]string, ok bool)
}

// otherLoaders are the loaders besides godotenv that the Done screen names
// or that most apps use.
var otherLoaders = []loaderModel{
	{name: "node --env-file", parse: nodeParse},
	{name: "dotenv (npm)", parse: npmParse},
	{name: "python-dotenv", parse: pythonParse},
}

// modelled reports whether every model covers src: valid UTF-8 without the
// Unicode line and paragraph separators, which JavaScript regexps treat as
// line breaks and Go's do not.
func modelled(src []byte) bool {
	return utf8.Valid(src) && !bytes.Contains(src, []byte("\u2028")) && !bytes.Contains(src, []byte("\u2029"))
}

// nodeParse models Node's built-in parser (node --env-file, process.loadEnvFile)
// as it is from Node 20.12 through the 20.x line (checked against 20.20):
// it deletes every CR, finds each name by searching for the next '=' (across
// line breaks), trims only spaces, skips a line only when it starts with a
// line break or '#', and keeps the last of duplicate names.
//
// The parser works on views into one buffer, and the model does too: Node's
// trim of a view that holds only spaces steps one byte back, before the view
// (so "  =x" on a line of its own sets a variable named "\n"), and the model
// reproduces that.
func nodeParse(src []byte) (map[string]string, bool) {
	if !modelled(src) {
		return nil, false
	}
	buf := strings.ReplaceAll(string(src), "\r", "")
	n := &nodeParser{buf: buf, out: map[string]string{}}
	n.lo, n.hi = nodeTrim(buf, 0, len(buf))
	for n.lo < n.hi {
		if n.skipLine() {
			continue
		}
		key, ok := n.key()
		if !ok {
			break
		}
		if n.lo >= n.hi {
			n.out[key] = ""
			break
		}
		if n.doubleQuoted(key) {
			continue // Node goes on from the next line without trimming
		}
		if q := n.buf[n.lo]; q == '\'' || q == '"' || q == '`' {
			n.quoted(key, q)
		} else {
			n.unquoted(key)
		}
		n.lo, n.hi = nodeTrim(n.buf, n.lo, n.hi)
	}
	return n.out, true
}

// nodeParser is the state of nodeParse: the view buf[lo:hi] still to read,
// and the variables read so far. Each step below is one branch of Node's
// loop, in its order.
type nodeParser struct {
	buf    string
	lo, hi int
	out    map[string]string
}

// index is the index in buf of the first c in [from, hi), or -1.
func (n *nodeParser) index(from int, c byte) int {
	if i := strings.IndexByte(n.buf[from:n.hi], c); i >= 0 {
		return from + i
	}
	return -1
}

// toLineBreak moves the view onto the first line break at or after from,
// or to its end when there is none.
func (n *nodeParser) toLineBreak(from int) {
	n.lo = n.hi
	if nl := n.index(from, '\n'); nl >= 0 {
		n.lo = nl
	}
}

// toNextLine moves the view just past the first line break at or after
// from, or to its end when there is none.
func (n *nodeParser) toNextLine(from int) {
	n.lo = n.hi
	if nl := n.index(from, '\n'); nl >= 0 {
		n.lo = nl + 1
	}
}

// skipLine skips a line that starts with a line break or '#', unless it is
// the last: then the search for '=' goes on through it.
func (n *nodeParser) skipLine() bool {
	if c := n.buf[n.lo]; c != '\n' && c != '#' {
		return false
	}
	nl := n.index(n.lo, '\n')
	if nl < 0 {
		return false
	}
	n.lo = nl + 1
	return true
}

// key reads the name up to the next '=', which may be lines further on,
// and moves the view past the '='. ok is false when there is no '=' or no
// name: Node stops there.
func (n *nodeParser) key() (key string, ok bool) {
	eq := n.index(n.lo, '=')
	if eq < 0 {
		return "", false
	}
	klo, khi := nodeTrim(n.buf, n.lo, eq)
	n.lo, n.hi = nodeTrim(n.buf, eq+1, n.hi)
	if klo >= khi {
		return "", false
	}
	return strings.TrimPrefix(n.buf[klo:khi], "export "), true
}

// doubleQuoted reads a value in double quotes that close, with \n
// expanded, and moves past the rest of its line. It reports false, and
// reads nothing, for any other value.
func (n *nodeParser) doubleQuoted(key string) bool {
	if n.buf[n.lo] != '"' {
		return false
	}
	end := n.index(n.lo+1, '"')
	if end < 0 {
		return false
	}
	n.out[key] = strings.ReplaceAll(n.buf[n.lo+1:end], `\n`, "\n")
	n.toNextLine(end + 1)
	return true
}

// quoted reads a value that starts with quote q, up to the next q, and
// moves to the line break after it. With no closing quote the value is the
// rest of the line, quote included; on the last line there is no value,
// and the search for '=' goes on from the quote.
func (n *nodeParser) quoted(key string, q byte) {
	end := n.index(n.lo+1, q)
	if end < 0 {
		if nl := n.index(n.lo, '\n'); nl >= 0 {
			n.out[key] = n.buf[n.lo:nl]
			n.lo = nl
		}
		return
	}
	n.out[key] = n.buf[n.lo+1 : end]
	n.toLineBreak(end + 1)
}

// unquoted reads a value up to the end of the line or a '#', trimmed of
// spaces, and moves to the line break.
func (n *nodeParser) unquoted(key string) {
	vhi, rest := n.hi, n.hi
	if nl := n.index(n.lo, '\n'); nl >= 0 {
		vhi, rest = nl, nl
	}
	if h := strings.IndexByte(n.buf[n.lo:vhi], '#'); h >= 0 {
		vhi = n.lo + h
	}
	vlo, vhi := nodeTrim(n.buf, n.lo, vhi)
	n.out[key] = n.buf[vlo:vhi]
	n.lo = rest
}

// nodeTrim is Node's trim_spaces on the view buf[lo:hi]: only ' ' is
// trimmed, and a view of spaces only ends up as the byte before it.
func nodeTrim(buf string, lo, hi int) (int, int) {
	if lo >= hi {
		return lo, lo
	}
	if buf[lo] == ' ' {
		i := lo
		for i < hi && buf[i] == ' ' {
			i++
		}
		if i == hi && lo > 0 {
			i = lo - 1 // remove_prefix(npos): the view moves back one byte
		}
		lo = i
	}
	if lo < hi && buf[hi-1] == ' ' {
		j := hi
		for j > lo && buf[j-1] == ' ' {
			j--
		}
		hi = j
	}
	return lo, hi
}

// jsSpace is JavaScript's \s (and what String.prototype.trim removes).
const jsSpace = `[\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]`

// npmLine is the LINE regexp of the dotenv npm package (v16 and v17), with
// JavaScript's \s and '.' spelled out for Go. Go's regexp picks the same
// match a backtracking engine would, so the port is exact for the input
// modelled covers.
var npmLine = regexp.MustCompile(strings.ReplaceAll(
	`(?m)^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*\x60(?:\\\x60|[^\x60])*\x60|[^#\r\n]+)?\s*(?:#.*)?$`,
	`\s`, jsSpace))

// npmParse models parse() of the dotenv npm package, which dotenv.config()
// applies to the file: line breaks normalized, each line matched by npmLine,
// quotes removed, \n and \r expanded in double quotes, no $ expansion.
func npmParse(src []byte) (map[string]string, bool) {
	if !modelled(src) {
		return nil, false
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n")
	out := map[string]string{}
	for _, m := range npmLine.FindAllStringSubmatchIndex(text, -1) {
		key := text[m[2]:m[3]]
		value := ""
		if m[4] >= 0 {
			value = text[m[4]:m[5]]
		}
		value = strings.TrimFunc(value, isJSSpace)
		quoted := value != "" && value[0] == '"'
		value = npmUnquote(value)
		if quoted {
			value = strings.ReplaceAll(strings.ReplaceAll(value, `\n`, "\n"), `\r`, "\r")
		}
		if key != "__proto__" { // assigning a string there is a no-op in JavaScript
			out[key] = value
		}
	}
	return out, true
}

func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// npmUnquote is value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2'): at each line
// start holding a quote, the longest stretch up to the same quote at a line
// end loses both quotes.
func npmUnquote(v string) string {
	var b strings.Builder
	for pos := 0; pos < len(v); {
		atLineStart := pos == 0 || v[pos-1] == '\n'
		if q := v[pos]; atLineStart && (q == '\'' || q == '"' || q == '`') {
			end := -1
			for j := len(v) - 1; j > pos; j-- {
				if v[j] == q && (j+1 == len(v) || v[j+1] == '\n') {
					end = j
					break
				}
			}
			if end > 0 {
				b.WriteString(v[pos+1 : end])
				pos = end + 1
				continue
			}
		}
		b.WriteByte(v[pos])
		pos++
	}
	return b.String()
}

// pyPatterns are python-dotenv's parser regexps (parser.py, unchanged from
// 0.19 through 1.2), with Python's Unicode \s spelled out.
const pySpace = `[\t\n\v\f\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]`
const pyBlank = `[\t\v\f\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]` // [^\S\r\n]

var (
	pyWhitespace    = regexp.MustCompile(`^` + pyBlank + `*`)
	pyExport        = regexp.MustCompile(`^(?:export` + pyBlank + `+)?`)
	pyUnquotedKey   = regexp.MustCompile(`^([^=#\t\n\v\f\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+)`)
	pyEqualSign     = regexp.MustCompile(`^=` + pyBlank + `*`)
	pyUnquotedValue = regexp.MustCompile(`^[^\r\n]*`)
	pyComment       = regexp.MustCompile(`^(?:` + pyBlank + `*#[^\r\n]*)?`)
	pyEndOfLine     = regexp.MustCompile(`^` + pyBlank + `*(?:\r\n|\n|\r|$)`)
	pyRestOfLine    = regexp.MustCompile(`^[^\r\n]*(?:\r|\n|\r\n)?`)
	pyInlineComment = regexp.MustCompile(pySpace + `+#.*`) // re.sub(r"\s+#.*", "")
	pyPosixVariable = regexp.MustCompile(`\$\{([^}:]*)(?::-([^}]*))?\}`)
)

// pythonParse models dotenv_values() of python-dotenv (what load_dotenv
// loads), with interpolation on and an empty environment. Python opens the
// file as UTF-8 text with universal newlines, so CRLF and lone CR are line
// breaks and a byte order mark is read as a character.
func pythonParse(src []byte) (map[string]string, bool) {
	if !modelled(src) {
		return nil, false
	}
	s := strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n")
	return pyResolve(pyParseStream(s)), true
}

// pyAssignment is one binding python-dotenv read: value is nil for a name
// without '=' (which dotenv_values holds as None).
type pyAssignment struct {
	key   string
	value *string
}

// pyParseStream is parse_stream: the bindings of s in file order.
func pyParseStream(s string) []pyAssignment {
	var bindings []pyAssignment
	pos := 0
	// match runs a regexp that cannot leave the current line on that line
	// only: Go's regexp works in time linear in the text it is given.
	match := func(re *regexp.Regexp) ([]string, bool) {
		end := len(s)
		if nl := strings.IndexByte(s[pos:], '\n'); nl >= 0 {
			end = pos + nl + 1
		}
		m := re.FindStringSubmatchIndex(s[pos:end])
		if m == nil {
			return nil, false
		}
		groups := make([]string, len(m)/2)
		for i := range groups {
			if m[2*i] >= 0 {
				groups[i] = s[pos+m[2*i] : pos+m[2*i+1]]
			}
		}
		pos += m[1]
		return groups, true
	}
	for pos = pySkipSpace(s, pos); pos < len(s); pos = pySkipSpace(s, pos) {
		key, value, ok := pyBinding(s, &pos, match)
		if !ok {
			// python-dotenv skips the rest of the line from where it failed.
			match(pyRestOfLine)
			continue
		}
		if key != nil {
			bindings = append(bindings, pyAssignment{*key, value})
		}
	}
	return bindings
}

// pySkipSpace is _multiline_whitespace (\s*): the offset of the first
// rune at or after pos that is not white space.
func pySkipSpace(s string, pos int) int {
	for pos < len(s) {
		r, w := utf8.DecodeRuneInString(s[pos:])
		if !isPySpace(r) {
			break
		}
		pos += w
	}
	return pos
}

// pyResolve is resolve_variables with override=True: ${NAME} and
// ${NAME:-default} from the values so far (the environment is empty).
func pyResolve(bindings []pyAssignment) map[string]string {
	env := map[string]*string{}
	out := map[string]string{}
	for _, b := range bindings {
		if b.value == nil {
			env[b.key] = nil
			delete(out, b.key)
			continue
		}
		v := pyPosixVariable.ReplaceAllStringFunc(*b.value, func(ref string) string {
			m := pyPosixVariable.FindStringSubmatch(ref)
			if got, set := env[m[1]]; set {
				if got == nil {
					return ""
				}
				return *got
			}
			return m[2]
		})
		env[b.key] = &v
		out[b.key] = v
	}
	return out
}

// pyBinding is parse_binding after the leading whitespace: ok is false where
// python-dotenv raises (and skips the rest of the line).
func pyBinding(s string, pos *int, match func(*regexp.Regexp) ([]string, bool)) (key, value *string, ok bool) {
	match(pyExport)
	switch {
	case strings.HasPrefix(s[*pos:], "#"):
	case strings.HasPrefix(s[*pos:], "'"):
		// '([^']+)'
		end := strings.IndexByte(s[*pos+1:], '\'')
		if end <= 0 {
			return nil, nil, false
		}
		k := s[*pos+1 : *pos+1+end]
		key = &k
		*pos += end + 2
	default:
		g, ok := match(pyUnquotedKey)
		if !ok {
			return nil, nil, false
		}
		key = &g[1]
	}
	match(pyWhitespace)
	if strings.HasPrefix(s[*pos:], "=") {
		match(pyEqualSign)
		var v string
		switch rest := s[*pos:]; {
		case strings.HasPrefix(rest, "'"), strings.HasPrefix(rest, `"`):
			inner, n, ok := pyQuoted(rest)
			if !ok {
				return nil, nil, false
			}
			*pos += n
			if rest[0] == '\'' {
				v = pyUnescape(inner, `\'`)
			} else {
				v = pyUnescape(inner, `\'"abfnrtv`)
			}
		case rest == "" || rest[0] == '\n':
		default:
			g, _ := match(pyUnquotedValue)
			v = strings.TrimRightFunc(pyInlineComment.ReplaceAllString(g[0], ""), isPySpace)
		}
		value = &v
	}
	match(pyComment)
	if _, ok := match(pyEndOfLine); !ok {
		return nil, nil, false
	}
	return key, value, true
}

// pyQuoted matches '((?:\\'|[^'])*)' (or the same with ") at the start of
// s the way Python's backtracking regexp does: \' is taken as an escaped
// quote wherever it can be, the value ends at the first other quote, and
// only if there is none does the last \' give its quote back to end it. It
// returns the text between the quotes and the length matched.
func pyQuoted(s string) (inner string, n int, ok bool) {
	q := s[0]
	lastEscaped := -1
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == q:
			lastEscaped = i + 1
			i++
		case s[i] == q:
			return s[1:i], i + 1, true
		}
	}
	if lastEscaped < 0 {
		return "", 0, false
	}
	return s[1:lastEscaped], lastEscaped + 1, true
}

// pyUnescape decodes backslash pairs whose second character is in set, left
// to right, as codecs' unicode-escape does for each.
func pyUnescape(v, set string) string {
	if !strings.Contains(v, `\`) {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && strings.IndexByte(set, v[i+1]) >= 0 {
			b.WriteByte(map[byte]byte{'\\': '\\', '\'': '\'', '"': '"', 'a': 7, 'b': 8, 'f': 12, 'n': '\n', 'r': '\r', 't': '\t', 'v': 11}[v[i+1]])
			i++
			continue
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

func isPySpace(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r' || r == ' ',
		r >= 0x1c && r <= 0x1f, r == 0x85, r == 0xa0, r == 0x1680,
		r >= 0x2000 && r <= 0x200a, r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000:
		return true
	}
	return false
}
