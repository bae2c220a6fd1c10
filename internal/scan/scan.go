// Package scan answers "has a Plaid or Stripe secret ever been committed,
// anywhere?" for a git repository: every commit reachable from any ref
// (branches, tags, remotes, the stash, every worktree's HEAD), the reflogs,
// and the working tree's files that `git add .` would commit.
//
// It looks for the project's own keys by exact value (from the .env and
// the environment, see ProjectValues) and for anything shaped like a
// Stripe or Plaid secret by pattern. Each unique blob is read once, in pack
// order, through `git cat-file`; only blobs that hold a key are traced to
// the commit that introduced them, with one `git log --raw` walk that
// compares blob ids and never diffs contents. That is why the cost grows
// with the size of the unique content, not with commits × files.
//
// Nothing found is ever kept or shown unmasked: a Finding carries the
// masked form (secret.Mask) and a fingerprint, never the value. Scan runs
// git with every network transport forbidden and no hooks or helpers, so a
// scan of a hostile or partial clone sends nothing anywhere.
package scan

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"
)

// Options is one scan.
type Options struct {
	// Dir is any folder inside the repository; "" means ".".
	Dir string
	// Values are known secrets to look for by exact value, typically
	// from ProjectValues. Patterns are looked for either way.
	Values []Value
	// NoWorkTree skips the working tree (history only).
	NoWorkTree bool
}

// Finding is one key at one path: where it was first committed, and
// whether it is still there.
type Finding struct {
	Kind     Kind   `json:"kind"`
	Title    string `json:"title"`
	Provider string `json:"provider,omitempty"`
	// Masked is the value as secret.Mask shows it: the kind prefix and the
	// last four characters.
	Masked      string `json:"masked"`
	Fingerprint string `json:"fingerprint"` // see Fingerprint
	// EnvVar is set when the value equals a known value: the variable's
	// name, and where it was read (EnvSource: the .env's path or
	// "environment").
	EnvVar    string `json:"env_var,omitempty"`
	EnvSource string `json:"env_source,omitempty"`
	Path      string `json:"path"`           // slash-separated, relative to the repository root
	Line      int    `json:"line,omitempty"` // 1-based, in the version that introduced it; 0 in a binary file
	Binary    bool   `json:"binary,omitempty"`
	// Commit is the short hash of the oldest commit (by author date) that
	// added the key at Path; "" when it was never committed (only in the
	// working tree). CommitFull is the whole hash.
	Commit     string    `json:"commit,omitempty"`
	CommitFull string    `json:"commit_full,omitempty"`
	Date       time.Time `json:"date,omitzero"` // that commit's author date
	// ReflogOnly: no branch, tag or other ref reaches that commit; only a
	// reflog does (an amended or rebased commit). It may have been pushed
	// before it was rewritten.
	ReflogOnly bool `json:"reflog_only,omitempty"`
	// Ref is set when no commit holds the key but a ref points straight
	// at the blob, or at a tree holding it (git tag NAME BLOB): pushed with
	// the ref all the same. Path is then "REF" or "REF:path".
	Ref           string `json:"ref,omitempty"`
	AtHead        bool   `json:"at_head"`         // HEAD's version of Path holds it
	InWorkingTree bool   `json:"in_working_tree"` // the file on disk holds it now
	Rotate        string `json:"rotate,omitempty"`
	Secret        bool   `json:"secret"` // false for identifiers (a client_id): remove, no rotation
}

// Committed reports whether the key is in the history (a commit, or a ref
// pointing at the blob itself).
func (f Finding) Committed() bool { return f.Commit != "" || f.Ref != "" }

// Report is the outcome of a scan.
type Report struct {
	Root string `json:"root"`           // the work tree (or the git directory of a bare repository)
	Bare bool   `json:"bare,omitempty"` // a bare repository: no working tree
	// WorkTreeSkipped: Options.NoWorkTree asked for the history only.
	WorkTreeSkipped bool      `json:"work_tree_skipped,omitempty"`
	Shallow         bool      `json:"shallow,omitempty"` // older history is not in this clone
	NoCommits       bool      `json:"no_commits,omitempty"`
	Findings        []Finding `json:"findings"`
	// Submodules and nested repositories are separate repositories, not
	// scanned: scan each with its own --dir.
	Submodules []string `json:"submodules_not_scanned,omitempty"`
	// Unreachable counts objects in .git that hold a key but belong to no
	// commit and no reflog (a staged-then-dropped file, an old stash):
	// never pushed, removed by `git gc --prune=now`.
	Unreachable int `json:"unreachable_objects_with_keys,omitempty"`
	// Looked lists the known values looked for exactly (names, never
	// values); Ignored the ones too short to look for.
	Looked  []ValueName `json:"exact_values"`
	Ignored []ValueName `json:"exact_values_ignored,omitempty"`
	// Notes say what limits the answer (shallow clone, submodules, ...),
	// in sentences.
	Notes []string `json:"notes,omitempty"`
	Stats Stats    `json:"stats"`
}

// ValueName names a known value without its value.
type ValueName struct {
	Name   string `json:"name"`
	Source string `json:"source"`
}

// Stats says how much was read.
type Stats struct {
	Commits       int           `json:"commits"`
	Blobs         int           `json:"blobs"`
	BlobBytes     int64         `json:"blob_bytes"`
	Files         int           `json:"worktree_files"`
	FileBytes     int64         `json:"worktree_bytes"`
	Duration      time.Duration `json:"-"`
	DurationMilli int64         `json:"duration_ms"`
}

// Clean reports whether nothing was found.
func (r *Report) Clean() bool { return len(r.Findings) == 0 }

// Run scans the repository containing opts.Dir. A folder outside any
// repository is an error wrapping ErrNotRepository; git refusing the
// repository (safe.directory) one wrapping ErrUnsafeRepo.
func Run(ctx context.Context, opts Options) (*Report, error) {
	start := time.Now()
	r, err := openRepo(ctx, cmp.Or(opts.Dir, "."))
	if err != nil {
		return nil, err
	}
	values := dedupeValues(opts.Values)
	rep := newReport(r, values)
	rep.WorkTreeSkipped = opts.NoWorkTree
	d := newDetector(values)
	head, err := r.head(ctx)
	if err != nil {
		return nil, err
	}

	// History and working tree are independent; on two cores they overlap.
	wtDone := r.startWorkTree(ctx, d, r.bare || opts.NoWorkTree)
	h, err := r.scanHistory(ctx, d, head)
	wt := <-wtDone
	switch {
	case err != nil:
		return nil, err
	case wt.err != nil:
		return nil, wt.err
	}
	rep.addHistory(h, head)
	rep.addWorkTree(wt)
	rep.Findings = h.findings(wt.found, values)
	sortFindings(rep.Findings)
	rep.Notes = rep.notes()
	rep.Stats.Duration = time.Since(start)
	rep.Stats.DurationMilli = rep.Stats.Duration.Milliseconds()
	return rep, nil
}

// newReport is a report on r before the scan: where the repository is,
// and which known values are looked for and which are too short to be.
func newReport(r *repo, values []Value) *Report {
	rep := &Report{Root: r.root, Bare: r.bare, Shallow: r.shallow}
	if r.bare {
		rep.Root = r.gitDir
	}
	for _, v := range values {
		n := ValueName{Name: v.Name, Source: v.Source}
		if !usable(v.Value.Reveal()) {
			rep.Ignored = append(rep.Ignored, n)
		} else {
			rep.Looked = append(rep.Looked, n)
		}
	}
	return rep
}

// workTree is what the scan of the working tree found.
type workTree struct {
	found  []wtMatch
	nested []string
	st     wtStats
	err    error
}

// startWorkTree scans the working tree in a goroutine of its own, or with
// skip not at all; the channel gives the result.
func (r *repo) startWorkTree(ctx context.Context, d *detector, skip bool) <-chan workTree {
	done := make(chan workTree, 1)
	if skip {
		done <- workTree{}
		return done
	}
	go func() {
		var res workTree
		res.found, res.nested, res.st, res.err = r.scanWorkTree(ctx, d.clone())
		done <- res
	}()
	return done
}

// history is what the object store and the history walk say.
type history struct {
	blobs      map[string]*blobResult // the blobs that hold a key, by hex id
	stats      objectStats
	places     map[placeKey]*place  // where each key was put, at each path
	heads      map[string]treeEntry // HEAD's version of those paths
	submodules []string             // HEAD's gitlinks
}

// logResult is the history walk, for scanHistory.
type logResult struct {
	idx *logIndex
	err error
}

// scanHistory reads every blob, traces the ones that hold a key to where
// they were committed, and looks up HEAD's version of those paths.
func (r *repo) scanHistory(ctx context.Context, d *detector, head string) (*history, error) {
	// The history walk does not depend on what the blobs hold, so it runs
	// while they are read; its index is used only if a key turns up.
	logDone := make(chan logResult, 1)
	logCtx, stopLog := context.WithCancel(ctx)
	defer stopLog()
	// Even with no HEAD (an unborn branch, `git checkout --orphan`) other
	// refs may hold commits, so the walk always runs.
	go func() {
		idx, err := r.collectLog(logCtx, "--all")
		logDone <- logResult{idx, err}
	}()

	h := &history{places: map[placeKey]*place{}}
	var err error
	h.blobs, h.stats, err = r.scanObjects(ctx, d)
	if err != nil || len(h.blobs) == 0 {
		stopLog() // failed, or nothing to attribute
	}
	lg := <-logDone
	if err != nil {
		return nil, err
	}
	if len(h.blobs) > 0 {
		if err := r.placeBlobs(ctx, lg, h.blobs, h.places); err != nil {
			return nil, err
		}
	}
	if head != "" {
		want := map[string]bool{}
		for k := range h.places {
			want[k.path] = true
		}
		if h.heads, h.submodules, err = r.headTree(ctx, head, want); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// addHistory puts what the history scan read and found into the report.
func (rep *Report) addHistory(h *history, head string) {
	rep.Stats.Commits, rep.Stats.Blobs, rep.Stats.BlobBytes = h.stats.commits, h.stats.blobs, h.stats.bytes
	rep.NoCommits = head == "" && h.stats.commits == 0
	rep.Unreachable = unseen(h.blobs)
	rep.Submodules = h.submodules
}

// addWorkTree puts what the working-tree scan read into the report, and
// the nested repositories it met among the submodules (after addHistory,
// which lists HEAD's).
func (rep *Report) addWorkTree(wt workTree) {
	rep.Stats.Files, rep.Stats.FileBytes = wt.st.files, wt.st.bytes
	for _, n := range wt.nested {
		if !slices.Contains(rep.Submodules, n) {
			rep.Submodules = append(rep.Submodules, n)
		}
	}
}

// findings are one per key and path from the history, marked with whether
// HEAD and the disk still hold it; then the working tree's keys (onDisk)
// that no commit has at that path.
func (h *history) findings(onDisk []wtMatch, values []Value) []Finding {
	stillThere := map[placeKey]bool{}
	for _, m := range onDisk {
		stillThere[placeKey{m.fp, m.path}] = true
	}
	var fs []Finding
	for k, p := range h.places {
		f := h.finding(p, values)
		f.InWorkingTree = stillThere[k]
		fs = append(fs, f)
	}
	for _, m := range onDisk {
		if h.places[placeKey{m.fp, m.path}] != nil {
			continue
		}
		f := newFinding(m.kind, m.masked, m.fp, m.env, values)
		f.Path, f.Line, f.Binary, f.InWorkingTree = m.path, m.line, m.binary, true
		fs = append(fs, f)
	}
	return fs
}

// finding is the finding of a key a commit (or a ref) put at a path.
func (h *history) finding(p *place, values []Value) Finding {
	f := newFinding(p.kind, p.masked, p.fp, p.env, values)
	f.Path, f.Line, f.Binary = p.path, p.line, p.binary
	f.CommitFull, f.Commit, f.Ref = p.commit, short(p.commit), p.ref
	if p.commit != "" {
		f.Date = time.Unix(p.date, 0).UTC()
	}
	f.ReflogOnly = p.reflog
	f.AtHead = h.atHead(p)
	return f
}

// atHead reports whether HEAD's version of p's path holds p's key.
func (h *history) atHead(p *place) bool {
	e, ok := h.heads[p.path]
	if !ok {
		return false
	}
	b := h.blobs[e.blob]
	return b != nil && b.holds(p.fp)
}

func newFinding(k Kind, masked, fp string, env int, values []Value) Finding {
	info := k.Info()
	f := Finding{Kind: k, Title: info.Title, Provider: info.Provider, Masked: masked, Fingerprint: fp,
		Rotate: info.Rotate, Secret: info.Secret}
	if env >= 0 {
		f.EnvVar, f.EnvSource = values[env].Name, values[env].Source
		if f.Provider == "" {
			f.Provider = providerOf(values[env].Name)
		}
	}
	return f
}

func (b *blobResult) holds(fp string) bool {
	for _, m := range b.matches {
		if m.fp == fp {
			return true
		}
	}
	return false
}

func unseen(blobs map[string]*blobResult) int {
	n := 0
	for _, b := range blobs {
		if !b.seen {
			n++
		}
	}
	return n
}

func short(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}

// sortFindings: secrets before identifiers, committed places before
// working-tree-only ones, keys of the .env first, then by key (so one
// key's places sit together), oldest commit first.
func sortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		if a.Secret != b.Secret {
			if a.Secret {
				return -1
			}
			return 1
		}
		if c := compareCommitted(a, b); c != 0 {
			return c
		}
		if (a.EnvVar != "") != (b.EnvVar != "") {
			if a.EnvVar != "" {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.EnvVar, b.EnvVar), cmp.Compare(a.Fingerprint, b.Fingerprint),
			a.Date.Compare(b.Date), cmp.Compare(a.Path, b.Path))
	})
}

// compareCommitted puts committed places before working-tree-only ones.
func compareCommitted(a, b Finding) int {
	switch {
	case a.Committed() == b.Committed():
		return 0
	case a.Committed():
		return -1
	}
	return 1
}

// dedupeValues drops repeats of one value (the .env and the environment
// often hold the same key); the first source named wins.
func dedupeValues(vs []Value) []Value {
	var out []Value
	seen := map[string]bool{}
	for _, v := range vs {
		if v.Value.IsZero() || seen[v.Value.Reveal()] {
			continue
		}
		seen[v.Value.Reveal()] = true
		out = append(out, v)
	}
	return out
}

// IsUsage reports whether err means the scan could not start for a reason
// the person must fix first (not a repository, git refusing it, no git).
func IsUsage(err error) bool {
	return errors.Is(err, ErrNotRepository) || errors.Is(err, ErrUnsafeRepo) || errors.Is(err, ErrGitMissing)
}
