package e2e

import (
	"os/exec"
	"strings"
	"testing"
)

// The shipped binary links no test helper, measurement or end-to-end
// package: internal/testkit, bench, e2e and the …test packages beside
// the packages they serve are for tests only.
func TestShippedBinaryLinksNoTestPackage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "..").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	const module = "github.com/onboard-dev/onboard"
	for _, pkg := range strings.Fields(string(out)) {
		rel, ok := strings.CutPrefix(pkg, module+"/")
		if !ok {
			continue
		}
		first, _, _ := strings.Cut(rel, "/")
		last := rel[strings.LastIndex(rel, "/")+1:]
		if first == "bench" || first == "e2e" || strings.HasPrefix(rel, "internal/testkit") || strings.HasSuffix(last, "test") {
			t.Errorf("the binary links %s, a package for tests only", pkg)
		}
	}
}
