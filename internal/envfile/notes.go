package envfile

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

const (
	nodeLoader   = "node --env-file"
	npmLoader    = "dotenv (npm)"
	pythonLoader = "python-dotenv"
)

// LoaderNotes says where other common loaders (node --env-file, the npm
// dotenv package, python-dotenv) would load the file at path differently
// from godotenv, which is what Read returns and what onboard writes for.
// Each note is a sentence or two naming the loader, the variable and the
// line, and saying what to do; notes never contain a value. A file that does
// not exist has none; an error is Read's.
//
// Differences come from lines onboard did not write (it never changes
// them), and from a value no way of writing carries to every loader (for
// example "${NAME}" for python-dotenv, which Apply writes for godotenv).
func LoaderNotes(path string) ([]string, error) {
	d, err := Read(path)
	if err != nil {
		return nil, err
	}
	return d.LoaderNotes(), nil
}

// LoaderNotes is the package function LoaderNotes for a file already read.
func (d *Doc) LoaderNotes() []string {
	if !d.exists {
		return nil
	}
	var notes []string
	if d.bom {
		first := ""
		if len(d.stmts) > 0 {
			first = " (" + d.stmts[0].key + ")"
		}
		notes = append(notes, "The file starts with a byte order mark (BOM): godotenv cannot read it, and node --env-file and python-dotenv take the mark as part of the first name"+first+". onboard writes the file without it; to fix it now, save it as UTF-8 without BOM.")
	}
	if !utf8.Valid(d.body) {
		return append(notes, "The file is not valid UTF-8 text: python-dotenv cannot read it at all, and the other loaders read its odd bytes differently. Save it as UTF-8.")
	}
	if !modelled(d.body) {
		return notes // Unicode line separators: nothing claimed
	}

	type finding struct {
		key, verb, cause string
	}
	loadersOf := map[finding][]string{}
	var order []finding
	last := map[string]stmt{}
	for _, st := range d.stmts {
		last[st.key] = st
	}
	more := map[string]bool{} // keys past maxLoaderNotes
	for _, l := range otherLoaders {
		got, _ := l.parse(d.body)
		if l.name == nodeLoader && hasLoneCR(d.body) && !sameMap(got, d.values) {
			notes = append(notes, fmt.Sprintf("node --env-file reads this file as one long line: its lines end with a carriage return alone (as old Mac editors wrote them), and Node deletes every carriage return. Save it with LF line endings (for example: mac2unix %s).", filepath.Base(d.path)))
			continue
		}
		for _, k := range d.keys {
			v, found := got[k]
			if found && v == d.values[k] {
				continue
			}
			if len(order) >= maxLoaderNotes {
				more[k] = true
				continue
			}
			f := finding{key: k, verb: "read%s " + k + " differently", cause: d.cause(l.name, last[k])}
			if !found {
				f.verb = "do%s not read " + k
			}
			if loadersOf[f] == nil {
				order = append(order, f)
			}
			loadersOf[f] = append(loadersOf[f], l.name)
		}
	}
	for _, f := range order {
		ls := loadersOf[f]
		verb := fmt.Sprintf(f.verb, "")
		if len(ls) == 1 {
			verb = fmt.Sprintf(f.verb, map[bool]string{true: "es", false: "s"}[strings.HasPrefix(f.verb, "do")])
		}
		notes = append(notes, joinAnd(ls)+" "+verb+" ("+f.cause)
		delete(more, f.key)
	}
	if len(more) > 0 {
		notes = append(notes, fmt.Sprintf("%d more variables are read differently by some loader; fix the lines above first, then look again.", len(more)))
	}
	return notes
}

// maxLoaderNotes bounds the notes: a screen can show a dozen, and a file
// with thousands of odd lines is fixed one kind of line at a time.
const maxLoaderNotes = 12

// cause explains, for the last statement of key, why loader reads it
// differently, as "line N): what. What to do."
func (d *Doc) cause(loader string, st stmt) string {
	key := st.key
	at := fmt.Sprintf("line %d): ", st.line)
	if st.colon && loader != npmLoader {
		return at + "it is written as \"" + key + ": value\", which only godotenv and the npm package accept. Write " + key + "=value instead."
	}
	if loader == nodeLoader {
		if n, what := d.nodeJoins(st); n > 0 {
			return at + fmt.Sprintf("line %d above it %s, and Node joins such a line with the next one into a single name. %s", n, what, joinFix(what, n))
		}
		// Node removes exactly "export " and keeps what follows as the name.
		if between := string(d.body[st.start:st.keyStart]); between != "" && between != "export " {
			return at + "Node expects exactly one space after \"export\". Write it as \"export " + key + "=…\"."
		}
	}
	gap := d.body[st.keyStart+len(key) : st.valueStart]
	raw := d.body[st.valueStart:st.tokenEnd]
	value := d.values[key]
	switch {
	case loader == pythonLoader && strings.Contains(value, "${"):
		return at + "python-dotenv replaces ${NAME} with NAME's value in any quotes, and nothing stops it. Spell the value out, or load the file with godotenv."
	case loader == nodeLoader && strings.Contains(value, "\r"):
		return at + "the value holds a carriage return, and Node deletes every carriage return in the file. Remove it from the value, or load the file with godotenv."
	case bytes.ContainsFunc(gap, func(r rune) bool { return r != ' ' && r != '=' && r != ':' }):
		return at + "there is a tab or another blank that is not a space around the '='. Use plain spaces, or none."
	case len(raw) > 0 && raw[0] != '\'' && raw[0] != '"' && bytes.IndexByte(raw, '$') >= 0:
		return at + "godotenv replaces $NAME in an unquoted value with NAME's value, and the other loaders do not all do so. Spell the value out instead of referring to another variable."
	case len(raw) > 0 && raw[0] == '"' && bytes.ContainsAny(raw, `\$`):
		return at + "loaders decode backslashes and $NAME in double quotes each their own way. " + d.quoteFix(key)
	case len(raw) > 0 && raw[0] == '\'' && bytes.IndexByte(raw, '\\') >= 0:
		return at + "python-dotenv decodes \\\\ and \\' inside single quotes, and the npm package takes \\' as a quote. " + d.quoteFix(key)
	case len(raw) > 0 && raw[0] == '`':
		return at + "Node and the npm package read backticks as quotes; godotenv and python-dotenv keep them. " + d.quoteFix(key)
	case len(raw) > 0 && raw[0] != '\'' && raw[0] != '"' && bytes.IndexByte(raw, '#') >= 0:
		return at + "in an unquoted value Node and the npm package take '#' as the start of a comment. " + d.quoteFix(key)
	}
	return at + "this loader reads the line differently. " + d.quoteFix(key)
}

// quoteFix says how to write key's value so that every loader reads it.
func (d *Doc) quoteFix(key string) string {
	r, ok, portable := renderPortable(key, d.values[key], "")
	switch {
	case !ok || !portable:
		return "No way of writing this value reads the same in every loader; change it, or load the file with godotenv."
	case r == d.values[key]:
		return "Write the value without quotes."
	case strings.HasPrefix(r, "'"):
		return "Write the value in single quotes."
	}
	return `Write the value in double quotes, with \n for each line break and no other backslash.`
}

// nodeJoins finds the line that makes Node glue the text before st into
// its name: going up over empty lines and comments that start at the left
// margin (which Node skips), the first line that is only blanks, an
// indented comment, or a line Node finds no '=' on. n is 0 if there is none.
func (d *Doc) nodeJoins(st stmt) (n int, what string) {
	pos := st.lineStart
	line := st.line
	for pos > 0 {
		start := bytes.LastIndexByte(d.body[:pos-1], '\n') + 1
		line--
		text := bytes.TrimRight(d.body[start:pos], "\r\n")
		if d.insideStatement(start) || d.startsStatement(start) {
			if prev := d.stmtAt(start); prev != nil && prev.colon {
				return line, "has no '=' (it is written \"NAME: value\")"
			}
			return 0, ""
		}
		switch trimmed := bytes.TrimLeft(text, " \t\v\f\r"); {
		case len(text) == 0, text[0] == '#':
		case len(trimmed) == 0:
			return line, "holds only spaces or tabs"
		case trimmed[0] == '#':
			return line, "is a comment with blanks before its '#'"
		default:
			return line, "has no '='"
		}
		pos = start
	}
	return 0, ""
}

func joinFix(what string, n int) string {
	switch {
	case strings.HasPrefix(what, "holds only"):
		return fmt.Sprintf("Make line %d empty.", n)
	case strings.HasPrefix(what, "is a comment"):
		return fmt.Sprintf("Start line %d with its '#'.", n)
	}
	return fmt.Sprintf("Write line %d as NAME=value, or remove it.", n)
}

// stmtAt is the statement whose first line starts at pos, if any.
func (d *Doc) stmtAt(pos int) *stmt {
	i := sort.Search(len(d.stmts), func(i int) bool { return d.stmts[i].lineStart >= pos })
	if i < len(d.stmts) && d.stmts[i].lineStart == pos {
		return &d.stmts[i]
	}
	return nil
}

func hasLoneCR(b []byte) bool {
	for i, c := range b {
		if c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			return true
		}
	}
	return false
}

func joinAnd(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
