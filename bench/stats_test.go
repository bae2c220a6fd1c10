package bench

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	ms := func(vs ...int) []time.Duration {
		out := make([]time.Duration, len(vs))
		for i, v := range vs {
			out[i] = time.Duration(v) * time.Millisecond
		}
		return out
	}
	s := Summarize(ms(50, 10, 40, 20, 30, 100, 60, 70, 90, 80))
	if s.Median != 55*time.Millisecond || s.P90 != 90*time.Millisecond || s.Min != 10*time.Millisecond || s.Max != 100*time.Millisecond || s.N != 10 {
		t.Fatalf("Summarize = %+v", s)
	}
	if s := Summarize(ms(7)); s.Median != 7*time.Millisecond || s.P90 != 7*time.Millisecond {
		t.Fatalf("one value: %+v", s)
	}
	if got := Median([]float64{3, 1, 2}); got != 2 {
		t.Fatalf("Median odd = %v", got)
	}
}
