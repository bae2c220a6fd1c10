package steps

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

func (b builder) example() Step {
	return &ChoiceStep{
		base:  base{id: "example", title: "Share the variable names"},
		Intro: "A .env.example lists the variable names with no values, so teammates know what to set. It is safe to commit.",
		OptionsFn: func(s *Session) []providers.Option {
			return []providers.Option{
				{Value: "no", Label: "Only the .env", Help: "Write nothing else."},
				{Value: "yes", Label: "Also write .env.example", Help: "Next to the .env: " + examplePath(s.EnvPath)},
			}
		},
		SelectedFn: func(s *Session) []string {
			if s.WriteExample {
				return []string{"yes"}
			}
			return []string{"no"}
		},
		ApplyFn: func(s *Session, v []string) error {
			s.WriteExample = len(v) == 1 && v[0] == "yes"
			return nil
		},
	}
}

func examplePath(envPath string) string {
	return filepath.Join(filepath.Dir(envPath), ".env.example")
}

func (b builder) write() Step {
	return &TaskStep{
		base:   base{id: "write", title: "Write the .env"},
		Intro:  "Writing atomically with mode 0600, keeping your other lines and comments.",
		NoSkip: true,
		JobFn: func(s *Session) *Job {
			path, sets, withExample := s.EnvPath, b.sets(s), s.WriteExample
			fixGit := s.ApplyGitFix && s.Git != nil && s.Git.FixFile != "" && !s.Git.Ignored
			checks := []string{"write", "read back"}
			if fixGit {
				checks = append([]string{"keep .env out of git"}, checks...)
			}
			if withExample {
				checks = append(checks, "write .env.example")
			}
			var written *Written
			var git *GitState
			return &Job{
				Checks: checks,
				Run: func(ctx context.Context, report providers.Report) []providers.Result {
					res := func(name string, err error, detail string) providers.Result {
						r := providers.Result{Provider: "env", Name: name, Status: providers.Pass, Detail: detail}
						if err != nil {
							r.Status, r.Detail, r.Hint = providers.Fail, err.Error(), "Check the directory's permissions and free space, then retry."
						}
						report(r)
						return r
					}
					if err := ctx.Err(); err != nil {
						return []providers.Result{res("write", err, "")}
					}
					var out []providers.Result
					if fixGit {
						var r providers.Result
						git, r = applyGitFix(ctx, b.o.Store, path)
						report(r)
						if out = append(out, r); r.Status == providers.Fail {
							return out
						}
					}
					var err error
					written, err = b.o.Store.Apply(path, sets)
					if out = append(out, res("write", err, path)); err != nil {
						return out
					}
					out = append(out, res("read back", readBack(b.o.Store, path, sets), fmt.Sprintf("%d variables as intended", len(sets))))
					if withExample {
						out = append(out, res("write .env.example", b.o.Store.WriteExample(examplePath(path), sets), examplePath(path)))
					}
					return out
				},
				Finish: func(s *Session, results []providers.Result) {
					if git != nil {
						s.Git = git
					}
					if fixGit && len(results) > 0 {
						results = results[1:] // the git fix is reported; what follows is the write
					}
					if written != nil && Passed(results[:min(2, len(results))]) {
						s.Written = written
						if withExample && Passed(results) {
							s.ExamplePath = examplePath(path)
						}
					}
				},
			}
		},
	}
}

// readBack proves the file now holds exactly what was meant.
func readBack(st Store, path string, sets []Set) error {
	got, _, _, err := st.Read(path)
	if err != nil {
		return err
	}
	for _, set := range sets {
		if got[set.Key] != set.Value {
			return errors.New(set.Key + " does not read back as written")
		}
	}
	return nil
}

func (b builder) done() Step {
	return &DoneStep{
		base: base{id: "done", title: "Done"},
		LinesFn: func(s *Session) []string {
			if s.Written == nil {
				return []string{"Nothing was written."}
			}
			lines := []string{"Wrote " + s.Written.Path + " (mode 0600)."}
			if s.Written.BackupPath != "" {
				lines = append(lines, "The previous file is saved as "+s.Written.BackupPath+".")
			}
			if s.ExamplePath != "" {
				lines = append(lines, "Wrote "+s.ExamplePath+" (names only, safe to commit).")
			}
			lines = append(lines, "",
				"Load it in your app:",
				"  Go:      godotenv.Load() from github.com/joho/godotenv",
				"  Node:    node --env-file=.env app.js",
				"  Python:  from dotenv import load_dotenv; load_dotenv()",
				"Check the keys again any time: onboard check")
			warn := append([]string(nil), s.Notes...)
			for _, st := range b.sortedSkipped(s) {
				warn = append(warn, st)
			}
			if len(warn) > 0 {
				lines = append(lines, "", "Still to do:")
				for _, w := range warn {
					lines = append(lines, "  ! "+w)
				}
			}
			return lines
		},
	}
}

func (b builder) sortedSkipped(s *Session) []string {
	var out []string
	for _, p := range b.o.Providers {
		if w, ok := s.Skipped[p.ID()+"-verify"]; ok {
			out = append(out, w)
		}
	}
	var others []string
	for id, w := range s.Skipped {
		if !strings.HasSuffix(id, "-verify") {
			others = append(others, w)
		}
	}
	sort.Strings(others)
	return append(out, others...)
}
