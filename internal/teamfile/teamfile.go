// Package teamfile is onboard.json: the setup choices a team shares, kept
// at the project's git root and committed, so a teammate running onboard is
// asked only for their own keys. It records which services the project
// uses, their settings (Plaid environment, products, countries, the Connect
// choices…), which variables are required and which optional, and the
// names a framework needs. It never holds a secret: a value that looks like
// any provider's credential is refused when the file is written and when it
// is read.
package teamfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/framework"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// Name is the file's name at the git root.
const Name = "onboard.json"

// Version is the file format this onboard reads and writes. A file of a
// newer version is refused, not misread.
const Version = 1

// SchemaURL is the JSON Schema of the format, for editors ($schema). The
// schema itself ships in the repository, at assets/onboard.schema.json.
const SchemaURL = "https://raw.githubusercontent.com/onboard-dev/onboard/main/assets/onboard.schema.json"

// File is onboard.json.
type File struct {
	Schema  string `json:"$schema,omitempty"`
	Version int    `json:"version"`
	// Building is the answer to "what are you building?" ("saas", …).
	Building string `json:"building,omitempty"`
	// Services are the providers the project uses, by id.
	Services []providers.ID `json:"services"`
	// Settings are the shared choices, by variable (PLAID_ENV: sandbox).
	Settings map[string]string `json:"settings,omitempty"`
	// Variables say which variables each teammate must set, and which
	// they may.
	Variables Variables `json:"variables"`
	// Framework is the app's framework, as detected ("nextjs", "vite"…).
	Framework string `json:"framework,omitempty"`
	// Names maps a variable to the name the app reads it under, for values
	// a framework exposes to the browser
	// (STRIPE_PUBLISHABLE_KEY: NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY).
	Names map[string]string `json:"names,omitempty"`
}

// Variables lists variable names by whether a teammate must set them.
type Variables struct {
	Required []string `json:"required"`
	Optional []string `json:"optional,omitempty"`
}

// Error is a problem with the file, naming where it is.
type Error struct {
	Path  string // the file
	Field string // a JSON path in it ("settings.PLAID_ENV"); "" for the whole file
	Msg   string // what is wrong and what to do
}

// Error names the file and the field; a key of the file that holds
// controls is shown quoted, never obeyed.
func (e *Error) Error() string {
	if e.Field == "" {
		return e.Path + ": " + termsafe.Plain(e.Msg)
	}
	return e.Path + ": " + termsafe.Quote(e.Field) + ": " + termsafe.Plain(e.Msg)
}

// Has reports whether the file records a setting for the variable; a nil
// file records none.
func (f *File) Has(key string) bool {
	if f == nil {
		return false
	}
	_, ok := f.Settings[key]
	return ok
}

// Path is where the team file of a project lives: at its root.
func Path(root string) string { return filepath.Join(root, Name) }

// Read reads and checks the team file at path against ps, the providers
// onboard knows. A missing file is (nil, nil).
func Read(path string, ps []providers.Provider) (*File, error) {
	b, err := envfile.ReadProjectFile(path)
	switch {
	case err != nil:
		return nil, &Error{Path: path, Msg: "cannot be read (" + err.Error() + "); check its permissions"}
	case b == nil:
		return nil, nil
	}
	return Parse(b, path, ps)
}

// Parse reads the content b of the team file at path and checks it
// against ps, the providers onboard knows.
func Parse(b []byte, path string, ps []providers.Provider) (*File, error) {
	f, err := decode(b, path)
	if err != nil {
		return nil, err
	}
	if err := f.check(path, ps); err != nil {
		return nil, err
	}
	return f, nil
}

// allowed are the keys each object of the format may hold.
var allowed = map[string][]string{
	"":          {"$schema", "version", "building", "services", "settings", "variables", "framework", "names"},
	"variables": {"required", "optional"},
}

// decode parses b strictly: an unknown key, a wrong type or a newer
// version is an error naming its place.
func decode(b []byte, path string) (*File, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, &Error{Path: path, Msg: "is not a JSON object (" + syntaxWhere(b, err) + "); fix it in an editor or delete it to start over"}
	}
	if raw, ok := top["version"]; ok {
		var v int
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, &Error{Path: path, Field: "version", Msg: "must be a whole number"}
		}
		if v > Version {
			return nil, &Error{Path: path, Field: "version", Msg: fmt.Sprintf("is %d: the file was written by a newer onboard, and this one reads version %d. Update onboard, then run it again", v, Version)}
		}
		if v < 1 {
			return nil, &Error{Path: path, Field: "version", Msg: "must be 1 or more"}
		}
	} else {
		return nil, &Error{Path: path, Field: "version", Msg: "is missing; the first line after { should be \"version\": 1"}
	}
	if err := unknownKeys(path, "", top); err != nil {
		return nil, err
	}
	if raw, ok := top["variables"]; ok {
		var vars map[string]json.RawMessage
		if err := json.Unmarshal(raw, &vars); err != nil {
			return nil, &Error{Path: path, Field: "variables", Msg: "must be an object with \"required\" and \"optional\" lists"}
		}
		if err := unknownKeys(path, "variables", vars); err != nil {
			return nil, err
		}
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&f); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, &Error{Path: path, Field: te.Field, Msg: "must be " + jsonKind(te.Type.Kind().String())}
		}
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	return &f, nil
}

func unknownKeys(path, at string, obj map[string]json.RawMessage) error {
	for k := range obj {
		if !slices.Contains(allowed[at], k) {
			field := k
			if at != "" {
				field = at + "." + k
			}
			return &Error{Path: path, Field: field, Msg: "is not part of the format (known: " + strings.Join(allowed[at], ", ") + "); remove it"}
		}
	}
	return nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "slice":
		return "a list"
	case "map", "struct":
		return "an object"
	case "int":
		return "a whole number"
	}
	return "of another type"
}

// syntaxWhere says where a JSON syntax error is: line and column.
func syntaxWhere(b []byte, err error) string {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return err.Error()
	}
	before := b[:min(int(se.Offset), len(b))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d: %s", line, col, se.Error())
}

// check holds the file to what onboard knows: known services, settings
// that are settings of those services with values their fields accept,
// variable names of their fields, and no secret anywhere.
func (f *File) check(path string, ps []providers.Provider) error {
	fields := map[string]providers.Field{}
	known := map[providers.ID]providers.Provider{}
	for _, p := range ps {
		known[p.Spec().ID] = p
	}
	if _, ok := framework.ByID(f.Framework); f.Framework != "" && !ok {
		return &Error{Path: path, Field: "framework", Msg: fmt.Sprintf("%s is not a framework onboard knows; remove the field, or run onboard to record the one it detects", termsafe.Quote(f.Framework))}
	}
	if f.Building != "" && !slices.Contains(providers.Buildings, providers.Building(f.Building)) {
		var names []string
		for _, b := range providers.Buildings {
			names = append(names, string(b))
		}
		return &Error{Path: path, Field: "building", Msg: fmt.Sprintf("%q is not one of the answers onboard knows (%s)", f.Building, strings.Join(names, ", "))}
	}
	for i, id := range f.Services {
		p, ok := known[id]
		if !ok {
			return &Error{Path: path, Field: fmt.Sprintf("services[%d]", i), Msg: fmt.Sprintf("%q is not a service onboard knows (%s)", id, idList(ps))}
		}
		for _, fl := range p.Fields() {
			fields[fl.Key] = fl
		}
	}
	for _, k := range sortedKeys(f.Settings) {
		v := f.Settings[k]
		if providers.LooksSecret(ps, v) {
			return &Error{Path: path, Field: "settings." + k, Msg: "holds what looks like a secret; onboard.json is committed, so it must hold none. Remove the value (and rotate the key, if this file was ever shared)"}
		}
		fl, ok := fields[k]
		switch {
		case !ok:
			return &Error{Path: path, Field: "settings." + k, Msg: "is not a variable of the services listed"}
		case !fl.IsSetting():
			return &Error{Path: path, Field: "settings." + k, Msg: "is not a shared setting: each teammate sets it in their own .env"}
		}
		if e := fl.Check(v, f.Settings); e != nil && e.Severity == providers.Invalid {
			return &Error{Path: path, Field: "settings." + k, Msg: e.Msg}
		}
	}
	for _, list := range []struct {
		name  string
		names []string
	}{{"variables.required", f.Variables.Required}, {"variables.optional", f.Variables.Optional}} {
		for i, k := range list.names {
			if _, ok := fields[k]; !ok {
				return &Error{Path: path, Field: fmt.Sprintf("%s[%d]", list.name, i), Msg: fmt.Sprintf("%q is not a variable of the services listed", k)}
			}
		}
	}
	for _, k := range sortedKeys(f.Names) {
		to := f.Names[k]
		fl, ok := fields[k]
		switch {
		case !ok:
			return &Error{Path: path, Field: "names." + k, Msg: "is not a variable of the services listed"}
		case !fl.Public:
			return &Error{Path: path, Field: "names." + k, Msg: "is not a value browser code may read, so it keeps its own name"}
		case providers.LooksSecret(ps, to) || !validName(to):
			return &Error{Path: path, Field: "names." + k, Msg: "must be a variable name (letters, digits and _)"}
		case !publicNameOf(k, to, f.Framework):
			// A name is only ever the same variable with a framework's
			// public prefix: anything else would make onboard read (and
			// then replace) another variable of the teammate's .env.
			return &Error{Path: path, Field: "names." + k, Msg: fmt.Sprintf("must be %s with a framework's public prefix (such as NEXT_PUBLIC_%s), not %s", k, k, termsafe.Quote(to))}
		}
	}
	return nil
}

// publicNameOf reports whether to is key under a public prefix: the
// recorded framework's, or any known one when none is recorded.
func publicNameOf(key, to, fw string) bool {
	prefixes := framework.PublicPrefixes()
	if f, ok := framework.ByID(fw); ok && f.PublicPrefix != "" {
		prefixes = []string{f.PublicPrefix}
	}
	for _, p := range prefixes {
		if to == p+key {
			return true
		}
	}
	return false
}

func validName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func idList(ps []providers.Provider) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = string(p.Spec().ID)
	}
	return strings.Join(ids, ", ")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Marshal is the file as it is written: indented, keys in a fixed order,
// with the schema named.
func (f *File) Marshal() []byte {
	c := *f
	c.Schema, c.Version = SchemaURL, Version
	if c.Services == nil {
		c.Services = []providers.ID{}
	}
	if c.Variables.Required == nil {
		c.Variables.Required = []string{}
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	return append(b, '\n')
}

// Write checks f against ps (no secret, known names) and replaces the file
// at path atomically, mode 0644: it belongs in version control.
func Write(path string, f *File, ps []providers.Provider) error {
	if err := f.check(path, ps); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+Name+".onboard-tmp-*")
	if err != nil {
		return &Error{Path: path, Msg: "cannot be written (" + err.Error() + ")"}
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(f.Marshal()); err != nil {
		tmp.Close()
		return &Error{Path: path, Msg: "cannot be written (" + err.Error() + ")"}
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return &Error{Path: path, Msg: "cannot be written (" + err.Error() + ")"}
	}
	if err := tmp.Close(); err != nil {
		return &Error{Path: path, Msg: "cannot be written (" + err.Error() + ")"}
	}
	if li, err := os.Lstat(path); err == nil && !li.Mode().IsRegular() {
		return &Error{Path: path, Msg: "is not a regular file (a link or a folder); onboard writes only a plain onboard.json"}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &Error{Path: path, Msg: "cannot be written (" + err.Error() + ")"}
	}
	return nil
}

// Changes says, a line each, how g differs from f (what a teammate would
// see in the diff): services, settings, variables, names.
func Changes(f, g *File) []string {
	var out []string
	if f == nil {
		f = &File{}
	}
	add := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	if !slices.Equal(f.Services, g.Services) {
		add("services: %s → %s", idsOrNone(f.Services), idsOrNone(g.Services))
	}
	if f.Building != g.Building {
		add("building: %s → %s", orNone(f.Building), orNone(g.Building))
	}
	diffMap := func(what string, a, b map[string]string) {
		for _, k := range union(a, b) {
			if a[k] != b[k] {
				add("%s %s: %s → %s", what, k, orNone(a[k]), orNone(b[k]))
			}
		}
	}
	diffMap("setting", f.Settings, g.Settings)
	if !slices.Equal(f.Variables.Required, g.Variables.Required) {
		add("required: %s → %s", listOrNone(f.Variables.Required), listOrNone(g.Variables.Required))
	}
	if !slices.Equal(f.Variables.Optional, g.Variables.Optional) {
		add("optional: %s → %s", listOrNone(f.Variables.Optional), listOrNone(g.Variables.Optional))
	}
	if f.Framework != g.Framework {
		add("framework: %s → %s", orNone(f.Framework), orNone(g.Framework))
	}
	diffMap("name of", f.Names, g.Names)
	return out
}

func union(a, b map[string]string) []string {
	m := map[string]string{}
	for k := range a {
		m[k] = ""
	}
	for k := range b {
		m[k] = ""
	}
	return sortedKeys(m)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func listOrNone(l []string) string { return orNone(strings.Join(l, ", ")) }

func idsOrNone(ids []providers.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return listOrNone(s)
}
