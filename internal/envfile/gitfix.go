package envfile

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

const gitignoreHeader = "# Local env files with secrets (added by onboard)"

// PlanGitignoreFix returns the repository's root .gitignore and the lines
// FixGitignore would append to it, so they can be shown first. The lines
// ignore the .env and its siblings (backup, lock and temp files: "<name>.*")
// and keep "<name>.example" committable. Only lines whose effect is missing
// are planned; no lines means nothing to fix (also outside a repository).
func PlanGitignoreFix(ctx context.Context, envPath string) (string, []string, error) {
	p, err := CheckGit(ctx, envPath)
	if err != nil {
		return "", nil, err
	}
	if p.GitMissing {
		return "", nil, &GitError{Kind: ErrGitMissing, Dir: filepath.Dir(envPath), Reason: "git is not installed",
			Do: "Install git, or make sure the file is never added to version control"}
	}
	if !p.InRepo {
		return "", nil, nil // nothing can commit the file: nothing to fix
	}
	gitignore := filepath.Join(p.RepoRoot, ".gitignore")
	dir, name := filepath.Split(p.Path)
	sibling, err := ignoreRule(ctx, dir, p.RepoRoot, name+backupSuffix)
	if err != nil {
		return "", nil, err
	}
	needFile := !p.Ignored || p.RuleLocal
	needSiblings := !sibling.ignored || sibling.local
	if !needFile && !needSiblings {
		return gitignore, nil, nil
	}
	pattern := escapeGitignore(name)
	if strings.Contains(p.RelPath, "/") {
		pattern = "/" + escapeGitignore(p.RelPath)
	}
	existing, _, err := readIfExists(gitignore)
	if err != nil {
		return "", nil, err
	}
	var lines []string
	if !bytes.Contains(existing, []byte(gitignoreHeader)) {
		lines = append(lines, gitignoreHeader)
	}
	if needFile {
		lines = append(lines, pattern)
	}
	if needSiblings {
		lines = append(lines, pattern+".*", "!"+pattern+".example")
	}
	return gitignore, lines, nil
}

// FixGitignore appends PlanGitignoreFix's lines to the root .gitignore
// (created if missing; existing content, mode and line endings kept; written
// atomically) and asks git again. If a rule with higher precedence (e.g. a
// nested .gitignore with "!.env") still defeats the fix, the .gitignore is
// put back as it was and the error names that rule as source:line:pattern.
func FixGitignore(ctx context.Context, envPath string) (*Protection, error) {
	gitignore, lines, err := PlanGitignoreFix(ctx, envPath)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return CheckGit(ctx, envPath)
	}
	if real, err := filepath.EvalSymlinks(gitignore); err == nil {
		gitignore = real // a symlinked .gitignore stays a symlink
	}
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
	p, err := CheckGit(ctx, envPath)
	if err != nil {
		undo()
		return nil, err
	}
	if p.Ignored && !p.RuleLocal {
		return p, nil
	}
	undo()
	dir, name := filepath.Split(p.Path)
	r, rerr := ignoreRule(ctx, dir, p.RepoRoot, name)
	defeat := "a rule git applies before the root .gitignore"
	if rerr == nil && r.text != "" {
		defeat = "the rule " + r.text
	}
	return nil, &GitError{Kind: ErrFixDefeated, Dir: p.RepoRoot,
		Reason: fmt.Sprintf("adding %s to %s did not make git ignore %s: %s still decides (it takes precedence)", strings.Join(lines, ", "), gitignore, p.RelPath, defeat),
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
