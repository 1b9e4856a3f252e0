package cifiles

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// repoRoot is the repository root, two folders up from this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// decodeStrict decodes a YAML file into v, refusing keys v has no field
// for: a misspelt key (shel:, entri:) is an error, not silently ignored.
func decodeStrict(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), name))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// pfshapeBin builds pfshape from this checkout once per test binary and
// returns the folder holding it.
func pfshapeBin(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "pfshape-cifiles-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command(goTool(), "build", "-o", filepath.Join(buildDir, "pfshape"), "github.com/pfshape/pfshape/cmd/pfshape")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = &buildError{err, out}
		}
	})
	if buildErr != nil {
		t.Fatalf("building pfshape: %v", buildErr)
	}
	return buildDir
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + string(e.out) }

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// goTool is the go command of the toolchain running the tests.
func goTool() string {
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return "go"
}

// The rulesets the commands are run on.
const (
	// altqConf loads on OpenBSD 5.4, not on 5.6 and later.
	altqConf = `altq on em0 priq bandwidth 10Mb queue { std, ssh }
queue std priority 1 priq(default)
queue ssh priority 7
pass out on em0 proto tcp to port 22 queue ssh
pass out on em0 proto tcp to port 80 queue std
`
	// cleanConf loads on the latest OpenBSD and has nothing to report.
	cleanConf = `pass out on em0 proto tcp to port 22 set prio 7
`
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// preCommitHook is one hook of .pre-commit-hooks.yaml, with every key
// pre-commit documents for a hook definition.
type preCommitHook struct {
	ID                      string   `yaml:"id"`
	Name                    string   `yaml:"name"`
	Entry                   string   `yaml:"entry"`
	Language                string   `yaml:"language"`
	Files                   string   `yaml:"files"`
	Exclude                 string   `yaml:"exclude"`
	Types                   []string `yaml:"types"`
	TypesOr                 []string `yaml:"types_or"`
	ExcludeTypes            []string `yaml:"exclude_types"`
	AlwaysRun               bool     `yaml:"always_run"`
	FailFast                bool     `yaml:"fail_fast"`
	Verbose                 bool     `yaml:"verbose"`
	PassFilenames           *bool    `yaml:"pass_filenames"`
	RequireSerial           bool     `yaml:"require_serial"`
	Description             string   `yaml:"description"`
	LanguageVersion         string   `yaml:"language_version"`
	MinimumPreCommitVersion string   `yaml:"minimum_pre_commit_version"`
	Args                    []string `yaml:"args"`
	Stages                  []string `yaml:"stages"`
}

func TestPreCommitHooksFile(t *testing.T) {
	var hooks []preCommitHook
	decodeStrict(t, ".pre-commit-hooks.yaml", &hooks)
	byID := map[string]preCommitHook{}
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language == "" {
			t.Errorf("hook %+v: id, name, entry and language are required", h)
		}
		if _, dup := byID[h.ID]; dup {
			t.Errorf("hook %s defined twice", h.ID)
		}
		byID[h.ID] = h
		if h.Language != "golang" {
			t.Errorf("%s: language %q: pre-commit builds pfshape only with golang", h.ID, h.Language)
		}
		if !strings.HasPrefix(h.Entry, "pfshape ") {
			t.Errorf("%s: entry %q does not run pfshape", h.ID, h.Entry)
		}
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Errorf("%s: files: %v", h.ID, err)
			continue
		}
		for name, want := range map[string]bool{
			"pf.conf": true, "etc/pf.conf": true, "hosts/gw/pf.conf.local": true, "office.pf.conf": true,
			"pf.conf.d/rules": false, "README.md": false, "pf.confx": false, "notpf.conf": false,
		} {
			if re.MatchString(name) != want {
				t.Errorf("%s: files %q matches %s: %v, want %v", h.ID, h.Files, name, !want, want)
			}
		}
	}
	for _, id := range []string{"pfshape-lint", "pfshape-translate-check"} {
		if _, ok := byID[id]; !ok {
			t.Errorf("hook %s missing", id)
		}
	}
}

// TestPreCommitHooksRun runs each hook's entry as pre-commit does: the
// entry's words, then the hook's args, then the names of the staged
// files that its files pattern matches.
func TestPreCommitHooksRun(t *testing.T) {
	var hooks []preCommitHook
	decodeStrict(t, ".pre-commit-hooks.yaml", &hooks)
	bin := pfshapeBin(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"old/pf.conf": altqConf, "new/pf.conf": cleanConf, "README.md": "# not a ruleset\n"})
	run := func(h preCommitHook, staged ...string) (int, string) {
		re := regexp.MustCompile(h.Files)
		words := strings.Fields(h.Entry)
		args := append(append([]string{}, words[1:]...), h.Args...)
		for _, f := range staged {
			if re.MatchString(f) {
				args = append(args, f)
			}
		}
		cmd := exec.Command(filepath.Join(bin, words[0]), args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, string(out)
	}
	for _, h := range hooks {
		if code, out := run(h, "new/pf.conf", "README.md"); code != 0 {
			t.Errorf("%s on a clean ruleset: exit %d\n%s", h.ID, code, out)
		}
		code, out := run(h, "old/pf.conf", "new/pf.conf", "README.md")
		if code != 1 {
			t.Errorf("%s on an ALTQ ruleset: exit %d, want 1\n%s", h.ID, code, out)
		}
		if h.ID == "pfshape-lint" && !strings.Contains(out, "old/pf.conf:1:1:") {
			t.Errorf("%s: output does not name the ALTQ line:\n%s", h.ID, out)
		}
	}
}
