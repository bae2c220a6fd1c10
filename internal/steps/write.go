package steps

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// exampleWhat is what .env.example receives, said the same way in the
// review, the disk log and the end: envfile.WriteExample adds the names it
// lacks, keeps a plain setting's value (PLAID_ENV=sandbox) and leaves every
// key and anything with digits empty.
const exampleWhat = "the variable names it lacks, keys left empty, plain settings kept"

func examplePath(envPath string) string {
	return filepath.Join(filepath.Dir(envPath), ".env.example")
}

// writePlan is everything the write does, decided on the Session and copied
// for the job: which keys change, what git protection is applied first,
// and what the person accepted about the file.
type writePlan struct {
	path    string
	sets    []Set
	removes []string
	policy  envfile.Policy
	protect protectPlan
	example bool
	// team is the team file to write after the .env (nil: none), at
	// teamPath.
	team     *teamfile.File
	teamPath string
}

func (b builder) writePlan(s *Session) writePlan {
	sets, removes := b.changes(s)
	// The example travels with the team file: written when the person
	// shares the setup, and kept up to date while a team file is there.
	p := writePlan{path: s.EnvPath, sets: sets, removes: removes, example: s.ShareExample || s.Team != nil && !s.ShareNothing}
	if s.SaveTeam {
		p.team, p.teamPath = b.teamFrom(s), s.TeamPath
	}
	p.protect = protectPlan{path: s.EnvPath, disk: s.Disk}
	g := s.Git
	if g != nil {
		p.protect.rel = g.RelPath
		p.protect.untrack = s.GitChoice == GitUntrack && g.Tracked
		if g.Fix != nil && s.GitChoice.Fixes() {
			p.protect.fix, p.protect.file, p.protect.lines = true, g.Fix.File, g.Fix.Lines
		}
		if g.InRepo {
			p.policy.Root = g.RepoRoot // as the git step judged the target
		}
		// A backup holds the previous keys: keep one only where git would
		// not commit it.
		p.policy.NoBackup = !g.HelpersSafe && !p.protect.fix
	}
	if s.Consented {
		p.policy.Consent = s.Target
	}
	return p
}

// refusal says why the write may not go ahead as things stand, or "".
func (p writePlan) refusal(s *Session) string {
	g := s.Git
	switch {
	case g != nil && g.Tracked && !p.protect.untrack && s.GitChoice != GitWriteTracked:
		return "git tracks " + g.RelPath + ", so the keys would be committed with it. Go back to the git step and choose to stop tracking it, or to write into it anyway."
	case s.Target != nil && s.Target.NeedsConsent() && !s.Consented:
		return "the .env needs your consent first (see the git step)."
	}
	for _, set := range p.sets {
		if why := publicSecret(set); why != "" {
			return why + "."
		}
	}
	return ""
}

func (b builder) write() Step {
	return &TaskStep{
		base:   base{id: StepWrite, title: "Write the .env"},
		Intro:  "Writing atomically with mode 0600, keeping your other lines and comments.",
		NoSkip: true,
		JobFn: func(s *Session) *Job {
			plan := b.writePlan(s)
			refused := plan.refusal(s)
			var checks []string
			if plan.protect.untrack {
				checks = append(checks, "stop tracking .env")
			}
			if plan.protect.fix {
				checks = append(checks, "keep .env out of git")
			}
			checks = append(checks, "write", "read back")
			if plan.example {
				checks = append(checks, "write .env.example")
			}
			if plan.team != nil {
				checks = append(checks, "write "+teamfile.Name)
			}
			return &Job{
				Checks: checks,
				Writes: true,
				Run: func(ctx context.Context, report providers.Report) Outcome {
					return b.runWrite(ctx, plan, refused, report)
				},
			}
		},
	}
}

// runWrite does the write: the git protection first, then the .env, its
// read-back and the example. Each change on disk is logged as it is made.
func (b builder) runWrite(ctx context.Context, plan writePlan, refused string, report providers.Report) Outcome {
	res := func(name string, err error, detail string) providers.Result {
		r := providers.Result{Provider: providers.Env, Name: name, Status: providers.Pass, Detail: detail}
		if err != nil {
			r.Status, r.Detail, r.Hint = providers.Fail, err.Error(), strings.TrimSpace(writeHint(err)+" "+plan.protect.sofar())
		}
		report(r)
		return r
	}
	if refused != "" {
		return Results([]providers.Result{res("write", errors.New(refused), "")})
	}
	if err := ctx.Err(); err != nil {
		return Results([]providers.Result{res("write", err, "")})
	}
	git, out, ok := b.protect(ctx, plan.protect, report)
	var notes []string
	record := func(w *Written, example bool) Outcome {
		return Outcome{Results: out, Apply: func(s *Session) {
			if git != nil {
				s.Git = git
			}
			if w != nil {
				s.Written, s.LoaderNotes = w, notes
			}
			if example {
				s.ExamplePath = examplePath(plan.path)
			}
		}}
	}
	if !ok {
		return record(nil, false)
	}
	if git != nil && git.InRepo && !git.HelpersSafe {
		// The fix ignored the .env but not the files beside it (a deeper
		// rule): a backup there would be committable, so none is kept.
		plan.policy.NoBackup = true
	}
	written, err := b.o.Store.Apply(plan.path, plan.sets, plan.removes, plan.policy)
	if err == nil {
		logWrite(plan.protect.disk, written)
	}
	if out = append(out, res("write", err, writtenDetail(written))); err != nil {
		return record(nil, false)
	}
	back := res("read back", readBack(b.o.Store, plan.path, plan.sets, plan.removes), fmt.Sprintf("%s as intended", providers.Count(len(plan.sets), "variable", "variables")))
	if out = append(out, back); back.Status != providers.Pass {
		return record(nil, false)
	}
	notes, _ = b.o.Store.LoaderNotes(plan.path)
	wroteExample := false
	if plan.example {
		err = b.o.Store.WriteExample(examplePath(plan.path), plan.sets)
		if err == nil {
			wroteExample = true
			plan.protect.disk.Add("updated " + examplePath(plan.path) + " (" + exampleWhat + ")")
		}
		out = append(out, res("write .env.example", err, examplePath(plan.path)))
	}
	if plan.team != nil {
		err = b.o.Store.WriteTeam(plan.teamPath, plan.team, b.o.Providers)
		if err == nil {
			plan.protect.disk.Add("wrote " + plan.teamPath + " (the team setup, no secrets)")
		}
		out = append(out, res("write "+teamfile.Name, err, plan.teamPath))
	}
	return record(written, wroteExample)
}

func logWrite(d *DiskLog, w *Written) {
	if w.BackupPath != "" {
		d.Add("saved the previous " + filepath.Base(w.Path) + " as " + w.BackupPath)
	}
	if w.Written() {
		d.Add("wrote " + w.Path + fmt.Sprintf(" (mode %04o)", w.Mode))
	}
}

func writtenDetail(w *Written) string {
	switch {
	case w == nil:
		return ""
	case !w.Written():
		return w.Path + " already holds these values; nothing rewritten"
	}
	return fmt.Sprintf("%s (mode %04o, read back from disk)", w.Path, w.Mode)
}

// writeHint says what to do about a failed write; envfile's errors already
// carry their own action.
func writeHint(err error) string {
	var fe *envfile.FileError
	var ke *envfile.KeyError
	if errors.As(err, &fe) || errors.As(err, &ke) {
		return ""
	}
	return "Check the directory's permissions and free space, then retry."
}

// readBack proves the file now holds exactly what was meant.
func readBack(st Store, path string, sets []Set, removes []string) error {
	got, _, _, err := st.Read(path)
	if err != nil {
		return err
	}
	for _, set := range sets {
		if got[set.Key] != set.Value {
			return errors.New(set.Key + " does not read back as written")
		}
	}
	for _, k := range removes {
		if _, still := got[k]; still {
			return errors.New(k + " is still in the file")
		}
	}
	return nil
}

func (b builder) done() Step {
	return &DoneStep{
		base: base{id: StepDone, title: "Done"},
		LinesFn: func(s *Session) []Line {
			var lines []Line
			add := func(texts ...string) { lines = append(lines, PlainLines(texts...)...) }
			switch {
			case s.Reverify:
				add(reverifyLines(s)...)
			case s.Halt != "":
				add("Nothing was written: " + s.Halt)
			case s.Written == nil:
				add("Nothing was written.")
			case !s.Written.Written():
				add(s.Written.Path + " already holds these values: nothing was rewritten.")
			default:
				lines = append(lines, Line{Text: fmt.Sprintf("Wrote %s (mode %04o).", s.Written.Path, s.Written.Mode), Tone: Good})
			}
			if s.Written != nil && s.Written.BackupPath != "" {
				add("The previous file is saved as " + s.Written.BackupPath + ".")
			}
			if s.ExamplePath != "" {
				add("Updated " + s.ExamplePath + ": " + exampleWhat + "; safe to commit.")
			}
			if s.Written != nil {
				add("",
					"Load it in your app:",
					"  Go:      godotenv.Load() from github.com/joho/godotenv",
					"  Node:    node --env-file=.env app.js (Node 20.6 or later)",
					"  Python:  from dotenv import load_dotenv; load_dotenv()",
					"Check the keys again any time: "+s.CheckCommand)
			}
			add(b.tips(s)...)
			if warn := b.openWarnings(s); len(warn) > 0 {
				add("", "Still to do:")
				for _, w := range warn {
					lines = append(lines, Line{Text: w, Tone: ToDo})
				}
			}
			return lines
		},
	}
}

// tips are the chosen providers' lines for trying the app in development
// (Stripe's test cards): a heading, then its lines indented. None in
// production, where they would not work, nor when the run stopped.
func (b builder) tips(s *Session) []string {
	if s.Mode == Production || s.Halt != "" {
		return nil
	}
	var out []string
	for _, p := range b.o.Providers {
		spec := p.Spec()
		if !s.Chose(spec.ID) || spec.Tips == nil {
			continue
		}
		for i, t := range spec.Tips(s.Snapshot()) {
			if i == 0 {
				out = append(out, "", t)
			} else {
				out = append(out, "  "+t)
			}
		}
	}
	return out
}

// openWarnings are the things left to do: notes gathered on the way, checks
// skipped with failures, an unprotected .env. The review lists them before
// the write and the end after it.
func (b builder) openWarnings(s *Session) []string {
	warn := append([]string(nil), s.Notes...)
	warn = append(warn, b.sortedSkipped(s)...)
	warn = append(warn, s.Shadows...)
	warn = append(warn, s.LoaderNotes...)
	warn = append(warn, leakWarnings(s)...)
	if g := s.Git; g != nil && g.InRepo && g.Outside == nil && s.Halt == "" {
		switch {
		case g.Tracked && s.GitChoice == GitWriteTracked:
			warn = appendOnce(warn, "git tracks "+g.RelPath+": the next commit publishes the keys in it. Run "+envfile.UntrackCommand(g.RelPath)+" and add it to .gitignore.")
		case (!g.Ignored || g.RuleLocal) && !s.GitChoice.Fixes():
			warn = appendOnce(warn, "The .env is not ignored by git: add it to .gitignore before your next commit.")
		}
	}
	return warn
}

func (b builder) sortedSkipped(s *Session) []string {
	var out []string
	for _, p := range b.o.Providers {
		if w, ok := s.Skipped[StepVerify(p.Spec().ID)]; ok {
			out = append(out, w)
		}
	}
	var others []string
	for id, w := range s.Skipped {
		if id.Provider == "" || id.Part != "verify" {
			others = append(others, w)
		}
	}
	sort.Strings(others)
	return append(out, others...)
}

func (b builder) review() Step {
	return &ReviewStep{
		base:  base{id: StepReview, title: "Review"},
		store: b.o.Store,
		diff: func(s *Session) (string, []Set, []string) {
			sets, removes := b.changes(s)
			return s.EnvPath, sets, removes
		},
		compose: b.composeReview,
	}
}

// composeReview says, before anything is written, every file the write
// changes and every warning still open.
func (b builder) composeReview(s *Session, changes []Change) *Review {
	plan := b.writePlan(s)
	r := &Review{Path: s.EnvPath, Changes: changes, Refusal: plan.refusal(s)}
	r.Files = append(r.Files, plan.protect.reviewLines()...)
	envFiles, envWarnings := envReviewLines(s, changes, plan)
	r.Files = append(r.Files, envFiles...)
	r.Warnings = append(r.Warnings, envWarnings...)
	if plan.example {
		r.Files = append(r.Files, examplePath(s.EnvPath)+": add "+exampleWhat)
	}
	if plan.team != nil {
		what := "the team setup (services, settings, which variables to set; no secrets)"
		if s.Team != nil {
			what = "update the team setup: " + strings.Join(teamfile.Changes(s.Team, plan.team), "; ")
		}
		r.Files = append(r.Files, plan.teamPath+": "+what)
	}
	for _, st := range b.o.AfterWrite {
		if t, ok := st.(*TaskStep); ok && t.WillWrite != nil && !t.Skip(s) {
			if w := t.WillWrite(s); w != "" {
				r.Files = append(r.Files, w)
			}
		}
	}
	r.Warnings = append(r.Warnings, b.openWarnings(s)...)
	return r
}

// reviewLines are the git changes the write makes: untracking the .env,
// the ignore rules it appends.
func (p protectPlan) reviewLines() []string {
	var out []string
	if p.untrack {
		out = append(out, "git: stop tracking "+p.rel+" (git rm --cached; the file stays on disk; commit that change)")
	}
	if p.fix {
		var rules []string
		for _, l := range p.lines {
			if !strings.HasPrefix(l, "#") {
				rules = append(rules, l)
			}
		}
		out = append(out, p.file+": add the ignore rules "+strings.Join(rules, ", "))
	}
	return out
}

// envReviewLines say what happens to the .env itself (created, or how
// many values change and whether its mode is tightened) and to its backup.
func envReviewLines(s *Session, changes []Change, plan writePlan) (files, warnings []string) {
	n := map[envfile.Change]int{}
	for _, c := range changes {
		n[c.Change]++
	}
	edits := n[envfile.Added] + n[envfile.Changed] + n[envfile.Removed]
	t := s.Target
	exists := t != nil && t.Exists || s.EnvExists
	tightens := t != nil && t.Tightens()
	where := ""
	if t != nil && t.Link {
		where = " (through the symlink, at " + t.Real + ")"
	}
	switch {
	case !exists:
		return []string{s.EnvPath + ": create it with mode 0600" + where}, nil
	case edits == 0 && !tightens:
		return nil, nil
	}
	parts := []string{fmt.Sprintf("%d added, %d changed, %d removed", n[envfile.Added], n[envfile.Changed], n[envfile.Removed])}
	if tightens {
		parts = append(parts, t.ModeChange())
	}
	files = []string{s.EnvPath + ": " + strings.Join(parts, "; ") + where}
	switch {
	case edits == 0:
	case plan.policy.NoBackup:
		warnings = append(warnings, "No backup of the previous .env will be kept: git would not ignore it, and it holds your previous keys.")
	default:
		files = append(files, backupName(s)+": the previous file, kept as a backup (mode 0600)")
	}
	return files, warnings
}

// backupName is where envfile keeps the previous file: beside the real one.
func backupName(s *Session) string {
	real := s.EnvPath
	if s.Target != nil {
		real = s.Target.Real
	}
	return envfile.BackupPath(real)
}
