package check

import (
	"context"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
)

// verifyAll runs each provider's live checks in its own goroutine, so a slow
// or hanging service delays only its own results. Each goes through
// providers.Verify: one time budget per provider, and every secret a server
// quoted masked. The map is keyed by
// provider id; each list keeps the provider's order.
func verifyAll(ctx context.Context, ps []providers.Provider, values providers.Values, prog *progress) map[providers.ID][]providers.Result {
	out := make(map[providers.ID][]providers.Result, len(ps))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Add(1)
		go func(p providers.Provider) {
			defer wg.Done()
			id := p.Spec().ID
			rs := providers.Verify(ctx, p, values, prog.reporter(id))
			prog.finished(id)
			// Group every result under the provider that produced it, as the
			// format results are, whatever name the provider put there.
			for i := range rs {
				rs[i].Provider = id
			}
			mu.Lock()
			out[id] = rs
			mu.Unlock()
		}(p)
	}
	wg.Wait()
	return out
}
