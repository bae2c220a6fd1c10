package plaid

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/secret"
)

// run tracks the results of one Verify and reports every change.
type run struct {
	mu      sync.Mutex
	results []providers.Result
	report  providers.Report
}

func newRun(names []string, report providers.Report) *run {
	r := &run{report: report}
	for _, n := range names {
		r.results = append(r.results, providers.Result{Provider: ID, Name: n, Status: providers.Pending, Summary: n == CheckKeysFormat})
	}
	return r
}

func (r *run) set(name string, st providers.Status, detail, hint string) {
	r.setLeaving(name, st, detail, hint, "")
}

// setLeaving is set for a check that may leave a test Item behind (left
// names it; "" when nothing is left).
func (r *run) setLeaving(name string, st providers.Status, detail, hint, left string) {
	r.mu.Lock()
	var res providers.Result
	for i := range r.results {
		if r.results[i].Name == name {
			r.results[i].Status, r.results[i].Detail, r.results[i].Hint, r.results[i].LeftBehind = st, detail, hint, left
			res = r.results[i]
		}
	}
	r.mu.Unlock()
	if r.report != nil && res.Name != "" {
		r.report(res)
	}
}

// addLeft adds what may be left behind to a check that has its verdict.
func (r *run) addLeft(name, left string) {
	r.mu.Lock()
	var res providers.Result
	for i := range r.results {
		if r.results[i].Name == name {
			if r.results[i].LeftBehind != "" {
				left = r.results[i].LeftBehind + "; " + left
			}
			r.results[i].LeftBehind = left
			res = r.results[i]
		}
	}
	r.mu.Unlock()
	if r.report != nil && res.Name != "" {
		r.report(res)
	}
}

func (r *run) start(name string) { r.set(name, providers.Running, "", "") }

func (r *run) fail(name string, err error) {
	if isCanceled(err) {
		r.set(name, providers.Skip, "cancelled", "")
		return
	}
	detail, hint := describe(err)
	r.set(name, providers.Fail, detail, hint)
}

// skipPending marks every check not yet run as skipped, saying why (or
// that the run was cancelled or ran out of time, when it did).
func (r *run) skipPending(ctx context.Context, why string) {
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		why = "cancelled"
	case ctx.Err() != nil && why == "":
		why = "not run: " + outOfTime
	}
	r.mu.Lock()
	var pending []string
	for _, res := range r.results {
		if res.Status == providers.Pending {
			pending = append(pending, res.Name)
		}
	}
	r.mu.Unlock()
	for _, n := range pending {
		r.set(n, providers.Skip, why, "")
	}
}

func (r *run) final() []providers.Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]providers.Result(nil), r.results...)
}

// outOfTime is why checks stop when the verification's time is up.
const outOfTime = "the time allowed for the Plaid checks ran out"

// stopped records why name ended with ctx: cancelled, or out of time (a
// failure: the check proved nothing, and a run must not pass on it).
func (r *run) stopped(ctx context.Context, name, left string) {
	if errors.Is(ctx.Err(), context.Canceled) {
		r.setLeaving(name, providers.Skip, "cancelled", "", left)
		return
	}
	r.setLeaving(name, providers.Fail, outOfTime+" before this check finished",
		"Plaid, or the network on the way, answered too slowly. Retry in a moment; https://status.plaid.com shows ongoing incidents.", left)
}

func isCanceled(err error) bool {
	var he *apihttp.Error
	return errors.Is(err, context.Canceled) || (errors.As(err, &he) && he.Kind == apihttp.Canceled)
}

// value reads a field's answer, falling back to its default.
func value(v providers.Values, f providers.Field) string {
	if s := providers.Normalize(v[f.Key]); s != "" {
		return s
	}
	return f.Default
}

// Verify checks the keys: their format, then live calls. In Sandbox it
// creates a test Item, exchanges its token and removes it again; in
// Production it makes one read-only call. Alongside either it asks for a
// Link token with the app's Link settings (products, countries, redirect
// URI), which proves what the keys alone do not. Each check is reported as
// it starts and ends.
func (p *Provider) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	r := newRun(p.Checks(v), report)
	if !p.checkFormat(r, v) {
		r.skipPending(ctx, "not run: fix the values above first")
		return r.final()
	}
	e := p.env(v)
	c := newClient(p.cfg.HTTP, p.baseURL(e), value(v, p.field(KeyClientID)), secret.Secret(value(v, p.field(KeySecret))))
	countries := providers.SplitList(value(v, p.field(KeyCountryCodes)))
	lp := p.linkPlan(v, time.Now())
	if e == EnvProduction {
		if !p.productionHost(r, c) {
			r.skipPending(ctx, "not run: Production keys are only sent to "+productionHost)
			return r.final()
		}
	}
	// The Link token needs nothing the other checks make, so it runs
	// beside them and adds no round trip to the longest chain.
	r.start(CheckLinkToken)
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.checkLink(ctx, r, c, lp, e, v)
	}()
	if e == EnvProduction {
		p.verifyProduction(ctx, r, c, countries)
	} else {
		p.verifySandbox(ctx, r, c, providers.SplitList(value(v, p.field(KeyProducts))), countries)
	}
	<-done
	return r.final()
}

func (p *Provider) field(key string) providers.Field {
	for _, f := range p.Fields() {
		if f.Key == key {
			return f
		}
	}
	return providers.Field{Key: key}
}

// checkFormat runs every field's rule; it reports false when a value cannot
// be right, so no call is made with it.
func (p *Provider) checkFormat(r *run, v providers.Values) bool {
	r.start(CheckKeysFormat)
	all := providers.Values{}
	for k, val := range v {
		all[k] = val
	}
	var warnings []string
	for _, f := range p.Fields() {
		all[f.Key] = value(v, f)
	}
	for _, f := range p.Fields() {
		verr := f.Check(all[f.Key], all)
		if verr == nil {
			continue
		}
		if verr.Severity == providers.Invalid {
			r.set(CheckKeysFormat, providers.Fail, f.Key+": "+verr.Msg, "Correct "+f.Key+" and run the check again.")
			return false
		}
		warnings = append(warnings, f.Key+": "+verr.Msg)
	}
	detail := fmt.Sprintf("client_id %s, %s secret %s", secret.Mask(all[KeyClientID]), all[KeyEnv], secret.Mask(all[KeySecret]))
	if len(warnings) > 0 {
		r.set(CheckKeysFormat, providers.Warn, detail+"; "+strings.Join(warnings, " "),
			"Plaid does not document these formats, so the live check decides; if it fails, copy the values again.")
		return true
	}
	r.set(CheckKeysFormat, providers.Pass, detail, "")
	return true
}

// productionHost refuses, as the production keys check, to send a
// Production secret anywhere but Plaid's production host.
func (p *Provider) productionHost(r *run, c *client) bool {
	err := apihttp.CheckOfficialHost(c.base, productionHost, "Plaid Production secret")
	if err == nil {
		return true
	}
	r.start(CheckProductionKeys)
	r.set(CheckProductionKeys, providers.Fail, err.Error(),
		"Production keys are only ever sent to https://production.plaid.com. Drop --plaid-url, or switch PLAID_ENV to sandbox to use a local simulator.")
	return false
}

func (p *Provider) verifyProduction(ctx context.Context, r *run, c *client, countries []string) {
	r.start(CheckProductionKeys)
	country := "US"
	if len(countries) > 0 {
		country = countries[0]
	}
	total, err := c.listOneInstitution(ctx, country)
	if err != nil {
		r.fail(CheckProductionKeys, err)
		return
	}
	r.set(CheckProductionKeys, providers.Pass,
		fmt.Sprintf("%s accepted client_id %s with the Production secret %s (%d institutions in %s)", c.host, secret.Mask(c.clientID), c.secret, total, country), "")
}

// created is the answer to one /sandbox/public_token/create.
type created struct {
	public secret.Secret
	err    error
}

// createItem asks for a test Item in the background. It runs on a context
// of its own: a create that reached Plaid makes an Item whether or not its
// answer is read, and only the public token in that answer can remove it,
// so the answer is always waited for, even after a cancel.
func createItem(ctx context.Context, c *client, institutionID string, products []string) <-chan created {
	ch := make(chan created, 1)
	go func() {
		cctx, cancel := providers.CleanupContext(ctx)
		defer cancel()
		public, err := c.createSandboxPublicToken(cctx, institutionID, products)
		ch <- created{public, err}
	}()
	return ch
}

// discard removes an Item this run made but has no check for: one made
// ahead of the lookup and not used, or one whose check was cancelled. It
// reports whether the Item is gone.
func discard(ctx context.Context, c *client, public secret.Secret) bool {
	cctx, cancel := providers.CleanupContext(ctx)
	defer cancel()
	access, _, err := c.exchange(cctx, public)
	return err == nil && !access.IsZero() && c.removeItem(cctx, access) == nil
}

// mayRemain is what a cut-off creation or removal may leave behind.
func mayRemain(inst string) string {
	return "possibly a test Item at " + inst + " in Plaid Sandbox (Sandbox Items cost nothing; remove it with /item/remove or leave it)"
}

// verifySandbox looks up a test bank, then creates a test Item there,
// exchanges its token and removes it. The lookup is there to pick the bank,
// and it almost always picks the first candidate (First Platypus Bank for
// US products) with every chosen product, so that Item is created while the
// lookup runs: the chain is then three round trips, not four. When the
// lookup picks otherwise, or fails, the early Item is removed in the
// background and never reported.
func (p *Provider) verifySandbox(ctx context.Context, r *run, c *client, products, countries []string) {
	testable, untested := splitTestable(products)
	cands := candidates(testable, countries)
	early := createEarly(ctx, c, cands[0], testable)
	defer early.wait(r)

	r.start(CheckInstitution)
	inst, missing, err := pickInstitution(ctx, c, testable, cands)
	if err != nil {
		early.drop(ctx, c)
		r.fail(CheckInstitution, err)
		r.skipPending(ctx, "not run: the institution lookup failed")
		return
	}
	use := without(testable, missing)
	reportInstitution(r, inst, use, missing, untested)
	if len(use) == 0 {
		early.drop(ctx, c)
		r.skipPending(ctx, "not run: none of the chosen products can be tried on a Sandbox test bank (the keys were accepted by the institution lookup)")
		return
	}

	public, ok := createTestItem(ctx, r, c, inst, use, early.itemFor(ctx, c, inst, use))
	if !ok {
		return
	}
	p.exchangeToken(ctx, r, c, inst, public)
}

// earlyItem is the test Item created at the first candidate bank while the
// lookup runs, before it is known to be the one wanted.
type earlyItem struct {
	bank       SandboxInstitution
	products   []string
	pending    <-chan created // nil once taken or dropped, or when none was made
	background sync.WaitGroup
	left       atomic.Bool // the Item may outlive Verify
}

// createEarly starts the early Item (none when no product can be tried).
func createEarly(ctx context.Context, c *client, bank SandboxInstitution, products []string) *earlyItem {
	e := &earlyItem{bank: bank, products: products}
	if len(products) > 0 {
		e.pending = createItem(ctx, c, bank.ID, products)
	}
	return e
}

// drop removes the early Item in the background, once its creation answers.
func (e *earlyItem) drop(ctx context.Context, c *client) {
	if e.pending == nil {
		return
	}
	ch := e.pending
	e.pending = nil
	e.background.Add(1)
	go func() {
		defer e.background.Done()
		cr := <-ch
		// An answer cut off by an interrupt may still have made one.
		if cr.err == nil && !discard(ctx, c, cr.public) || isCanceled(cr.err) {
			e.left.Store(true)
		}
	}()
}

// itemFor is the creation of the Item to test at inst with products use:
// the early one when the lookup picked its bank and every product, else a
// new one, and the early one is dropped.
func (e *earlyItem) itemFor(ctx context.Context, c *client, inst Institution, use []string) <-chan created {
	if inst.ID == e.bank.ID && slices.Equal(use, e.products) {
		ch := e.pending
		e.pending = nil
		return ch
	}
	e.drop(ctx, c)
	return createItem(ctx, c, inst.ID, use)
}

// wait returns once a dropped early Item is removed, so none outlives
// Verify unless its removal failed; then the Item create check says it may
// remain.
func (e *earlyItem) wait(r *run) {
	e.background.Wait()
	if e.left.Load() {
		r.addLeft(CheckItemCreate, mayRemain(e.bank.Name+" ("+e.bank.ID+")"))
	}
}

// reportInstitution gives the institution check its verdict: a warning
// when some chosen products are not tried on the test Item.
func reportInstitution(r *run, inst Institution, use, missing, untested []string) {
	detail := fmt.Sprintf("%s %s offers %s", inst.ID, inst.Name, strings.Join(orNone(use), ", "))
	var notes []string
	if len(missing) > 0 {
		notes = append(notes, fmt.Sprintf("%s does not offer %s and no other test bank offers every chosen product, so it is not tried here", inst.Name, strings.Join(missing, ", ")))
	}
	if len(untested) > 0 {
		notes = append(notes, "not tried on a test Item: "+strings.Join(untested, "; "))
	}
	if len(notes) > 0 {
		r.set(CheckInstitution, providers.Warn, detail+"; "+strings.Join(notes, "; "),
			"Your keys can still be fine: these products are set up in the dashboard and tried with a real flow. Remove any you do not need from PLAID_PRODUCTS.")
		return
	}
	r.set(CheckInstitution, providers.Pass, detail, "")
}

// createTestItem waits for the test Item's creation and checks its public
// token, which it returns; false when there is no usable one (the checks
// after it are then skipped).
func createTestItem(ctx context.Context, r *run, c *client, inst Institution, use []string, pending <-chan created) (secret.Secret, bool) {
	r.start(CheckItemCreate)
	cr := <-pending
	public, err := cr.public, cr.err
	if ctx.Err() != nil {
		left := ""
		if err == nil && !discard(ctx, c, public) || isCanceled(err) {
			left = mayRemain(inst.Name)
		}
		r.stopped(ctx, CheckItemCreate, left)
		r.skipPending(ctx, "")
		return "", false
	}
	if err != nil {
		r.fail(CheckItemCreate, err)
		r.skipPending(ctx, "not run: no test Item was created")
		return "", false
	}
	if !PublicTokenShape.MatchString(public.Reveal()) {
		r.set(CheckItemCreate, providers.Fail, fmt.Sprintf("the public token %s does not have the shape public-sandbox-<uuid>", public), tokenShapeHint)
		r.skipPending(ctx, "not run: no usable public token")
		return "", false
	}
	r.set(CheckItemCreate, providers.Pass, fmt.Sprintf("test Item at %s with %s; public token %s", inst.Name, strings.Join(use, ", "), public), "")
	return public, true
}

// exchangeToken exchanges the public token for an access token and, with
// one, removes the Item before it returns.
func (p *Provider) exchangeToken(ctx context.Context, r *run, c *client, inst Institution, public secret.Secret) {
	r.start(CheckTokenExchange)
	access, itemID, err := c.exchange(ctx, public)
	if isCanceled(err) {
		// Plaid made the Item along with the public token, and only an
		// access token can remove it: exchange on a context of our own.
		cctx, cancel := providers.CleanupContext(ctx)
		access, itemID, _ = c.exchange(cctx, public)
		cancel()
	}
	if !access.IsZero() {
		defer p.cleanup(ctx, r, c, access, itemID)
	}
	switch {
	case err != nil && access.IsZero():
		// The Item exists (the public token proves it) and cannot be
		// removed without an access token.
		detail, hint := describe(err)
		if isCanceled(err) {
			r.setLeaving(CheckTokenExchange, providers.Skip, "cancelled", "", mayRemain(inst.Name))
		} else {
			r.setLeaving(CheckTokenExchange, providers.Fail, detail, hint, mayRemain(inst.Name))
		}
	case err != nil:
		r.fail(CheckTokenExchange, err)
	case !AccessTokenShape.MatchString(access.Reveal()):
		r.set(CheckTokenExchange, providers.Fail, fmt.Sprintf("the access token %s does not have the shape access-sandbox-<uuid>", access), tokenShapeHint)
	case itemID == "":
		r.set(CheckTokenExchange, providers.Fail, "the answer had no item_id", badAnswerHint)
	default:
		r.set(CheckTokenExchange, providers.Pass, fmt.Sprintf("item %s, access token %s", itemID, access), "")
	}
	if access.IsZero() {
		r.skipPending(ctx, "not run: no access token, so no Item to remove")
	}
}

// cleanup removes the test Item on a context of its own: the caller's may
// already be cancelled, and an Item must not be left behind.
func (p *Provider) cleanup(ctx context.Context, r *run, c *client, access secret.Secret, itemID string) {
	r.start(CheckItemRemoved)
	cctx, cancel := providers.CleanupContext(ctx)
	defer cancel()
	if err := c.removeItem(cctx, access); err != nil {
		detail, hint := describe(err)
		if isCanceled(err) {
			detail, hint = "interrupted before Plaid confirmed the removal", ""
		}
		r.setLeaving(CheckItemRemoved, providers.Fail, fmt.Sprintf("item %s: %s", orUnknown(itemID), detail),
			strings.TrimSpace(hint+" The test Item is in Sandbox, costs nothing, and can be left."),
			"possibly the test Item "+orUnknown(itemID)+" in Plaid Sandbox (Sandbox Items cost nothing)")
		return
	}
	r.set(CheckItemRemoved, providers.Pass, fmt.Sprintf("item %s removed", orUnknown(itemID)), "")
}

const tokenShapeHint = "Plaid's tokens look like <kind>-<environment>-<uuid>: public-sandbox-…, access-sandbox-…, link-sandbox-… in Sandbox. Another shape means the URL is not Plaid (check --plaid-url) or the environment does not match PLAID_ENV."

// splitTestable separates the products a plain Sandbox Item can be created
// with from those it cannot take; each of those is named with why.
func splitTestable(products []string) (testable, untested []string) {
	for _, p := range products {
		switch {
		case !contains(sandboxProducts, p):
			untested = append(untested, p+" (the Sandbox shortcut does not take it; Link does)")
		case isCRA(p) || p == "income_verification":
			// Their Items belong to a Plaid user (the spec's user_id of
			// /sandbox/public_token/create), which a credentials check
			// should not create.
			untested = append(untested, p+" (needs a Plaid user)")
		case !contains(testable, p):
			testable = append(testable, p)
		}
	}
	return testable, untested
}

func without(list, drop []string) []string {
	var out []string
	for _, x := range list {
		if !contains(drop, x) {
			out = append(out, x)
		}
	}
	return out
}

func orNone(list []string) []string {
	if len(list) == 0 {
		return []string{"none of the chosen products"}
	}
	return list
}

func orUnknown(itemID string) string {
	if itemID == "" {
		return "(id unknown)"
	}
	return itemID
}
