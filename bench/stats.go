package bench

import (
	"slices"
	"time"
)

// Summary is the spread of repeated measurements.
type Summary struct {
	N           int
	Median, P90 time.Duration
	Min, Max    time.Duration
}

// Summarize takes the median and the 90th percentile (nearest rank) of ds.
func Summarize(ds []time.Duration) Summary {
	if len(ds) == 0 {
		return Summary{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return Summary{
		N:      len(s),
		Median: Median(s),
		P90:    s[rank(len(s), 0.9)],
		Min:    s[0],
		Max:    s[len(s)-1],
	}
}

// Median of sorted or unsorted values; the mean of the two middle ones for
// an even count.
func Median[T ~int64 | ~float64](vs []T) T {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// rank is the index of the nearest-rank q-quantile of n sorted values.
func rank(n int, q float64) int {
	i := int(q*float64(n)+0.999999) - 1
	return max(0, min(i, n-1))
}

// Ms formats d in milliseconds with one decimal.
func Ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
