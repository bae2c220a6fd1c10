package providers

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

const (
	testSecret = "sk_test_51VerifyWrapperSecretQ7xW3vB9nM2Lk"
	testID     = "0123456789abcdef01234567"         // not marked Secret, but shaped like a credential
	testOther  = "9f8e7d6c5b4a39281706f5e4d3c2b1a0" // a key in a variable no field knows
)

// fake is a provider whose Verify is a function, with one secret field.
type fake struct {
	verify func(ctx context.Context, v Values, report Report) []Result
}

var fakeSpec = Spec{ID: "fake", Name: "Fake"}

func (f fake) Spec() *Spec                                             { return &fakeSpec }
func (f fake) Checklist(Values) []ChecklistItem                        { return nil }
func (f fake) Checks(Values) []string                                  { return []string{"one", "two"} }
func (f fake) Fields() []Field                                         { return []Field{{Key: "KEY", Secret: true}, {Key: "ID"}} }
func (f fake) Verify(ctx context.Context, v Values, r Report) []Result { return f.verify(ctx, v, r) }

var fakeValues = Values{"KEY": testSecret, "ID": testID, "OTHER": testOther, "ENV": "sandbox", "PRODUCTS": "transactions,auth",
	"REDIRECT": "https://localhost:3000/oauth/callback"}

type collected struct {
	mu sync.Mutex
	rs []Result
}

func (c *collected) add(r Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rs = append(c.rs, r)
}

// Every text a provider reports or returns passes through the redactor: a
// server quoting a secret in a detail, a hint or a leftover is masked.
func TestVerifyRedactsEveryResult(t *testing.T) {
	quote := func(s string) string {
		return "server said " + s + ", " + url.QueryEscape(s) + " and " + strings.ReplaceAll(s, "", " ")
	}
	p := fake{verify: func(_ context.Context, v Values, report Report) []Result {
		for _, s := range []string{testSecret, testID, testOther} {
			report(Result{Name: "one", Status: Running, Detail: quote(s)})
		}
		return []Result{
			{Name: "one", Status: Fail, Detail: quote(testSecret), Hint: quote(testID), LeftBehind: quote(testOther)},
			{Name: "two", Status: Pass, Detail: "fine: sandbox, transactions,auth, https://localhost:3000/oauth/callback"},
		}
	}}
	var got collected
	rs := Verify(context.Background(), p, fakeValues, got.add)
	out, _ := json.Marshal(append(rs, got.rs...))
	leakcheck.AssertNoLeak(t, "results", out, testSecret, testID, testOther)
	if rs[1].Detail != "fine: sandbox, transactions,auth, https://localhost:3000/oauth/callback" {
		t.Errorf("words, option lists and URLs must be left alone: %q", rs[1].Detail)
	}
	if !strings.Contains(rs[0].Detail, "server said sk_test_…") {
		t.Errorf("the masked form should replace the secret: %q", rs[0].Detail)
	}
}

// A check the provider left pending or running never passes: it failed
// when nobody cancelled, it was skipped when the caller did.
func TestVerifyNeverLeavesACheckUnfinished(t *testing.T) {
	p := fake{verify: func(context.Context, Values, Report) []Result {
		return []Result{{Name: "one", Status: Running}, {Name: "two", Status: Pending}}
	}}
	var got collected
	for _, r := range Verify(context.Background(), p, fakeValues, got.add) {
		if r.Status != Fail || r.Detail == "" {
			t.Errorf("%s: %s %q, want a failure", r.Name, r.Status, r.Detail)
		}
	}
	if len(got.rs) != 2 {
		t.Errorf("the verdicts were not reported: %v", got.rs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, r := range Verify(ctx, p, fakeValues, nil) {
		if r.Status != Skip {
			t.Errorf("%s after a cancel: %s, want skip", r.Name, r.Status)
		}
	}
}

// The provider runs under one deadline, VerifyBudget away at most, and its
// cleanups under one that ends CleanupGrace after it.
func TestVerifyBudget(t *testing.T) {
	var start, budget, cleanup time.Time
	p := fake{verify: func(ctx context.Context, _ Values, _ Report) []Result {
		start = time.Now()
		budget, _ = ctx.Deadline()
		cctx, cancel := CleanupContext(ctx)
		defer cancel()
		// A cleanup inside a cleanup shares the same limit.
		inner, cancelInner := CleanupContext(cctx)
		defer cancelInner()
		cleanup, _ = inner.Deadline()
		return []Result{{Name: "one", Status: Pass}, {Name: "two", Status: Pass}}
	}}
	Verify(context.Background(), p, fakeValues, nil)
	if budget.IsZero() || budget.Sub(start) > VerifyBudget {
		t.Fatalf("the provider's deadline is %s away, want at most %s", budget.Sub(start), VerifyBudget)
	}
	if cleanup.Sub(budget) > CleanupGrace {
		t.Fatalf("a cleanup may run %s past the budget, want at most %s", cleanup.Sub(budget), CleanupGrace)
	}

	// A shorter deadline of the caller's wins.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	Verify(ctx, p, fakeValues, nil)
	if want, _ := ctx.Deadline(); !budget.Equal(want) {
		t.Fatalf("deadline %s, want the caller's %s", budget, want)
	}
}

// After the caller cancels, cleanups get a short grace and then end as
// cancelled; cancelling never ends them at once (a service that answers can
// still remove its test object). Without Verify, a cleanup survives a cancel.
func TestCleanupAfterACancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var early, late error
	p := fake{verify: func(vctx context.Context, _ Values, _ Report) []Result {
		cancel()
		<-vctx.Done()
		cctx, stop := CleanupContext(vctx)
		defer stop()
		early = cctx.Err()
		<-cctx.Done()
		late = cctx.Err()
		return []Result{{Name: "one", Status: Skip}, {Name: "two", Status: Skip}}
	}}
	Verify(ctx, p, fakeValues, nil)
	if early != nil || !errors.Is(late, context.Canceled) {
		t.Fatalf("cleanup context: %v right after the cancel, %v at its end; want alive, then cancelled", early, late)
	}

	ctx2, cancel2 := context.WithCancel(context.Background())
	cctx, stop := CleanupContext(ctx2)
	defer stop()
	cancel2()
	if cctx.Err() != nil {
		t.Fatal("outside Verify a cleanup context must survive the caller's cancel")
	}
	if d, ok := cctx.Deadline(); !ok || time.Until(d) > CleanupTimeout {
		t.Fatalf("outside Verify a cleanup is bounded by CleanupTimeout; deadline %v", d)
	}
}

func TestRedactorForPicksTheSecrets(t *testing.T) {
	r := RedactorFor(fake{}.Fields(), Values{"KEY": `"short1"`, "ID": testID, "LIST": "transactions,auth,identity_verification",
		"LONGWORD": "abcdefghijklmnopqrstuvwxyzabcdef", "URL": "https://example.com/cb?x=1234567890", "EMAIL": "dev@example.com"})
	for in, want := range map[string]string{
		"id " + testID:                            "id …4567",
		"abcdefghijklmnopqrstuvwxyzabcdef":        "…cdef",
		"transactions,auth,identity_verification": "transactions,auth,identity_verification",
		"https://example.com/cb?x=1234567890":     "https://example.com/cb?x=1234567890",
		"dev@example.com":                         "dev@example.com",
	} {
		if got := r.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
