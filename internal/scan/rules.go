package scan

import (
	"bytes"
	"math"
)

// The pattern rules. Each starts from a fixed anchor found with
// bytes.Index (vectorised, several GB/s), so the cost per byte of history
// is a handful of memory scans, and the careful checks run only where an
// anchor is.
//
// Noise control follows the same ideas as gitleaks' Stripe and Plaid rules,
// in our own form:
//   - Stripe keys start at a word boundary with their kind prefix and end
//     where the letters and digits end;
//   - Plaid secrets and client ids are bare hex, so they count only next
//     to a marker: the key of an assignment (PLAID_SECRET=…, "secret": …,
//     plaidClientId: …) that names Plaid, or names a secret;
//   - every candidate must look random (Shannon entropy) and not like a
//     placeholder (xxxx, 0123456789, abcdef, your_key, repeated chunks).

// wordClass marks the bytes of a word: [A-Za-z0-9_]. Every key is a run of
// them (a Stripe key with its prefix, a Plaid hex value) or ends in one (a
// Plaid access token's last 12 hex digits), so one pass that finds the
// runs of ten or more finds every candidate. Code has few such runs: most
// identifiers are shorter, and the checks on a long one are a few byte
// compares before anything is copied.
var wordClass = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = isWord(byte(c))
	}
	return t
}()

// minRun is the shortest run worth a look: a Stripe prefix is 5 to 8
// bytes and its body at least 10; the Plaid values are 12, 24 and 30.
const minRun = 12

// wordMask is wordClass as all-ones or zero, for the branch-free counter
// in runs.
var wordMask = func() (t [256]int) {
	for c := 0; c < 256; c++ {
		if wordClass[c] {
			t[c] = -1
		}
	}
	return t
}()

// runs calls d.candidate for every run of word bytes of minRun or more
// that starts in buf[from:limit]; the run may go on past limit (the
// overlap holds its end). buf[from-1], when there is one, is not a word
// byte (see cut).
//
// The loop keeps the length of the current run without a branch per byte
// ((n+1) & mask) and branches only when a run reaches minRun, which in
// code is rare: this is the loop every byte of the history goes through.
func (d *detector) runs(buf []byte, from, limit int) {
	n := len(buf)
	end := min(n, limit+minRun-1)
	run := 0
	for i := from; i < end; i++ {
		run = (run + 1) & wordMask[buf[i]]
		if run == minRun {
			s := i - minRun + 1
			e := i + 1
			for e < n && wordClass[buf[e]] {
				e++
			}
			if s < limit {
				d.candidate(buf, s, e)
			}
			i, run = e, 0
		}
	}
}

// candidate checks one run buf[s:e] against every rule.
func (d *detector) candidate(buf []byte, s, e int) {
	run := buf[s:e]
	if len(d.byWord) > 0 && len(run) <= maxToken && d.lengths[len(run)] {
		if vi, ok := d.byWord[string(run)]; ok {
			d.hits = append(d.hits, hit{kind: d.kindOf(vi, run), start: s, end: e, env: vi})
			return
		}
	}
	if k, ok := stripeKind(run); ok {
		d.add(k, s, e)
		return
	}
	switch len(run) {
	case 30:
		d.plaidHex(buf, s, e, PlaidSecret)
	case 24:
		d.plaidHex(buf, s, e, PlaidClientID)
	case 12:
		if t := accessTokenStart(buf, s); t >= 0 {
			d.add(PlaidAccessToken, t, e)
		}
	}
}

// kindOf is the kind of a known value found exactly: what a pattern says
// it is, else what its variable holds.
func (d *detector) kindOf(vi int, run []byte) Kind {
	if k, ok := stripeKind(run); ok {
		return k
	}
	if k, ok := envKinds[d.values[vi].Name]; ok {
		return k
	}
	return EnvValue
}

// stripePrefixes are the Stripe key prefixes, with whether the body may
// hold '_' (organization and claimable sandbox keys) and the body's
// shortest length.
var stripePrefixes = []struct {
	prefix     string
	kind       Kind
	underscore bool
	min        int
}{
	{"sk_live_", StripeSecretKey, false, 10}, {"sk_test_", StripeSecretKey, false, 10}, {"sk_prod_", StripeSecretKey, false, 10},
	{"rk_live_", StripeRestrictedKey, false, 10}, {"rk_test_", StripeRestrictedKey, false, 10}, {"rk_prod_", StripeRestrictedKey, false, 10},
	{"sk_org_", StripeOrgKey, true, 16}, {"rkcs_", StripeSandboxKey, true, 16}, {"whsec_", StripeWebhookSecret, false, 16},
}

// stripeKind recognises a whole run as a Stripe key: its prefix, then
// letters and digits that look random.
func stripeKind(run []byte) (Kind, bool) {
	if len(run) < 15 || !(run[0] == 's' || run[0] == 'r' || run[0] == 'w') {
		return "", false
	}
	for _, p := range stripePrefixes {
		if !bytes.HasPrefix(run, []byte(p.prefix)) {
			continue
		}
		body := run[len(p.prefix):]
		if len(body) > maxToken {
			return "", false
		}
		if p.underscore {
			body = bytes.ReplaceAll(body, []byte("_"), nil)
		} else if bytes.IndexByte(body, '_') >= 0 {
			return "", false
		}
		if len(body) < p.min || !looksRandom(body) || isPublicExample(run) {
			return "", false
		}
		return p.kind, true
	}
	return "", false
}

// isPublicExample: the test key printed in Stripe's own documentation and
// copied into countless samples. It belongs to no one's account.
func isPublicExample(key []byte) bool {
	return string(key) == "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
}

// plaidHex checks a 24- or 30-character run as a Plaid client_id or secret:
// it must be the value of an assignment whose key names it (see
// assignmentKey), and look random.
//
// With "plaid" in the key (PLAID_SECRET=…, plaidClientId: …) any letters
// and digits count, held to gitleaks' randomness bar (entropy above 3.5);
// with only "secret" (30) or "client" (24, with Plaid named in the 256
// bytes before) the value must be lowercase hex, as Plaid's are.
func (d *detector) plaidHex(buf []byte, s, e int, k Kind) {
	ks, ke := assignmentKey(buf, s)
	if ks < 0 {
		return
	}
	key := buf[ks:ke]
	tok := buf[s:e]
	hex := true
	for _, c := range tok {
		if !isLowerHex(c) {
			hex = false
			break
		}
	}
	switch {
	case mentionsPlaid(key):
		if !(hex && looksRandom(tok)) && !(entropy(tok) > 3.5 && !isPlaceholder(tok)) {
			return
		}
	case !hex || !looksRandom(tok):
		return
	case k == PlaidSecret && containsFold(key, "secret"):
	case k == PlaidClientID && containsFold(key, "client") && mentionsPlaid(buf[max(0, ks-plaidContext):ks]):
	default:
		return
	}
	d.add(k, s, e)
}

// assignmentKey reads backwards from a value at s: up to six spaces,
// quotes or backticks, an operator (= : := => > , ?= ||), up to three
// spaces or quotes, then the key: letters, digits, '_', '.', '-', spaces
// and tabs, up to 72 bytes on the same line. It returns the key's bounds,
// or -1 when the value is not assigned to anything.
func assignmentKey(buf []byte, s int) (int, int) {
	i := s
	back := func(max int, ok func(byte) bool) int {
		n := 0
		for i > 0 && n < max && ok(buf[i-1]) {
			i--
			n++
		}
		return n
	}
	back(6, func(c byte) bool { return isSpace(c) || c == '\'' || c == '"' || c == '`' })
	if back(3, func(c byte) bool { return c == '=' || c == ':' || c == '>' || c == ',' || c == '?' || c == '|' }) == 0 {
		return -1, -1
	}
	back(3, func(c byte) bool { return isSpace(c) || c == '\'' || c == '"' })
	ke := i
	if back(72, func(c byte) bool { return isWord(c) || c == '.' || c == '-' || c == ' ' || c == '\t' }) == 0 {
		return -1, -1
	}
	return i, ke
}

func containsFold(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		if bytes.EqualFold(b[i:i+len(word)], []byte(word)) {
			return true
		}
	}
	return false
}

// plaidContext is how far before "client_id" a mention of Plaid counts.
const plaidContext = 256

func mentionsPlaid(b []byte) bool {
	for i := 0; i+5 <= len(b); i++ {
		if b[i]|0x20 == 'p' && b[i+1]|0x20 == 'l' && b[i+2]|0x20 == 'a' && b[i+3]|0x20 == 'i' && b[i+4]|0x20 == 'd' {
			return true
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// accessTokenStart checks that the 12 hex digits at s end a Plaid access
// token, "access-" + environment + "-" + a lowercase UUID, and returns
// where the token starts, or -1.
func accessTokenStart(buf []byte, s int) int {
	if s < 36 || buf[s-1] != '-' || !allLowerHex(buf[s:s+12]) {
		return -1
	}
	u := s - 24 // the UUID: 8-4-4-4-12
	if buf[u+8] != '-' || buf[u+13] != '-' || buf[u+18] != '-' ||
		!allLowerHex(buf[u:u+8]) || !allLowerHex(buf[u+9:u+13]) || !allLowerHex(buf[u+14:u+18]) || !allLowerHex(buf[u+19:u+23]) {
		return -1
	}
	for _, env := range []string{"access-sandbox-", "access-production-", "access-development-"} {
		t := u - len(env)
		if t >= 0 && string(buf[t:u]) == env && (t == 0 || !isAlnum(buf[t-1])) {
			return t
		}
	}
	return -1
}

func allLowerHex(b []byte) bool {
	for _, c := range b {
		if !isLowerHex(c) {
			return false
		}
	}
	return true
}

// looksRandom: random enough for its length and not a placeholder.
func looksRandom(b []byte) bool {
	return !isPlaceholder(b) && entropy(b) >= minEntropy(len(b))
}

// minEntropy is the bar for a value of n characters. Random hex of 24
// characters scores 2.9 to 3.9 bits per character and random letters and
// digits more; the bar sits below all of them (no random 24-hex value in
// 200,000 scored under 2.5), so a real key is never dropped, while
// "aaaabbbbcccc"-style fillers are. gitleaks' Plaid bar of 3.5 drops about
// half of all real client_ids and a quarter of real secrets.
func minEntropy(n int) float64 {
	return math.Min(2.5, 0.75*math.Log2(float64(n)))
}

// entropy is the Shannon entropy of b in bits per byte.
func entropy(b []byte) float64 {
	var counts [256]int
	for _, c := range b {
		counts[c]++
	}
	var h float64
	n := float64(len(b))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// placeholderWords are what examples put where a key goes. They count in
// a short value, or at the start of a long one: a real key's hundred
// random characters hold "fake" or "your" somewhere about once in 10^5,
// and dropping a real key is worse than reporting an example.
var placeholderWords = []string{
	"your", "example", "sample", "dummy", "placeholder", "fake", "redacted", "changeme",
	"replace", "insert", "xxxx", "test1234", "secretkey",
}

// placeholderForms are placeholderWords as they are looked for: each in
// lower and in upper case, made once.
var placeholderForms = func() (forms [][]byte) {
	for _, w := range placeholderWords {
		forms = append(forms, []byte(w), bytes.ToUpper([]byte(w)))
	}
	return forms
}()

// isPlaceholder spots the values people put in examples and docs. Each
// rule is one that a random key of letters and digits, or of hex, meets
// less than once in 10^5.
func isPlaceholder(b []byte) bool {
	return len(b) == 0 || hasPlaceholderWord(b) || hasSequence(b) || repeatsChunk(b)
}

// hasPlaceholderWord: b starts with a placeholder word, or holds one and
// is shorter than 40.
func hasPlaceholderWord(b []byte) bool {
	for _, form := range placeholderForms {
		if bytes.HasPrefix(b, form) || len(b) < 40 && bytes.Contains(b, form) {
			return true
		}
	}
	return false
}

// hasSequence finds the runs a person types: 7 of one character (0000000,
// xxxxxxx); 6 in a row from the start of the alphabet or the digits
// (abcdef, AbCdEf, 012345, 123456), 8 in a row anywhere, up or down
// (98765432). Letters count without their case.
func hasSequence(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	same, up, down := 1, 1, 1
	upFrom := b[0] | 0x20
	for i := 1; i < len(b); i++ {
		a, c := b[i-1]|0x20, b[i]|0x20
		same = runAfter(same, b[i] == b[i-1])
		up = runAfter(up, c == a+1)
		if up == 1 {
			upFrom = c
		}
		down = runAfter(down, c+1 == a)
		fromStart := upFrom == 'a' || upFrom == '0' || upFrom == '1'
		if same >= 7 || up >= 8 || down >= 8 || up >= 6 && fromStart {
			return true
		}
	}
	return false
}

// runAfter is a run's length after one more byte: one longer if the byte
// goes on with it, else 1 (the byte starts a new one).
func runAfter(run int, goesOn bool) int {
	if goesOn {
		return run + 1
	}
	return 1
}

// repeatsChunk: b is a chunk of 1 to 4 bytes repeated at least three
// times (abcabcabc, 12ab12ab12ab).
func repeatsChunk(b []byte) bool {
	for p := 1; p <= 4 && 3*p <= len(b); p++ {
		if bytes.Equal(b[p:], b[:len(b)-p]) {
			return true
		}
	}
	return false
}
