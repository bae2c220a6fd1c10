package envfile

import (
	"bytes"
	"errors"
	"regexp"
	"sort"
	"strings"

	"github.com/onboard-dev/onboard/internal/secret"
)

// Set is one variable to write. Group names the comment header new keys go
// under (e.g. "Plaid" gives "# Plaid (added by onboard)"); Secret masks the
// value in every Entry.
type Set struct {
	Key, Value, Group string
	Secret            bool
}

// Change says what an update does to one key.
type Change string

const (
	Added     Change = "added"
	Changed   Change = "changed"
	Unchanged Change = "unchanged"
	Removed   Change = "removed"
)

// Entry is one line of the review. Old and New are masked with secret.Mask
// when Secret; removed keys are always treated as secret.
type Entry struct {
	Key    string
	Change Change
	Old    string
	New    string
	Secret bool
	Group  string
}

var validKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// plan is the complete new file, computed and proven before any write.
type plan struct {
	doc      *Doc
	entries  []Entry
	content  []byte
	intended map[string]string
	changed  bool
	added    []Set // keys new to the file
}

// headerFor is the comment line new keys of a group go under.
func headerFor(group string) string {
	if group == "" {
		return "# Added by onboard"
	}
	return "# " + group + " (added by onboard)"
}

func checkInput(sets []Set, removes []string) error {
	seen := map[string]bool{}
	for _, s := range sets {
		if !validKey.MatchString(s.Key) {
			return &KeyError{Kind: ErrInvalidKey, Key: s.Key, Reason: "not a valid variable name",
				Do: "Use letters, digits and '_' only, not starting with a digit"}
		}
		if seen[s.Key] {
			return &KeyError{Kind: ErrInvalidInput, Key: s.Key, Reason: "the update sets this variable twice",
				Do: "Set each variable once"}
		}
		seen[s.Key] = true
		if p := valueProblem(s.Value); p != "" {
			return &KeyError{Kind: ErrUnsafeValue, Key: s.Key, Reason: p,
				Do: "Copy the value again from its source; it should be plain text"}
		}
	}
	for _, k := range removes {
		if !validKey.MatchString(k) {
			return &KeyError{Kind: ErrInvalidKey, Key: k, Reason: "not a valid variable name",
				Do: "Use letters, digits and '_' only, not starting with a digit"}
		}
		if seen[k] {
			return &KeyError{Kind: ErrInvalidInput, Key: k, Reason: "the update both sets and removes this variable",
				Do: "Either set it or remove it"}
		}
	}
	return nil
}

type edit struct {
	from, to int
	text     string
}

// plan computes the new file. Untouched bytes are copied verbatim; only the
// statements of changed or removed keys are rewritten, and new keys are
// inserted as whole lines. With anchored, new keys go next to existing keys
// of their group; otherwise they are appended at the end.
func (d *Doc) plan(sets []Set, removes []string, anchored bool) (*plan, error) {
	pl := d.newPlanner(sets)
	for _, s := range sets {
		if err := pl.set(s); err != nil {
			return nil, err
		}
	}
	for _, k := range removes {
		pl.remove(k)
	}
	atEnd, err := pl.placeNewKeys(sets, removes, anchored)
	if err != nil {
		return nil, err
	}
	pl.appendAtEnd(atEnd)

	p := pl.p
	p.changed = len(pl.edits) > 0
	content, ok := d.apply(pl.edits)
	if !ok {
		return nil, d.cannotPlan()
	}
	p.content = content
	return p, nil
}

// cannotPlan is the error for an update onboard could not work out without
// touching lines it should keep (edits that overlap, or a bug caught while
// planning): nothing is written, rather than a file that loses a line.
func (d *Doc) cannotPlan() error {
	return &FileError{Kind: ErrVerify, Path: d.path,
		What: "onboard could not work out how to change this file without touching lines it must keep; nothing was written",
		Do:   "Make the change by hand (saving the file with LF line endings may help), and please report this with the file's layout (not its values)"}
}

// planner is what plan works out as it goes: the plan so far and the edits
// to the original bytes.
type planner struct {
	d      *Doc
	p      *plan
	occ    map[string][]int // each key's statements, in file order
	eol    string
	edits  []edit
	groups []*newKeys // in the order their first key is set
	byName map[string]*newKeys
}

// newKeys are the keys of one group that are new to the file.
type newKeys struct {
	group string
	sets  []Set
}

func (d *Doc) newPlanner(sets []Set) *planner {
	pl := &planner{
		d:      d,
		p:      &plan{doc: d, intended: make(map[string]string, len(d.values)+len(sets))},
		occ:    map[string][]int{},
		eol:    lineEnding(d.body),
		byName: map[string]*newKeys{},
	}
	for k, v := range d.values {
		pl.p.intended[k] = v
	}
	for i, st := range d.stmts {
		pl.occ[st.key] = append(pl.occ[st.key], i)
	}
	return pl
}

// set records the entry for s. A key the file has gets every statement of
// it that holds another value rewritten in place; a new key joins its
// group, to be placed once all are known.
func (pl *planner) set(s Set) error {
	pl.p.intended[s.Key] = s.Value
	old, present := pl.d.values[s.Key]
	e := Entry{Key: s.Key, Change: Added, Old: old, New: s.Value, Secret: s.Secret, Group: s.Group}
	if present {
		changed, err := pl.rewrite(s)
		if err != nil {
			return err
		}
		e.Change = Unchanged
		if changed {
			e.Change = Changed
		}
	} else {
		pl.addNew(s)
	}
	if s.Secret {
		e.Old, e.New = secret.Mask(e.Old), secret.Mask(e.New)
	}
	pl.p.entries = append(pl.p.entries, e)
	return nil
}

// rewrite replaces the value of each statement of s.Key that holds another
// one, keeping what follows it on its line; it reports whether there was
// any.
func (pl *planner) rewrite(s Set) (changed bool, err error) {
	for _, i := range pl.occ[s.Key] {
		st := pl.d.stmts[i]
		if st.value == s.Value {
			continue
		}
		r, ok := render(s.Key, s.Value, pl.d.tail(i))
		if !ok {
			return false, unsafeValue(s.Key)
		}
		pl.edits = append(pl.edits, edit{from: st.keyStart, to: st.tokenEnd, text: s.Key + "=" + r})
		changed = true
	}
	return changed, nil
}

func (pl *planner) addNew(s Set) {
	g := pl.byName[s.Group]
	if g == nil {
		g = &newKeys{group: s.Group}
		pl.byName[s.Group] = g
		pl.groups = append(pl.groups, g)
	}
	g.sets = append(g.sets, s)
}

// remove records the removal of key k, if the file has it, and takes out
// each of its statements: the whole line when the statement is alone on it.
func (pl *planner) remove(k string) {
	old, present := pl.d.values[k]
	if !present {
		return
	}
	delete(pl.p.intended, k)
	pl.p.entries = append(pl.p.entries, Entry{Key: k, Change: Removed, Old: secret.Mask(old), Secret: true})
	stmts := pl.d.stmts
	for _, i := range pl.occ[k] {
		st := stmts[i]
		aloneAtEnd := i+1 == len(stmts) || stmts[i+1].start >= st.lineEnd
		if st.soloStart && aloneAtEnd {
			pl.edits = append(pl.edits, edit{from: st.lineStart, to: st.lineEnd})
		} else {
			pl.edits = append(pl.edits, edit{from: st.start, to: st.tokenEnd})
		}
	}
}

// placeNewKeys inserts each group's new keys next to the group's existing
// keys, or under an existing header of the group, when anchored and there
// is such a place. It returns the blocks, each under a new header, of the
// groups that go at the end.
func (pl *planner) placeNewKeys(sets []Set, removes []string, anchored bool) ([]string, error) {
	d := pl.d
	var atEnd []string
	for _, g := range pl.groups {
		pl.p.added = append(pl.p.added, g.sets...)
		lines, err := pl.lines(g.sets)
		if err != nil {
			return nil, err
		}
		at := -1
		if anchored {
			at = d.groupAnchor(g.group, sets, removes, pl.occ)
		}
		if at < 0 {
			atEnd = append(atEnd, headerFor(g.group)+pl.eol+lines)
			continue
		}
		if at == len(d.body) && len(d.body) > 0 && d.body[len(d.body)-1] != '\n' {
			lines = pl.eol + lines
		}
		pl.edits = append(pl.edits, edit{from: at, to: at, text: lines})
	}
	return atEnd, nil
}

// lines are sets written as whole lines, each ending with the file's line
// ending.
func (pl *planner) lines(sets []Set) (string, error) {
	var b strings.Builder
	for _, s := range sets {
		r, ok := render(s.Key, s.Value, "")
		if !ok {
			return "", unsafeValue(s.Key)
		}
		b.WriteString(s.Key + "=" + r + pl.eol)
	}
	return b.String(), nil
}

// appendAtEnd adds the blocks of new keys at the end of the file, after an
// empty line. If Node would not read them there, they go above the
// trailing lines that make Node join lines into one name.
func (pl *planner) appendAtEnd(blocks []string) {
	if len(blocks) == 0 {
		return
	}
	d := pl.d
	block := strings.Join(blocks, pl.eol)
	at := len(d.body)
	text := d.separated(at, pl.eol, block)
	for _, cand := range d.appendCandidates() {
		t := d.separated(cand, pl.eol, block)
		// The trial gets its own copy of the edits (applyBody sorts them).
		trial := append(pl.edits[:len(pl.edits):len(pl.edits)], edit{from: cand, to: cand, text: t})
		if content, ok := d.applyBody(trial); ok && nodeReads(content, pl.p.added) {
			at, text = cand, t
			break
		}
	}
	pl.edits = append(pl.edits, edit{from: at, to: at, text: text})
}

// separated is block as inserted at offset at: on a line of its own, after
// an empty line unless the line before is already blank.
func (d *Doc) separated(at int, eol, block string) string {
	var b strings.Builder
	if before := d.body[:at]; len(before) > 0 {
		if before[len(before)-1] != '\n' {
			b.WriteString(eol)
		}
		if !lastLineBlank(before) {
			b.WriteString(eol)
		}
	}
	b.WriteString(block)
	return b.String()
}

// appendCandidates are the places for the block of new keys, best first:
// the end of the file, then the start of each of its trailing lines from
// the bottom up, as far as the end of the last statement that has an '='.
// Node's parser (see nodeParse) joins a line of only blanks, an indented
// comment or a line without '=' ("KEY: v") with the statement after it, so
// a block appended after one of them loses its first key there; above them
// it does not, and no line of the user's is changed.
func (d *Doc) appendCandidates() []int {
	stop := 0
	for i := len(d.stmts) - 1; i >= 0; i-- {
		if st := d.stmts[i]; !st.colon {
			stop = st.lineEnd
			break
		}
	}
	out := []int{len(d.body)}
	for pos := len(d.body); pos > stop && len(out) < 64; {
		start := bytes.LastIndexByte(d.body[:pos-1], '\n') + 1
		if start < stop || (d.insideStatement(start) && !d.startsStatement(start)) {
			break
		}
		out = append(out, start)
		pos = start
	}
	return out
}

// startsStatement reports whether a statement starts on the line at pos.
func (d *Doc) startsStatement(pos int) bool {
	i := sort.Search(len(d.stmts), func(i int) bool { return d.stmts[i].lineStart >= pos })
	return i < len(d.stmts) && d.stmts[i].lineStart == pos
}

// nodeReads reports whether Node's parser reads every key of sets with its
// value from content (true when the model does not cover it: then nothing
// better is known).
func nodeReads(content []byte, sets []Set) bool {
	got, ok := nodeParse(content)
	if !ok {
		return true
	}
	for _, s := range sets {
		if v, found := got[s.Key]; !found || v != s.Value {
			return false
		}
	}
	return true
}

// tail is what follows statement i's value up to the end of its line (an
// inline comment, the line break), as godotenv sees it, and, when further
// statements start on that line, through to the end of the last of them
// (lineEnd is stretched so): one of them may run over several lines
// (B="x<newline>y"), and a proof that cut it in half would refuse every
// rendering for the wrong reason.
func (d *Doc) tail(i int) string {
	st := d.stmts[i]
	return strings.ReplaceAll(string(d.body[st.tokenEnd:st.lineEnd]), "\r\n", "\n")
}

func unsafeValue(key string) error {
	return &KeyError{Kind: ErrUnsafeValue, Key: key,
		Reason: "this value cannot be written so that dotenv loaders read it back exactly (for example it ends with a backslash and also contains a quote or a line break)",
		Do:     "Check the value you entered; if it is right, add it to the file by hand"}
}

// groupAnchor is where new keys of group go: after the last line of an
// existing key that the same group sets, else after the group's header
// line; -1 if neither exists.
func (d *Doc) groupAnchor(group string, sets []Set, removes []string, occ map[string][]int) int {
	removed := map[string]bool{}
	for _, k := range removes {
		removed[k] = true
	}
	at := -1
	for _, s := range sets {
		if s.Group != group || removed[s.Key] {
			continue
		}
		for _, i := range occ[s.Key] {
			if end := d.stmts[i].lineEnd; end > at {
				at = end
			}
		}
	}
	if at >= 0 {
		return at
	}
	header := []byte(headerFor(group))
	for pos := 0; pos < len(d.body); {
		end := bytes.IndexByte(d.body[pos:], '\n')
		next := len(d.body)
		if end >= 0 {
			next = pos + end + 1
		}
		if bytes.Equal(bytes.TrimRight(d.body[pos:next], " \t\r\n"), header) && !d.insideStatement(pos) {
			return next
		}
		pos = next
	}
	return -1
}

// insideStatement reports whether offset pos lies within a statement (for
// example in a multi-line quoted value).
func (d *Doc) insideStatement(pos int) bool {
	i := sort.Search(len(d.stmts), func(i int) bool { return d.stmts[i].tokenEnd > pos })
	return i < len(d.stmts) && d.stmts[i].start <= pos
}

// apply builds the new file from the original bytes and the edits. A byte
// order mark is not written back: godotenv cannot read a file that starts
// with one, and Node and python-dotenv read it as part of the first name,
// while the npm package skips it; without it every loader reads the same
// names, so dropping it loses nothing.
func (d *Doc) apply(edits []edit) ([]byte, bool) { return d.applyBody(edits) }

// applyBody is the file body (after any BOM) with the edits made. ok is
// false when two edits overlap (or one lies outside the body): made anyway,
// they would cut a statement in two or repeat bytes.
func (d *Doc) applyBody(edits []edit) (content []byte, ok bool) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].from != edits[j].from {
			return edits[i].from < edits[j].from
		}
		return edits[i].to-edits[i].from < edits[j].to-edits[j].from
	})
	var b bytes.Buffer
	b.Grow(len(d.body) + 256)
	pos := 0
	for _, e := range edits {
		if e.from < pos || e.to < e.from || e.to > len(d.body) {
			return nil, false
		}
		b.Write(d.body[pos:e.from])
		b.WriteString(e.text)
		pos = e.to
	}
	b.Write(d.body[pos:])
	return b.Bytes(), true
}

// lineEnding keeps the file's style: CRLF if its first line ends so.
func lineEnding(body []byte) string {
	if i := bytes.IndexByte(body, '\n'); i > 0 && body[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

func lastLineBlank(body []byte) bool {
	s := bytes.TrimSuffix(bytes.TrimSuffix(body, []byte("\n")), []byte("\r"))
	return len(bytes.TrimSpace(s[bytes.LastIndexByte(s, '\n')+1:])) == 0
}

// proven plans the update and proves, by parsing the new content, that it
// yields exactly the intended variables. The parser is godotenv itself
// (reader godotenvParse) for Diff, whose preview must be authoritative; Apply
// uses the mirroring scanner (scanParse, twice as fast) because it parses
// the written file with godotenv anyway and puts the old one back on any
// difference. If placing new keys next to their group would change another
// value (a later line referring to one with $NAME), or Node would not read
// them there, it falls back to appending at the end.
func (d *Doc) proven(sets []Set, removes []string, parse parser) (_ *plan, err error) {
	// As with the scanner (safeScan), a bug in planning must not take the
	// wizard down: it refuses the update, and the file stays as it is.
	defer func() {
		if r := recover(); r != nil {
			err = d.cannotPlan()
		}
	}()
	if err := checkInput(sets, removes); err != nil {
		return nil, err
	}
	var lastErr error
	var nodeMisses *plan
	for _, anchored := range []bool{true, false} {
		p, err := d.plan(sets, removes, anchored)
		if err != nil {
			return nil, err
		}
		if !p.changed {
			return p, d.crossCheck()
		}
		if lastErr = p.verify(p.content, parse); lastErr == nil {
			// Next to the group, a new key can land after a line that makes
			// Node join it into another name; the block at the end is placed
			// where Node reads it.
			if anchored && !nodeReads(p.content, p.added) {
				nodeMisses = p
				continue
			}
			return p, nil
		}
	}
	if nodeMisses != nil {
		return nodeMisses, nil
	}
	return nil, lastErr
}

// parser reads a whole file (no BOM) into its variables.
type parser func([]byte) (map[string]string, error)

// scanParse is the mirroring scanner as a parser.
func scanParse(b []byte) (map[string]string, error) {
	_, values, serr := safeScan(b)
	if serr != nil {
		return nil, errors.New(serr.reason)
	}
	return values, nil
}

// verify parses content and compares it with the intended variables.
func (p *plan) verify(content []byte, parse parser) error {
	got, err := parse(bytes.TrimPrefix(content, utf8BOM))
	if err != nil {
		return &FileError{Kind: ErrVerify, Path: p.doc.path, What: "the updated file would not parse",
			Do: "Nothing was written; please report this with the file's layout (not its values)"}
	}
	var others, sets []string
	for k, v := range p.intended {
		if w, ok := got[k]; !ok || w != v {
			if ov, was := p.doc.values[k]; was && ov == v && !p.touched(k) {
				others = append(others, k)
			} else {
				sets = append(sets, k)
			}
		}
	}
	for k := range got {
		if _, ok := p.intended[k]; !ok {
			sets = append(sets, k)
		}
	}
	sort.Strings(others)
	sort.Strings(sets)
	switch {
	case len(others) > 0:
		return &KeyError{Kind: ErrWouldChangeOther, Key: strings.Join(others, ", "),
			Reason: "this would change too, because its line refers to a variable being updated (with $NAME)",
			Do:     "Edit that line by hand (for example write its value out in full), then run again"}
	case len(sets) > 0:
		return &KeyError{Kind: ErrUnsafeValue, Key: strings.Join(sets, ", "),
			Reason: "the updated file would not read back this value exactly; nothing was written",
			Do:     "Check the value and the lines around it, or add it to the file by hand"}
	}
	return nil
}

func (p *plan) touched(key string) bool {
	for _, e := range p.entries {
		if e.Key == key {
			return true
		}
	}
	return false
}

// Diff shows what Apply would do to the file at path, without writing.
// Values of secret entries are masked.
func Diff(path string, sets []Set, removes []string) ([]Entry, error) {
	d, err := read(path, false)
	if err != nil {
		return nil, err
	}
	p, err := d.proven(sets, removes, godotenvParse)
	if err != nil {
		return nil, err
	}
	return p.entries, nil
}
