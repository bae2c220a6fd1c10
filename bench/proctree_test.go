package bench

import (
	"testing"
	"time"
)

// A parent that hands its memory use to children must be measured with
// them: two children each holding 64 MiB make a tree of at least 128 MiB,
// while rusage reports only the largest single process.
func TestRunProcessTreeAddsUpChildren(t *testing.T) {
	hold := `head -c 67108864 /dev/zero | tr '\0' x | (v=$(cat); sleep 0.3)`
	script := "(" + hold + ") & (" + hold + ") & wait"
	r := RunProcessTree([]string{"/bin/sh", "-c", script}, t.TempDir(), nil, 5*time.Millisecond)
	if r.Err != nil {
		t.Fatalf("%v: %s", r.Err, r.Stderr)
	}
	if r.Samples < 2 {
		t.Fatalf("%d samples", r.Samples)
	}
	if r.PeakTreeKB < 120<<10 {
		t.Errorf("tree peak %d KiB, want at least 120 MiB (two children of 64 MiB)", r.PeakTreeKB)
	}
	if r.PeakTreeKB < r.MaxRSSKB {
		t.Errorf("tree peak %d KiB below the largest process %d KiB", r.PeakTreeKB, r.MaxRSSKB)
	}
}
