package envfile

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file mirrors the statement parser of github.com/joho/godotenv v1.5.1
// step by step, but also records where each statement sits in the file, so
// an update can touch exactly the bytes of one statement and nothing else.
// Read cross-checks the result against godotenv itself, so a drift between
// the two is caught instead of silently trusted.

// stmt is one KEY=value statement. Offsets index the original file bytes
// (after the BOM); ends are exclusive.
type stmt struct {
	key, value string
	start      int  // first byte of the statement ("export" or the key)
	keyStart   int  // first byte of the key (after an "export " prefix)
	valueStart int  // first byte of the value token (after the separator and blanks)
	tokenEnd   int  // end of the value token (closing quote, or last non-space byte of an unquoted value)
	lineStart  int  // start of the line holding start
	lineEnd    int  // end of the line holding tokenEnd, including its line break, stretched over the statements that start on it (see spanLines)
	soloStart  bool // only blanks between lineStart and start
	colon      bool // "KEY: value", which godotenv accepts and Node and python-dotenv do not
	line       int  // 1-based line number of start
}

// scanError is a parse failure at a byte offset of the normalized text.
type scanError struct {
	pos    int
	reason string
}

// scan parses src (no BOM) the way godotenv does and returns the statements
// and the resulting map. Offsets are translated back to src, which may use
// CRLF line breaks that godotenv normalizes away before parsing.
func scan(src []byte) ([]stmt, map[string]string, *scanError) {
	norm, removed := normalizeCRLF(src)
	toSrc := func(n int) int { return n + sort.SearchInts(removed, n+1) }
	toSrcEnd := func(n int) int {
		if n == 0 {
			return 0
		}
		return toSrc(n-1) + 1
	}
	lines := bytes.Count(norm, []byte{'\n'}) + 1
	vars := make(map[string]string, lines)
	out := make([]stmt, 0, lines)
	pos := 0
	// Line bookkeeping advances with pos, keeping the scan linear.
	counted, line, lastNL := 0, 1, -1
	for {
		next := statementStart(norm, pos)
		if next < 0 {
			break
		}
		keyStart, key, valueStart, colon, serr := locateKey(norm, next)
		if serr != nil {
			return nil, nil, serr
		}
		value, tokenEnd, rest, serr := extractValue(norm, valueStart, vars)
		if serr != nil {
			serr.pos = next
			return nil, nil, serr
		}
		if key == "" {
			return nil, nil, &scanError{pos: next, reason: "a line has no name before '=', or no '=' after its name"}
		}
		vars[key] = value
		for i := counted; i < next; i++ {
			if norm[i] == '\n' {
				line++
				lastNL = i
			}
		}
		counted = next
		lineStart := lastNL + 1
		lineEnd := len(norm)
		if i := bytes.IndexByte(norm[tokenEnd:], '\n'); i >= 0 {
			lineEnd = tokenEnd + i + 1
		}
		out = append(out, stmt{
			key: key, value: value,
			start:      toSrc(next),
			keyStart:   toSrc(keyStart),
			valueStart: toSrc(valueStart),
			tokenEnd:   toSrcEnd(tokenEnd),
			lineStart:  toSrc(lineStart),
			lineEnd:    toSrcEnd(lineEnd),
			soloStart:  len(bytes.TrimLeftFunc(norm[lineStart:next], unicode.IsSpace)) == 0,
			colon:      colon,
			line:       line,
		})
		pos = rest
	}
	spanLines(out)
	return out, vars, nil
}

// spanLines stretches each statement's lineEnd over the statements that
// start before it, so that a line end never falls inside a statement.
// Lines are split at LF only (as Node and editors count them), but godotenv
// starts the next statement right after a closing quote or a lone CR, which
// ends an unquoted value; that statement's quoted value can run past the LF
// (B=e<CR>A="<LF>", or A="1" B="x<LF>y"). The end of B's own line then lies
// inside A's value, and new keys placed there, or a removal of A, would cut
// A in two. Stretched, the end of B's line is the end of the last line of A.
// Going backwards one step suffices: the next statement's lineEnd is at or
// after this one's own and is already stretched.
func spanLines(stmts []stmt) {
	for i := len(stmts) - 2; i >= 0; i-- {
		if next := stmts[i+1]; next.start < stmts[i].lineEnd {
			stmts[i].lineEnd = max(stmts[i].lineEnd, next.lineEnd)
		}
	}
}

// safeScan is scan with a panic turned into a parse error, so a bug in the
// scanner can never take the wizard down or let a half-read file be edited.
func safeScan(src []byte) (stmts []stmt, values map[string]string, serr *scanError) {
	defer func() {
		if r := recover(); r != nil {
			stmts, values, serr = nil, nil, &scanError{reason: "onboard's reader failed on this file"}
		}
	}()
	return scan(src)
}

// normalizeCRLF replaces CRLF with LF like godotenv, remembering the
// normalized index of every LF that lost its CR.
func normalizeCRLF(src []byte) ([]byte, []int) {
	if !bytes.Contains(src, []byte("\r\n")) {
		return src, nil
	}
	norm := make([]byte, 0, len(src))
	var removed []int
	for i := 0; i < len(src); i++ {
		if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			removed = append(removed, len(norm))
			continue
		}
		norm = append(norm, src[i])
	}
	return norm, removed
}

// statementStart is godotenv's getStatementStart: skip blanks (line breaks
// included) and whole comment lines; -1 at the end of the file.
func statementStart(src []byte, pos int) int {
	for {
		i := bytes.IndexFunc(src[pos:], func(r rune) bool { return !unicode.IsSpace(r) })
		if i < 0 {
			return -1
		}
		pos += i
		if src[pos] != '#' {
			return pos
		}
		nl := bytes.IndexByte(src[pos:], '\n')
		if nl < 0 {
			return -1
		}
		pos += nl
	}
}

// locateKey is godotenv's locateKeyName.
func locateKey(src []byte, pos int) (keyStart int, key string, valueStart int, colon bool, err *scanError) {
	s := pos
	for s < len(src) && isSpaceRuneAt(src, s) {
		_, w := utf8.DecodeRune(src[s:])
		s += w
	}
	if bytes.HasPrefix(src[s:], []byte("export")) {
		t := s + len("export")
		if t < len(src) && isSpaceRuneAt(src, t) {
			for t < len(src) && isSpaceRuneAt(src, t) {
				_, w := utf8.DecodeRune(src[t:])
				t += w
			}
			s = t
		}
	}
	keyStart = s
	offset := -1
	for i := s; i < len(src); i++ {
		c := src[i]
		r := rune(c)
		if isSpace(r) {
			continue
		}
		if c == '=' || c == ':' {
			key = string(src[s:i])
			offset = i + 1
			colon = c == ':'
			break
		}
		if c == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' {
			continue
		}
		return 0, "", 0, false, &scanError{pos: i, reason: "a variable name contains a character that is not a letter, digit, '_' or '.' (or a line has no '=')"}
	}
	if offset < 0 {
		// godotenv takes the rest of the file as the value of an empty key.
		return keyStart, "", s, false, nil
	}
	key = strings.TrimRightFunc(key, unicode.IsSpace)
	v := offset
	for v < len(src) && isSpaceRuneAt(src, v) {
		_, w := utf8.DecodeRune(src[v:])
		v += w
	}
	return keyStart, key, v, colon, nil
}

// isSpaceRuneAt decodes the rune at i the way bytes.TrimLeftFunc does.
func isSpaceRuneAt(src []byte, i int) bool {
	r, _ := utf8.DecodeRune(src[i:])
	return isSpace(r)
}

// extractValue is godotenv's extractVarValue. It returns the value, the end
// of its token and where scanning resumes.
func extractValue(src []byte, pos int, vars map[string]string) (string, int, int, *scanError) {
	rest := src[pos:]
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		eol := bytes.IndexFunc(rest, isLineEnd)
		if eol < 0 {
			eol = len(rest)
			if eol == 0 {
				return "", pos, len(src), nil
			}
		}
		raw := rest[:eol]
		end := len(raw)
		// The last '#' preceded by a blank starts a comment.
		for i := len(raw) - 1; i > 0; i-- {
			if raw[i] == '#' {
				if r, _ := utf8.DecodeLastRune(raw[:i]); isSpace(r) {
					end = i
					break
				}
			}
		}
		token := bytes.TrimRightFunc(raw[:end], isSpace)
		// godotenv converts through []rune, which turns invalid UTF-8
		// into U+FFFD; valid text comes through unchanged.
		var value string
		if utf8.Valid(raw[:end]) {
			value = strings.TrimFunc(string(raw[:end]), isSpace)
		} else {
			value = strings.TrimFunc(string([]rune(string(raw[:end]))), isSpace)
		}
		return expandVariables(value, vars), pos + len(token), pos + eol, nil
	}
	quote := rest[0]
	for i := 1; i < len(rest); i++ {
		if rest[i] != quote || rest[i-1] == '\\' {
			continue
		}
		isQuote := func(r rune) bool { return r == rune(quote) }
		value := string(bytes.TrimLeftFunc(bytes.TrimRightFunc(rest[:i], isQuote), isQuote))
		if quote == '"' {
			value = expandVariables(expandEscapes(value), vars)
		}
		return value, pos + i + 1, pos + i + 1, nil
	}
	return "", 0, 0, &scanError{reason: "a quoted value is never closed"}
}

func isSpace(r rune) bool {
	switch r {
	case '\t', '\v', '\f', '\r', ' ', 0x85, 0xA0:
		return true
	}
	return false
}

func isLineEnd(r rune) bool { return r == '\n' || r == '\r' }

var (
	expandVarRegex = regexp.MustCompile(`(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?`)
)

// expandEscapes is godotenv's two regexp passes, by hand (it runs for every
// double-quoted value): first `\\.` (any char but a newline) turns \n and \r
// into line breaks and keeps other pairs; then `\\([^$])` drops the backslash
// before anything but '$'. TestExpandEscapesMatchesRegexp holds it to the
// regexps.
func expandEscapes(str string) string {
	if !strings.Contains(str, `\`) {
		return str
	}
	var b strings.Builder
	b.Grow(len(str))
	for i := 0; i < len(str); i++ {
		if str[i] == '\\' && i+1 < len(str) && str[i+1] != '\n' {
			switch str[i+1] {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte('\\')
				b.WriteByte(str[i+1])
			}
			i++
			continue
		}
		b.WriteByte(str[i])
	}
	first := b.String()
	if !strings.Contains(first, `\`) {
		return first
	}
	b.Reset()
	for i := 0; i < len(first); i++ {
		if first[i] == '\\' && i+1 < len(first) && first[i+1] != '$' {
			i++
		}
		b.WriteByte(first[i])
	}
	return b.String()
}

func expandVariables(v string, m map[string]string) string {
	if !strings.Contains(v, "$") {
		return v
	}
	return expandVarRegex.ReplaceAllStringFunc(v, func(s string) string {
		sub := expandVarRegex.FindStringSubmatch(s)
		if sub == nil {
			return s
		}
		if sub[1] == "\\" || sub[2] == "(" {
			return sub[0][1:]
		} else if sub[4] != "" {
			return m[sub[4]]
		}
		return s
	})
}
