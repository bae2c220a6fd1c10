package envfile

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

const gitignoreHeader = "# Local env files with secrets (added by onboard)"

// PlanGitignoreFix returns the repository's root .gitignore and the lines
// FixGitignore would append to it, so they can be shown first (CheckGit's
// Fix and FixErr, for callers that only want the plan).
func PlanGitignoreFix(ctx context.Context, envPath string) (string, []string, error) {
	p, err := CheckGit(ctx, envPath)
	if err != nil {
		return "", nil, err
	}
	if p.FixErr != nil {
		return "", nil, p.FixErr
	}
	if p.Fix == nil {
		return "", nil, nil
	}
	return p.Fix.File, p.Fix.Lines, nil
}

// planFix plans the lines that make git ignore the file and the helper
// files onboard writes beside it ("<name>.*": backup and temp files) while
// keeping "<name>.example" committable. Only lines whose effect is missing
// are planned; nil means nothing to add (also outside a repository). It
// never plans a change outside the repository, nor one git would not read
// or that a rule of higher precedence would defeat: those are the error,
// with the true cause.
func planFix(ctx context.Context, p *Protection) (*GitignoreFix, error) {
	if p.GitMissing || !p.InRepo {
		p.HelpersSafe = !p.InRepo
		return nil, nil
	}
	if p.Outside != nil {
		// The helpers go beside the target, outside this repository.
		p.HelpersSafe = p.Outside.HelpersSafe
		if p.Outside.Safe() {
			return nil, nil
		}
		return nil, &GitError{Kind: ErrFixBlocked, Dir: p.Outside.RepoRoot,
			Reason: fmt.Sprintf("the symlink leads to %s, in another repository, where git could commit it", p.LinkTarget),
			Do:     "Add that file to the .gitignore of " + p.Outside.RepoRoot + " yourself (onboard changes nothing outside this project), or point the link at a file inside this project"}
	}
	dir, name := filepath.Split(p.Path)
	siblingsOK, err := siblingsIgnored(ctx, dir, p.RepoRoot, name)
	if err != nil {
		return nil, err
	}
	p.HelpersSafe = siblingsOK
	needFile := !p.Ignored || p.RuleLocal
	if !needFile && siblingsOK {
		return nil, nil
	}
	gitignore := filepath.Join(p.RepoRoot, ".gitignore")
	if li, err := os.Lstat(gitignore); err == nil {
		switch {
		case li.Mode()&fs.ModeSymlink != 0:
			to, _ := os.Readlink(gitignore)
			return nil, &GitError{Kind: ErrFixBlocked, Dir: p.RepoRoot,
				Reason: fmt.Sprintf("%s is a symbolic link (to %s), and git does not read a .gitignore that is a link, so no rule added there could take effect", gitignore, to),
				Do:     "Replace the link with a regular file holding the same lines, then run again"}
		case li.IsDir():
			return nil, &GitError{Kind: ErrFixBlocked, Dir: p.RepoRoot,
				Reason: gitignore + " is a folder, not a file, so git reads no rules from it",
				Do:     "Rename or remove that folder, then run again; onboard will then create the .gitignore"}
		}
	}
	if needFile && !p.Ignored && p.Rule != "" && !isRootGitignore(p.Rule) {
		return nil, &GitError{Kind: ErrFixBlocked, Dir: p.RepoRoot,
			Reason: fmt.Sprintf("the rule %s un-ignores %s, and it takes precedence over the root .gitignore", p.Rule, p.RelPath),
			Do:     "Remove or change that line, then run again"}
	}
	existing, _, err := readIfExists(gitignore)
	if err != nil {
		return nil, &GitError{Kind: ErrFixBlocked, Dir: p.RepoRoot, Err: err,
			Reason: gitignore + " cannot be read", Do: "Check its permissions (ls -l), then run again"}
	}
	pattern := escapeGitignore(name)
	if strings.Contains(p.RelPath, "/") {
		pattern = "/" + escapeGitignore(p.RelPath)
	}
	var lines []string
	if !bytes.Contains(existing, []byte(gitignoreHeader)) {
		lines = append(lines, gitignoreHeader)
	}
	if needFile {
		lines = append(lines, pattern)
	}
	if !siblingsOK {
		lines = append(lines, pattern+".*", "!"+pattern+".example")
	}
	return &GitignoreFix{File: gitignore, Lines: lines}, nil
}

// isRootGitignore: git names the root .gitignore ".gitignore" in a rule.
func isRootGitignore(rule string) bool { return strings.HasPrefix(rule, ".gitignore:") }

// siblingsIgnored asks whether git ignores, by a rule of the repository,
// the helper files onboard writes next to name: its backup and its temp
// files. One git call for both.
func siblingsIgnored(ctx context.Context, dir, root, name string) (bool, error) {
	names := []string{name + backupSuffix, name + tempMarker + "0"}
	var wg sync.WaitGroup
	var gitDirectory string
	var r gitResult
	var err error
	wg.Go(func() { gitDirectory = gitDir(ctx, dir) })
	wg.Go(func() {
		r, err = runGitInput(ctx, dir, strings.Join(names, "\x00")+"\x00", "check-ignore", "-v", "-z", "--stdin", "--no-index", "--non-matching")
	})
	wg.Wait()
	if err != nil {
		return false, err
	}
	if r.code > 1 {
		return false, r.failure(dir)
	}
	// -z -v output: four fields per path (source, line, pattern, path);
	// a path no rule matches has the first three empty.
	f := strings.Split(r.stdout, "\x00")
	for i := 0; i+3 < len(f); i += 4 {
		source, pattern := f[i], f[i+2]
		if source == "" || strings.HasPrefix(pattern, "!") || isLocalRule(source, root, gitDirectory) {
			return false, nil
		}
	}
	return len(f) >= 4*len(names), nil
}

// FixGitignore appends the planned lines to the root .gitignore (created if
// missing; existing content, mode and line endings kept; written
// atomically) and asks git again. If git still does not ignore the file
// the .gitignore is put back as it was and the error names the rule that
// decides.
func FixGitignore(ctx context.Context, envPath string) (*Protection, error) {
	p, err := CheckGit(ctx, envPath)
	if err != nil {
		return nil, err
	}
	if p.FixErr != nil {
		return nil, p.FixErr
	}
	if p.Fix == nil {
		return p, nil
	}
	gitignore, lines := p.Fix.File, p.Fix.Lines
	old, info, err := readIfExists(gitignore)
	if err != nil {
		return nil, err
	}
	mode := fs.FileMode(0o644)
	if info != nil {
		mode = info.Mode().Perm()
	}
	if err := writeAtomic(gitignore, appendLines(old, lines), mode, info); err != nil {
		return nil, err
	}
	undo := func() {
		if info != nil {
			_ = writeAtomic(gitignore, old, mode, info)
		} else {
			_ = os.Remove(gitignore)
		}
	}
	after, err := CheckGit(ctx, envPath)
	if err != nil {
		undo()
		return nil, err
	}
	if after.Ignored && !after.RuleLocal {
		if after.Fix != nil {
			// The .env is ignored now; a deeper rule still un-ignores the
			// backup and temp files beside it. Keep what worked, and say
			// that no backup will be kept there (HelpersSafe false).
			after.Fix, after.HelpersSafe = nil, false
			after.Warning = strings.TrimSpace(after.Warning + " A rule deeper than the root .gitignore un-ignores the files onboard keeps beside " + p.RelPath + " (" + p.RelPath + ".*), so no backup of it is kept.")
		}
		return after, nil
	}
	undo()
	defeat := "git still does not ignore it"
	if after.Rule != "" {
		defeat = "the rule " + after.Rule + " still decides"
	}
	return nil, &GitError{Kind: ErrFixDefeated, Dir: p.RepoRoot,
		Reason: fmt.Sprintf("adding %s to %s did not make git ignore %s: %s", strings.Join(lines, ", "), gitignore, p.RelPath, defeat),
		Do:     "Remove or change that rule, then run again; the .gitignore was left as it was"}
}

// appendLines adds lines after the existing content, keeping its line
// ending style, adding a missing final line break first and a blank line
// before the new block.
func appendLines(old []byte, lines []string) []byte {
	eol := lineEnding(old)
	var b bytes.Buffer
	b.Write(old)
	if len(old) > 0 {
		if old[len(old)-1] != '\n' {
			b.WriteString(eol)
		}
		if !lastLineBlank(old) {
			b.WriteString(eol)
		}
	}
	for _, l := range lines {
		b.WriteString(l + eol)
	}
	return b.Bytes()
}

// escapeGitignore makes a file name match literally in a .gitignore.
func escapeGitignore(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case strings.ContainsRune(`\*?[`, r):
			b.WriteByte('\\')
		case i == 0 && (r == '#' || r == '!'):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if strings.HasSuffix(out, " ") {
		out = strings.TrimSuffix(out, " ") + `\ `
	}
	return out
}

// Untrack stops git tracking the file (git rm --cached): the file stays on
// disk, and the removal is staged for the next commit. Ignore rules do not
// apply to a tracked file, so this comes first when a tracked .env is to
// be protected; the keys it held in earlier commits stay there. rm writes
// the index, so it runs with the repository's filters off.
func Untrack(ctx context.Context, envPath string) error {
	_, real, err := paths(envPath)
	if err != nil {
		return err
	}
	dir, name := filepath.Split(real)
	r, err := runGitWritingIndex(ctx, dir, "rm", "--cached", "--quiet", "--", literal(name))
	if err != nil {
		return err
	}
	if r.code != 0 {
		return r.failure(dir)
	}
	return nil
}
