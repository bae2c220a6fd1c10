package lineui

import (
	"testing"

	"github.com/onboard-dev/onboard/internal/demo"
)

func TestDemoEnterEverywhereWritesTheDemoKeys(t *testing.T) {
	p := newProject(t)
	out, err := run(t, p.flow(demo.Values()), enters(200))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	t.Logf("\n%s", out)
	got := p.env(t)
	for k, want := range demo.Values() {
		if got[k] != want {
			t.Errorf("%s in .env differs from the demo value", k)
		}
	}
}
