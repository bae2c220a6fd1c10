package readiness

import (
	"regexp"
	"testing"
)

// FuzzParse: whatever a person (or a merge conflict) leaves in the report,
// parsing never panics and yields only confirm items with a day or "".
func FuzzParse(f *testing.F) {
	f.Add(Render(fixedReport()))
	f.Add([]byte("- [x] x (`secrets-manager`, required): confirmed 2026-01-02\r\n- [X] (`plaid-update-mode`"))
	f.Add([]byte("* [x] (`no-test-keys`)\n- [ ] (`secrets-manager`)"))
	day := regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})?$`)
	f.Fuzz(func(t *testing.T, md []byte) {
		for id, d := range Parse(md, allItems()) {
			it, ok := lookup(id)
			if !ok || it.Kind != Confirm {
				t.Fatalf("parsed %q, which is not a confirm item", id)
			}
			if !day.MatchString(d) {
				t.Fatalf("day %q for %s", d, id)
			}
		}
	})
}
