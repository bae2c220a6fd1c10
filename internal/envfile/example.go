package envfile

import (
	"os"
	"strings"
	"unicode"
)

// WriteExample adds the keys of sets to the committable example file at
// path (e.g. ".env.example") with placeholder values, merging like Apply:
// keys and lines already in the example stay exactly as they are, new keys
// are added under their group header. No backup is kept (the file holds no
// secrets and belongs in version control); a new file gets mode 0644.
//
// A placeholder is empty for a secret. A non-secret value is kept only when
// it reads like a setting (short, no digits: "sandbox", "transactions,auth");
// anything that looks like an identifier (client IDs, publishable keys,
// URLs with ports) is left empty too, so the example never pins one
// developer's account.
func WriteExample(path string, sets []Set) error {
	// The example is committed and comes with a clone: a link there could
	// lead onboard to write into any file (another project's .env), and
	// no one was asked, as they are for the .env itself.
	if li, err := os.Lstat(path); err == nil && !li.Mode().IsRegular() {
		return &FileError{Kind: ErrNotRegular, Path: path,
			What: "it is a link or not a regular file, and onboard writes only a plain .env.example",
			Do:   "Replace it with a plain file (or remove it), then run again"}
	}
	placeholders := make([]Set, len(sets))
	for i, s := range sets {
		s.Value = placeholder(s)
		s.Secret = false
		placeholders[i] = s
	}
	keepNew := func(d *Doc, sets []Set) []Set {
		var out []Set
		for _, s := range sets {
			if _, ok := d.Lookup(s.Key); !ok {
				out = append(out, s)
			}
		}
		return out
	}
	_, err := update(path, placeholders, nil, writeOptions{keep: keepNew})
	return err
}

func placeholder(s Set) string {
	if s.Secret || len(s.Value) > 40 || strings.IndexFunc(s.Value, unicode.IsDigit) >= 0 || !isPlain(s.Value) {
		return ""
	}
	return s.Value
}
