// Package loadertest runs the real dotenv loaders that apps use on .env
// files and returns what each one loads, so tests can hold onboard's files
// (and envfile's models of these loaders) to the programs themselves:
// godotenv (in this process), the npm dotenv package's parse, node
// --env-file and python-dotenv's dotenv_values. `make deps` installs them.
//
// Each driver under drivers/ prints what its loader read as JSON. The
// loaders run with an empty environment, so nothing but the file decides
// what they load (python-dotenv would otherwise expand ${HOME} from it).
package loadertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/joho/godotenv"
)

// Reading is what one loader made of one file.
type Reading struct {
	Vars   map[string]string // nil when the loader could not read the file
	Failed string            // why not, when Vars is nil
}

// Loader is one real loader.
type Loader struct {
	Name    string // with its version, e.g. "node --env-file (v20.20.2)"
	Missing string // why it cannot run here; "" when it can
	load    func(ctx context.Context, paths []string) ([]Reading, error)
}

// loadTimeout bounds one Load, and probeTimeout the look for the loaders,
// so a loader that hangs fails its test by name instead of the whole test
// binary at its -timeout. A Load takes seconds (Node runs once per file),
// the look well under a second.
const (
	loadTimeout  = 2 * time.Minute
	probeTimeout = 30 * time.Second
)

// Require skips the test when the loader is missing, or fails it in CI
// (env CI set), where `make deps` must have installed it.
func (l *Loader) Require(t testing.TB) {
	t.Helper()
	if l.Missing == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required in CI: %s (run `make deps`)", l.Name, l.Missing)
	}
	t.Skipf("%s: %s; `make deps` installs it", l.Name, l.Missing)
}

// Load runs the loader on each file and returns its readings in order. It
// calls Require first. The loader is stopped when the test ends or after
// loadTimeout.
func (l *Loader) Load(t testing.TB, paths ...string) []Reading {
	t.Helper()
	l.Require(t)
	ctx, cancel := context.WithTimeout(t.Context(), loadTimeout)
	defer cancel()
	out, err := l.load(ctx, paths)
	if err != nil && ctx.Err() != nil {
		t.Fatalf("%s did not finish within %v on %d files: %v", l.Name, loadTimeout, len(paths), err)
	}
	if err != nil {
		t.Fatalf("%s: %v", l.Name, err)
	}
	if len(out) != len(paths) {
		t.Fatalf("%s: %d readings for %d files", l.Name, len(out), len(paths))
	}
	return out
}

var (
	once    sync.Once
	loaders []*Loader
)

// All returns every loader, those missing here included (with Missing set),
// in a fixed order: godotenv, dotenv (npm), node --env-file, then each
// distinct python-dotenv found.
func All() []*Loader {
	once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
		defer cancel()
		loaders = discover(ctx)
	})
	return loaders
}

// MinNode is the first Node with --env-file.
var MinNode = [3]int{20, 6, 0}

func discover(ctx context.Context) []*Loader {
	out := []*Loader{{Name: "godotenv v1.5.1", load: loadGodotenv}}
	root, rootErr := repoRoot()
	drivers := filepath.Join(root, "internal", "envfile", "loadertest", "drivers")

	npm := &Loader{Name: "dotenv (npm)"}
	envFile := &Loader{Name: "node --env-file"}
	out = append(out, npm, envFile)
	node, err := exec.LookPath("node")
	switch {
	case rootErr != nil:
		npm.Missing, envFile.Missing = rootErr.Error(), rootErr.Error()
	case err != nil:
		npm.Missing = "node is not installed (it runs the npm package)"
		envFile.Missing = "node is not installed"
	default:
		ver := nodeVersion(ctx, node)
		envFile.Name += " (" + ver + ")"
		if !atLeast(ver, MinNode) {
			envFile.Missing = fmt.Sprintf("Node %s has no --env-file (it needs %d.%d or later; Debian's own nodejs is 18)", ver, MinNode[0], MinNode[1])
		} else {
			envFile.load = func(ctx context.Context, paths []string) ([]Reading, error) {
				return nodeEnvFile(ctx, node, filepath.Join(drivers, "node-env-file.js"), paths)
			}
		}
		modules := filepath.Join(root, ".tools", "node_modules")
		if v, err := packageVersion(filepath.Join(modules, "dotenv", "package.json")); err != nil {
			npm.Missing = "the npm package dotenv is not in .tools/node_modules"
		} else {
			npm.Name += " " + v
			npm.load = func(ctx context.Context, paths []string) ([]Reading, error) {
				return runJSON(exec.CommandContext(ctx, node, append([]string{filepath.Join(drivers, "dotenv-npm.js")}, paths...)...), []string{"NODE_PATH=" + modules})
			}
		}
	}

	pythons := findPythons(ctx)
	if len(pythons) == 0 {
		miss := "no python3 here has python-dotenv (Debian: apt-get install python3-dotenv)"
		if rootErr != nil {
			miss = rootErr.Error()
		}
		return append(out, &Loader{Name: "python-dotenv", Missing: miss})
	}
	for _, p := range pythons {
		exe := p.exe
		out = append(out, &Loader{
			Name: "python-dotenv " + p.version + " (" + exe + ")",
			load: func(ctx context.Context, paths []string) ([]Reading, error) {
				return runJSON(exec.CommandContext(ctx, exe, append([]string{filepath.Join(drivers, "python-dotenv.py")}, paths...)...), nil)
			},
		})
	}
	return out
}

// loadGodotenv runs in this process: there is no program to stop.
func loadGodotenv(_ context.Context, paths []string) ([]Reading, error) {
	out := make([]Reading, len(paths))
	for i, p := range paths {
		// godotenv.Read is what godotenv.Load puts into the environment.
		m, err := godotenv.Read(p)
		if err != nil {
			// godotenv's message quotes the file; keep it out of test output.
			out[i] = Reading{Failed: "godotenv cannot parse the file"}
			continue
		}
		out[i] = Reading{Vars: m}
	}
	return out, nil
}

// nodeEnvFile runs one Node per file: --env-file reads exactly one file.
func nodeEnvFile(ctx context.Context, node, driver string, paths []string) ([]Reading, error) {
	out := make([]Reading, len(paths))
	for i, p := range paths {
		var stdout, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, node, "--env-file="+p, driver)
		cmd.Env = []string{}
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("node --env-file on file %d failed: %v (%d bytes on stderr)", i, err, stderr.Len())
		}
		var m map[string]string
		if err := json.Unmarshal(stdout.Bytes(), &m); err != nil {
			return nil, fmt.Errorf("node --env-file printed something that is not a JSON object: %v", err)
		}
		out[i] = Reading{Vars: m}
	}
	return out, nil
}

// runJSON runs a driver that prints a JSON array with one object (or null)
// per file. Its stderr (python-dotenv warns about lines it skips, quoting
// them) is not passed on.
func runJSON(cmd *exec.Cmd, env []string) ([]Reading, error) {
	var stdout, stderr bytes.Buffer
	cmd.Env = append([]string{}, env...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s failed: %v (%d bytes on stderr)", filepath.Base(cmd.Path), err, stderr.Len())
	}
	var maps []map[string]string
	if err := json.Unmarshal(stdout.Bytes(), &maps); err != nil {
		return nil, fmt.Errorf("%s printed something that is not a JSON array of objects: %v", filepath.Base(cmd.Path), err)
	}
	out := make([]Reading, len(maps))
	for i, m := range maps {
		out[i] = Reading{Vars: m}
		if m == nil {
			out[i].Failed = "the loader cannot decode the file"
		}
	}
	return out, nil
}

func nodeVersion(ctx context.Context, node string) string {
	b, err := exec.CommandContext(ctx, node, "--version").Output()
	if err != nil {
		return "unknown version"
	}
	return strings.TrimSpace(string(b))
}

var semver = regexp.MustCompile(`(\d+)\.(\d+)\.(\d+)`)

func atLeast(version string, min [3]int) bool {
	m := semver.FindStringSubmatch(version)
	if m == nil {
		return false
	}
	for i := 0; i < 3; i++ {
		n, _ := strconv.Atoi(m[i+1])
		if n != min[i] {
			return n > min[i]
		}
	}
	return true
}

func packageVersion(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(b, &pkg); err != nil || pkg.Version == "" {
		return "", errors.New("no version in " + path)
	}
	return pkg.Version, nil
}

type python struct{ exe, version string }

// findPythons returns each distinct interpreter with python-dotenv among
// $LOADERTEST_PYTHON, python3 on PATH and Debian's /usr/bin/python3 (where
// `apt-get install python3-dotenv` puts it). The interpreter's own path is
// used, not a version manager's shim, so it runs with an empty environment.
func findPythons(ctx context.Context) []python {
	var cands []string
	if p := os.Getenv("LOADERTEST_PYTHON"); p != "" {
		cands = append(cands, p)
	}
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	cands = append(cands, "/usr/bin/python3")
	var out []python
	seen := map[string]bool{}
	for _, c := range cands {
		b, err := exec.CommandContext(ctx, c, "-c", `import sys, importlib.metadata as m, dotenv; print(sys.executable); print(m.version("python-dotenv"))`).Output()
		if err != nil {
			continue
		}
		f := strings.Fields(string(b))
		if len(f) != 2 {
			continue
		}
		exe, err := filepath.EvalSymlinks(f[0])
		if err != nil {
			exe = f[0]
		}
		if !seen[exe] {
			seen[exe] = true
			out = append(out, python{exe: exe, version: f[1]})
		}
	}
	return out
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the repository (no go.mod above the working directory)")
		}
		dir = parent
	}
}
