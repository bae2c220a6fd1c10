// Package plaidspec reads the few facts the tests need from Plaid's OpenAPI
// spec (a 3 MB YAML file kept beside the checkout, not in it): the required
// properties of a schema and the values of an enum. Plaid's file is
// generated with a fixed layout (components/schemas at four spaces, their
// keys at six), so reading lines is enough and keeps a YAML parser out of
// the module.
package plaidspec

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FileName is the spec's name under shared/reference.
const FileName = "plaid-openapi-2020-09-14.yml"

// Spec is the loaded file.
type Spec struct {
	lines []string
}

// Find looks for the spec in ../shared/reference beside the repository
// root (where CI puts it), starting from dir and walking up to go.mod.
// It returns "" when there is none.
func Find(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			p := filepath.Join(d, "..", "shared", "reference", FileName)
			if _, err := os.Stat(p); err == nil {
				return p
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Load reads the spec.
func Load(path string) (*Spec, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &Spec{lines: strings.Split(string(b), "\n")}, nil
}

// schema returns the lines of components/schemas/name, without its header.
func (s *Spec) schema(name string) ([]string, error) {
	head := "    " + name + ":"
	for i, l := range s.lines {
		if l != head {
			continue
		}
		end := i + 1
		for end < len(s.lines) && (s.lines[end] == "" || strings.HasPrefix(s.lines[end], "      ")) {
			end++
		}
		return s.lines[i+1 : end], nil
	}
	return nil, fmt.Errorf("schema %s not found in the spec", name)
}

// list reads the "- item" lines under the key line "<indent>key:".
func list(block []string, indent, key string) []string {
	var out []string
	for i, l := range block {
		if l != indent+key+":" {
			continue
		}
		for _, m := range block[i+1:] {
			if !strings.HasPrefix(m, indent+"- ") {
				break
			}
			out = append(out, strings.Trim(strings.TrimPrefix(m, indent+"- "), `"'`))
		}
		break
	}
	return out
}

// Required lists the schema's required properties.
func (s *Spec) Required(name string) ([]string, error) {
	b, err := s.schema(name)
	if err != nil {
		return nil, err
	}
	return list(b, "      ", "required"), nil
}

// Enum lists the values of an enum schema.
func (s *Spec) Enum(name string) ([]string, error) {
	b, err := s.schema(name)
	if err != nil {
		return nil, err
	}
	return list(b, "      ", "enum"), nil
}

// PropertyList reads a list-valued key of one property of a schema, e.g.
// the x-override-enum-values-shown of SandboxPublicTokenCreateRequest's
// initial_products.
func (s *Spec) PropertyList(name, property, key string) ([]string, error) {
	b, err := s.Property(name, property)
	if err != nil {
		return nil, err
	}
	return list(b, "          ", key), nil
}

// Property returns the lines that describe one property of a schema (its
// type, description, items, …), without the property's own header.
func (s *Spec) Property(name, property string) ([]string, error) {
	b, err := s.schema(name)
	if err != nil {
		return nil, err
	}
	head := "        " + property + ":"
	for i, l := range b {
		if l != head {
			continue
		}
		end := i + 1
		for end < len(b) && (b[end] == "" || strings.HasPrefix(b[end], "          ")) {
			end++
		}
		return b[i+1 : end], nil
	}
	return nil, fmt.Errorf("%s.%s not found in the spec", name, property)
}

// Properties lists the names of a schema's properties, in the spec's order.
func (s *Spec) Properties(name string) ([]string, error) {
	b, err := s.schema(name)
	if err != nil {
		return nil, err
	}
	var out []string
	in := false
	for _, l := range b {
		switch {
		case l == "      properties:":
			in = true
		case strings.HasPrefix(l, "      ") && !strings.HasPrefix(l, "       "):
			in = false // the next key of the schema (required:, …)
		case in && strings.HasPrefix(l, "        ") && !strings.HasPrefix(l, "         ") && strings.HasSuffix(l, ":"):
			out = append(out, strings.TrimSuffix(strings.TrimSpace(l), ":"))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("schema %s has no properties in the spec", name)
	}
	return out, nil
}
