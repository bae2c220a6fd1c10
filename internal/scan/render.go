package scan

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/termsafe"
)

// Key is one distinct key and every place it was found.
type Key struct {
	Fingerprint string
	Kind        Kind
	Masked      string
	EnvVar      string
	EnvSource   string
	Places      []Finding
}

// Keys groups the findings by key, in the report's order.
func (r *Report) Keys() []Key {
	var keys []Key
	index := map[string]int{}
	for _, f := range r.Findings {
		i, ok := index[f.Fingerprint]
		if !ok {
			i = len(keys)
			index[f.Fingerprint] = i
			keys = append(keys, Key{Fingerprint: f.Fingerprint, Kind: f.Kind, Masked: f.Masked, EnvVar: f.EnvVar, EnvSource: f.EnvSource})
		}
		k := &keys[i]
		if k.EnvVar == "" && f.EnvVar != "" {
			k.EnvVar, k.EnvSource = f.EnvVar, f.EnvSource
		}
		k.Places = append(k.Places, f)
	}
	return keys
}

// Committed reports whether any place of the key is in the history.
func (k Key) Committed() bool {
	for _, p := range k.Places {
		if p.Committed() {
			return true
		}
	}
	return false
}

// WriteText writes the report for people: what was read, each key with
// its places, and what to do, in that order (rotate, then remove). Every
// name the repository or the .env chose (paths, refs, variables, the
// folder itself) is shown with termsafe.Quote: its terminal controls
// escaped, never obeyed.
func (r *Report) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("onboard scan: %s\n", termsafe.Quote(r.Root))
	ew.printf("Read %s: %s (%s)", plural(r.Stats.Commits, "commit", "commits"),
		plural(r.Stats.Blobs, "file version", "file versions"), size(r.Stats.BlobBytes))
	if !r.Bare && !r.WorkTreeSkipped {
		ew.printf(" and %s of the working tree", plural(r.Stats.Files, "file", "files"))
	}
	ew.printf(", in %.1f s.\n", r.Stats.Duration.Seconds())
	if len(r.Looked) > 0 {
		names := make([]string, len(r.Looked))
		for i, v := range r.Looked {
			names[i] = termsafe.Quote(v.Name) + " (" + sourceName(v.Source) + ")"
		}
		ew.printf("Looked for your own keys by value: %s; and for anything shaped like a Stripe or Plaid key.\n", strings.Join(names, ", "))
	} else {
		ew.printf("No .env keys or PLAID_/STRIPE_ variables to look for by value; looked for anything shaped like a Stripe or Plaid key.\n")
	}
	for _, n := range r.Notes {
		ew.printf("Note: %s\n", n)
	}
	ew.printf("\n")

	if r.Clean() {
		ew.printf("No Stripe or Plaid key found in the history or in the files git would commit.\n")
		return ew.err
	}
	keys := r.Keys()
	committed := 0
	for _, k := range keys {
		if k.Committed() {
			committed++
		}
	}
	ew.printf("Found %s in %s.", plural(len(keys), "key", "keys"), plural(len(r.Findings), "place", "places"))
	if committed > 0 {
		ew.printf(" A committed key is in every clone and every fork, even after a later commit deletes it:\nrotate it first, then remove it from the code.")
	}
	ew.printf("\n")
	for i, k := range keys {
		info := k.Kind.Info()
		ew.printf("\n%d. ", i+1)
		if k.EnvVar != "" {
			ew.printf("%s from %s: ", termsafe.Quote(k.EnvVar), sourcePhrase(k.EnvSource))
		}
		ew.printf("%s %s", info.Title, k.Masked)
		if !info.Secret {
			ew.printf(" (an identifier, not a secret)")
		}
		ew.printf("\n")
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		for _, p := range k.Places {
			loc := termsafe.Quote(p.Path)
			if p.Line > 0 {
				loc += fmt.Sprintf(":%d", p.Line)
			} else if p.Binary {
				loc += " (binary)"
			}
			fmt.Fprintf(tw, "   %s\t%s\n", loc, placeState(p))
		}
		_ = tw.Flush()
		switch {
		case !k.Committed() && onlyInEnvFiles(k):
			ew.printf("   Not committed yet, but git does not ignore this .env: add it to .gitignore (running onboard offers the fix) before any `git add`.\n")
		case !k.Committed():
			ew.printf("   Not committed yet: take it out of the file (or ignore the file) before `git add`. If it was shared anywhere else, rotate it too.\n")
		case info.Rotate != "":
			ew.printf("   Rotate it: %s\n   %s\n", info.Rotate, info.Do)
		default:
			ew.printf("   %s\n", info.Do)
		}
	}
	ew.printf("\nThen remove them: read keys from the environment (the .env, which git must ignore; `onboard` sets that up),\n")
	ew.printf("delete them from the files above and commit. Rewriting history (git filter-repo) does not make a pushed key\n")
	ew.printf("safe again; rotating it does.\n")
	return ew.err
}

// onlyInEnvFiles: every place of the key is a file named .env, where keys
// belong as long as git ignores it.
func onlyInEnvFiles(k Key) bool {
	for _, p := range k.Places {
		if path.Base(p.Path) != ".env" {
			return false
		}
	}
	return true
}

// placeState says where a place stands: introduced when, and still there?
func placeState(p Finding) string {
	if p.Ref != "" {
		return "held by " + termsafe.Quote(p.Ref) + " itself, no commit (pushed with that ref)"
	}
	if !p.Committed() {
		return "not committed: only in the working tree (git add . would commit it)"
	}
	s := "added in " + p.Commit + " (" + p.Date.Format(time.DateOnly) + ")"
	if p.ReflogOnly {
		s += ", a commit no branch has any more (amended or rebased; it may have been pushed before)"
	}
	switch {
	case p.AtHead && p.InWorkingTree:
		s += "; still at HEAD and in the working tree"
	case p.AtHead:
		s += "; still at HEAD (deleted in the working tree, not yet committed)"
	case p.InWorkingTree:
		s += "; removed at HEAD, but back in the working tree"
	default:
		s += "; not at HEAD, but still in the history"
	}
	return s
}

func (r *Report) notes() []string {
	var out []string
	if r.NoCommits {
		out = append(out, "the repository has no commits yet; only the working tree was scanned.")
	}
	if r.Shallow {
		out = append(out, "this is a shallow clone: older commits are not here, so they were not scanned, and a key may be older than the commit named. Scan a full clone (git fetch --unshallow).")
	}
	if len(r.Submodules) > 0 {
		out = append(out, fmt.Sprintf("%s not scanned (separate repositories): %s. Scan each with onboard scan --dir.",
			plural(len(r.Submodules), "submodule or nested repository", "submodules or nested repositories"), quoteAll(r.Submodules)))
	}
	if r.Unreachable > 0 {
		what := fmt.Sprintf("%d objects in .git hold a key but belong to no commit, ref or reflog (staged then dropped, or an expired stash); they were never pushed", r.Unreachable)
		if r.Unreachable == 1 {
			what = "1 object in .git holds a key but belongs to no commit, ref or reflog (staged then dropped, or an expired stash); it was never pushed"
		}
		out = append(out, what+". `git reflog expire --expire=now --all && git gc --prune=now` deletes such objects.")
	}
	for _, v := range r.Ignored {
		out = append(out, fmt.Sprintf("%s (%s) was not looked for by value: it is too short or too long to be a key.", termsafe.Quote(v.Name), sourceName(v.Source)))
	}
	return out
}

// quoteAll joins names, each quoted as WriteText quotes one.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = termsafe.Quote(n)
	}
	return strings.Join(q, ", ")
}

// sourceName is where a value was read: the .env's path, quoted, or the
// environment.
func sourceName(src string) string {
	if src == EnvironmentSource {
		return "environment"
	}
	return termsafe.Quote(src)
}

func sourcePhrase(src string) string {
	if src == EnvironmentSource {
		return "your environment"
	}
	return "your .env"
}

// WriteJSON writes one JSON object: the Report plus "clean".
func (r *Report) WriteJSON(w io.Writer) error {
	out := struct {
		Clean bool `json:"clean"`
		*Report
	}{r.Clean(), r}
	if out.Findings == nil {
		out.Findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteSARIF writes a SARIF 2.1.0 log for code-scanning tools: one rule per
// kind, one result per place, with the masked value and the location only.
func (r *Report) WriteSARIF(w io.Writer) error {
	type text struct {
		Text string `json:"text"`
	}
	type rule struct {
		ID               string         `json:"id"`
		ShortDescription text           `json:"shortDescription"`
		FullDescription  text           `json:"fullDescription"`
		HelpURI          string         `json:"helpUri,omitempty"`
		Help             text           `json:"help"`
		Default          map[string]any `json:"defaultConfiguration"`
	}
	type result struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             text              `json:"message"`
		Locations           []map[string]any  `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]any    `json:"properties"`
	}
	var rules []rule
	ruleIndex := map[Kind]int{}
	results := []result{}
	for _, f := range r.Findings {
		info := f.Kind.Info()
		i, ok := ruleIndex[f.Kind]
		if !ok {
			i = len(rules)
			ruleIndex[f.Kind] = i
			level := "error"
			if !info.Secret {
				level = "warning"
			}
			help := info.Do
			if info.Rotate != "" {
				help = "Rotate it at " + info.Rotate + ". " + help
			}
			rules = append(rules, rule{ID: string(f.Kind), ShortDescription: text{info.Title + " in the repository"},
				FullDescription: text{"A " + info.Title + " was committed or is about to be: anyone with a clone can read it."},
				HelpURI:         info.Rotate, Help: text{help}, Default: map[string]any{"level": level}})
		}
		msg := info.Title + " " + f.Masked
		if f.EnvVar != "" {
			msg += " (the " + f.EnvVar + " of " + sourcePhrase(f.EnvSource) + ")"
		}
		msg += ": " + placeState(f) + "."
		phys := map[string]any{"artifactLocation": map[string]any{"uri": uriPath(f.Path), "uriBaseId": "%SRCROOT%"}}
		if f.Line > 0 {
			phys["region"] = map[string]any{"startLine": f.Line}
		}
		props := map[string]any{"atHead": f.AtHead, "inWorkingTree": f.InWorkingTree, "masked": f.Masked}
		if f.Ref != "" {
			props["ref"] = f.Ref
		}
		if f.Commit != "" {
			props["commit"], props["date"] = f.CommitFull, f.Date.Format(time.DateOnly)
		}
		if f.EnvVar != "" {
			props["envVar"] = f.EnvVar
		}
		results = append(results, result{RuleID: string(f.Kind), RuleIndex: i, Level: rules[i].Default["level"].(string),
			Message: text{msg}, Locations: []map[string]any{{"physicalLocation": phys}},
			PartialFingerprints: map[string]string{"onboardKey/v1": f.Fingerprint + ":" + f.Path},
			Properties:          props})
	}
	if rules == nil {
		rules = []rule{}
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool":    map[string]any{"driver": map[string]any{"name": "onboard scan", "rules": rules}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// uriPath percent-encodes each segment of a repository path for a SARIF
// relative URI.
func uriPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func plural(n int, one, many string) string { return providers.Count(n, one, many) }

func size(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", b)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }
