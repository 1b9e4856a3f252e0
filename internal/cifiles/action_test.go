package cifiles

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// action is action.yml, with every key GitHub documents for a composite
// action's metadata.
type action struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Author      string `yaml:"author"`
	Branding    struct {
		Icon  string `yaml:"icon"`
		Color string `yaml:"color"`
	} `yaml:"branding"`
	Inputs map[string]struct {
		Description        string `yaml:"description"`
		Required           bool   `yaml:"required"`
		Default            string `yaml:"default"`
		DeprecationMessage string `yaml:"deprecationMessage"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Shell            string            `yaml:"shell"`
	Env              map[string]string `yaml:"env"`
	Run              string            `yaml:"run"`
	WorkingDirectory string            `yaml:"working-directory"`
	ContinueOnError  bool              `yaml:"continue-on-error"`
}

var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

func loadAction(t *testing.T) action {
	t.Helper()
	var a action
	decodeStrict(t, "action.yml", &a)
	return a
}

func TestActionFile(t *testing.T) {
	a := loadAction(t)
	if a.Name == "" || a.Description == "" {
		t.Error("name and description are required")
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, in := range []string{"files", "target", "format", "fail-on", "version", "changed-only", "translate-check"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("input %s missing", in)
		}
	}
	var install, setupGo, upload bool
	ids := map[string]bool{}
	for i, s := range a.Runs.Steps {
		where := fmt.Sprintf("step %d (%s)", i+1, s.Name)
		if (s.Uses == "") == (s.Run == "") {
			t.Errorf("%s: exactly one of uses and run", where)
		}
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("%s: a composite run step needs shell (bash here), got %q", where, s.Shell)
		}
		// Inputs reach scripts through env: an expression pasted into a
		// script is a shell injection.
		if expression.MatchString(s.Run) {
			t.Errorf("%s: ${{ … }} inside run; pass it through env", where)
		}
		// Every expression names an input that exists and a step before.
		refs := []string{s.If}
		for _, v := range s.Env {
			refs = append(refs, v)
		}
		for _, v := range s.With {
			refs = append(refs, v)
		}
		for _, r := range refs {
			for _, in := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(r, -1) {
				if _, ok := a.Inputs[in[1]]; !ok {
					t.Errorf("%s: unknown input %s", where, in[1])
				}
			}
			for _, st := range regexp.MustCompile(`steps\.([a-z-]+)\.`).FindAllStringSubmatch(r, -1) {
				if !ids[st[1]] {
					t.Errorf("%s: step %s is not an earlier step", where, st[1])
				}
			}
		}
		if s.ID != "" {
			if ids[s.ID] {
				t.Errorf("%s: id %s used twice", where, s.ID)
			}
			ids[s.ID] = true
		}
		setupGo = setupGo || strings.HasPrefix(s.Uses, "actions/setup-go@")
		upload = upload || strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@")
		install = install || strings.Contains(s.Run, `go install "github.com/pfshape/pfshape/cmd/pfshape@$PFSHAPE_VERSION"`)
	}
	if !setupGo || !upload || !install {
		t.Errorf("setup-go %v, upload-sarif %v, go install %v: all are needed", setupGo, upload, install)
	}
	for name, o := range a.Outputs {
		for _, st := range regexp.MustCompile(`steps\.([a-z-]+)\.`).FindAllStringSubmatch(o.Value, -1) {
			if !ids[st[1]] {
				t.Errorf("output %s: no step %s", name, st[1])
			}
		}
	}
}

// runner runs the action's run steps the way GitHub's runner does:
// expressions in env resolved, bash with -eo pipefail, GITHUB_OUTPUT and
// GITHUB_PATH files between steps. Steps that use other actions
// (setup-go, upload-sarif) are skipped: Go is already here, and the
// upload needs GitHub.
type runner struct {
	t         *testing.T
	action    action
	inputs    map[string]string
	workspace string
	baseSHA   string

	temp     string
	pathFile string
	outputs  map[string]map[string]string
	log      strings.Builder
	failed   bool
	skipped  []string
	// preinstalled skips the install step and puts the pfshape built for
	// the tests on the path instead: one scenario runs the install step,
	// the others need not build pfshape again.
	preinstalled bool
}

func newRunner(t *testing.T, workspace string, inputs map[string]string) *runner {
	r := &runner{t: t, action: loadAction(t), workspace: workspace, inputs: map[string]string{},
		temp: t.TempDir(), outputs: map[string]map[string]string{}}
	for name, in := range r.action.Inputs {
		r.inputs[name] = in.Default
	}
	for k, v := range inputs {
		if _, ok := r.action.Inputs[k]; !ok {
			t.Fatalf("no input %s", k)
		}
		r.inputs[k] = v
	}
	r.pathFile = filepath.Join(r.temp, "github_path")
	if err := os.WriteFile(r.pathFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return r
}

// eval resolves the expressions of a value.
func (r *runner) eval(s string) string {
	return expression.ReplaceAllStringFunc(s, func(m string) string {
		e := expression.FindStringSubmatch(m)[1]
		switch {
		case strings.HasPrefix(e, "inputs."):
			return r.inputs[strings.TrimPrefix(e, "inputs.")]
		case e == "github.action_path":
			return repoRoot(r.t)
		case e == "github.event.pull_request.base.sha":
			return r.baseSHA
		case strings.HasPrefix(e, "steps."):
			parts := strings.Split(e, ".")
			if len(parts) == 4 && parts[2] == "outputs" {
				return r.outputs[parts[1]][parts[3]]
			}
		case e == "always()":
			return "true"
		}
		r.t.Fatalf("the test runner does not know the expression %q", e)
		return ""
	})
}

func (r *runner) run() {
	r.t.Helper()
	for i, s := range r.action.Runs.Steps {
		if s.Uses != "" {
			r.skipped = append(r.skipped, s.Uses)
			continue
		}
		if r.preinstalled && s.Name == "Install pfshape" {
			f, err := os.OpenFile(r.pathFile, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				r.t.Fatal(err)
			}
			fmt.Fprintln(f, pfshapeBin(r.t))
			f.Close()
			continue
		}
		switch s.If {
		case "":
			if r.failed {
				continue
			}
		case "${{ always() }}":
		default:
			r.t.Fatalf("step %s: the test runner does not evaluate if: %s", s.Name, s.If)
		}
		script := filepath.Join(r.temp, fmt.Sprintf("step%d.sh", i))
		if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
			r.t.Fatal(err)
		}
		outFile := filepath.Join(r.temp, fmt.Sprintf("output%d", i))
		if err := os.WriteFile(outFile, nil, 0o644); err != nil {
			r.t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, "bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = r.workspace
		cmd.Env = append(os.Environ(), "PATH="+r.path(), "RUNNER_TEMP="+r.temp, "GITHUB_OUTPUT="+outFile,
			"GITHUB_PATH="+r.pathFile, "GITHUB_WORKSPACE="+r.workspace, "GITHUB_ACTION_PATH="+repoRoot(r.t))
		for k, v := range s.Env {
			cmd.Env = append(cmd.Env, k+"="+r.eval(v))
		}
		out, err := cmd.CombinedOutput()
		cancel()
		fmt.Fprintf(&r.log, "## %s\n%s", s.Name, out)
		if err != nil {
			fmt.Fprintf(&r.log, "## %s failed: %v\n", s.Name, err)
			r.failed = true
		}
		if s.ID != "" {
			r.outputs[s.ID] = readOutputs(r.t, outFile)
		}
	}
}

// path is PATH with what steps added to GITHUB_PATH first, and the Go
// toolchain running the tests (setup-go's part).
func (r *runner) path() string {
	b, err := os.ReadFile(r.pathFile)
	if err != nil {
		r.t.Fatal(err)
	}
	var dirs []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if l != "" {
			dirs = append([]string{l}, dirs...)
		}
	}
	dirs = append(dirs, filepath.Join(runtime.GOROOT(), "bin"), os.Getenv("PATH"))
	return strings.Join(dirs, string(os.PathListSeparator))
}

func readOutputs(t *testing.T, name string) map[string]string {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			out[k] = v
		}
	}
	return out
}

// workspace makes a git repository: base holds the first commit, head
// the second; it returns the folder and the first commit's hash.
func workspace(t *testing.T, base, head map[string]string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	writeFiles(t, dir, base)
	git("add", "-A")
	git("commit", "-q", "--allow-empty", "-m", "base")
	sha := git("rev-parse", "HEAD")
	writeFiles(t, dir, head)
	git("add", "-A")
	git("commit", "-q", "--allow-empty", "-m", "head")
	return dir, sha
}

func TestActionRun(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not found: the action's steps are bash")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found: the action reads the pull request's changes with git")
	}
	ws, _ := workspace(t, map[string]string{"gw/pf.conf": altqConf, "office/pf.conf": cleanConf, "notes.txt": "x"}, nil)

	t.Run("ALTQ fails the check", func(t *testing.T) {
		// This scenario runs the install step too: version local builds
		// the action's own checkout, as go install would build a tag.
		r := newRunner(t, ws, map[string]string{"version": "local", "changed-only": "false"})
		r.run()
		log := r.log.String()
		if !r.failed {
			t.Fatalf("the action passed on an ALTQ ruleset:\n%s", log)
		}
		for _, want := range []string{
			"pfshape: 2 ruleset(s) to check",
			"::error file=gw/pf.conf,title=ALTQ left for openbsd::gw/pf.conf uses ALTQ queueing",
			"::error file=gw/pf.conf,line=1",                     // lint's annotation (format github)
			"::error title=pfshape::pfshape lint found problems", // the Result step
		} {
			if !strings.Contains(log, want) {
				t.Errorf("log lacks %q:\n%s", want, log)
			}
		}
		if strings.Contains(log, "file=office/pf.conf") {
			t.Errorf("the clean ruleset is annotated:\n%s", log)
		}
		if r.outputs["files"]["count"] != "2" {
			t.Errorf("files output %v", r.outputs["files"])
		}
	})

	t.Run("clean ruleset passes", func(t *testing.T) {
		r := newRunner(t, ws, map[string]string{"files": "office/*.conf\n**/nothing.conf"})
		r.preinstalled = true
		r.run()
		if r.failed || !strings.Contains(r.log.String(), "pfshape: 1 ruleset(s) to check") {
			t.Fatalf("failed %v:\n%s", r.failed, r.log.String())
		}
		if len(r.skipped) != 2 {
			t.Errorf("skipped %v: want setup-go and upload-sarif", r.skipped)
		}
	})

	t.Run("fail-on none, no translate check", func(t *testing.T) {
		r := newRunner(t, ws, map[string]string{"fail-on": "none", "translate-check": "false"})
		r.preinstalled = true
		r.run()
		if r.failed {
			t.Fatalf("failed:\n%s", r.log.String())
		}
	})

	t.Run("target with ALTQ skips the translate check", func(t *testing.T) {
		r := newRunner(t, ws, map[string]string{"target": "openbsd-5.4", "files": "gw/pf.conf"})
		r.preinstalled = true
		r.run()
		if r.failed || !strings.Contains(r.log.String(), "openbsd-5.4 still loads ALTQ") {
			t.Fatalf("failed %v:\n%s", r.failed, r.log.String())
		}
		r = newRunner(t, ws, map[string]string{"target": "openbsd-5.4", "upgrade-target": "openbsd-7.8", "files": "gw/pf.conf"})
		r.preinstalled = true
		r.run()
		if !r.failed || !strings.Contains(r.log.String(), "title=ALTQ left for openbsd-7.8") {
			t.Fatalf("upgrade-target: failed %v:\n%s", r.failed, r.log.String())
		}
	})

	t.Run("sarif", func(t *testing.T) {
		r := newRunner(t, ws, map[string]string{"format": "sarif", "translate-check": "false", "files": "gw/pf.conf"})
		r.preinstalled = true
		r.run()
		sarif := r.outputs["lint"]["sarif-file"]
		if sarif == "" {
			t.Fatalf("no sarif-file output:\n%s", r.log.String())
		}
		b, err := os.ReadFile(sarif)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Version string `json:"version"`
			Runs    []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(b, &doc); err != nil || doc.Version != "2.1.0" || len(doc.Runs) != 1 || len(doc.Runs[0].Results) == 0 {
			t.Errorf("SARIF report: %v: %.400s", err, b)
		}
		if !r.failed {
			t.Errorf("findings at error level did not fail the check")
		}
	})

	t.Run("changed files only", func(t *testing.T) {
		// The pull request adds a clean ruleset; the ALTQ one was there
		// before and is not checked.
		ws, base := workspace(t, map[string]string{"gw/pf.conf": altqConf}, map[string]string{"office/pf.conf": cleanConf})
		r := newRunner(t, ws, nil)
		r.preinstalled = true
		r.baseSHA = base
		r.run()
		log := r.log.String()
		if r.failed || !strings.Contains(log, "pfshape: 1 ruleset(s) to check\n  - office/pf.conf\n") {
			t.Fatalf("failed %v:\n%s", r.failed, log)
		}
	})

	t.Run("hostile file names and links", func(t *testing.T) {
		// Names a pull request can commit: a newline and a workflow
		// command, the runner's older command form, ESC; and a link to a
		// file outside the repository.
		ws, _ := workspace(t, map[string]string{"office/pf.conf": cleanConf}, nil)
		outside := filepath.Join(t.TempDir(), "secret")
		os.WriteFile(outside, []byte("password = hunter2\n"), 0o644)
		for _, name := range []string{"a\n::error::owned.pf.conf", "##[add-mask]b.pf.conf", "c\x1b]0;PWNED\x07.pf.conf"} {
			if err := os.WriteFile(filepath.Join(ws, name), []byte(cleanConf), 0o644); err != nil {
				t.Skipf("the file system refuses the name %q: %v", name, err)
			}
		}
		if err := os.Symlink(outside, filepath.Join(ws, "out.pf.conf")); err != nil {
			t.Skip(err)
		}
		if err := os.Symlink("office/pf.conf", filepath.Join(ws, "in.pf.conf")); err != nil {
			t.Skip(err)
		}
		r := newRunner(t, ws, map[string]string{"changed-only": "false"})
		r.preinstalled = true
		r.run()
		log := r.log.String()
		for _, want := range []string{
			"pfshape: 3 ruleset(s) to check", // office/pf.conf, in.pf.conf and the ##[ one
			"skipped, a symbolic link out of the repository: out.pf.conf",
			"skipped, its name holds a control character: $'a\\n::error::owned.pf.conf'",
			"  - in.pf.conf\n",
		} {
			if !strings.Contains(log, want) {
				t.Errorf("log lacks %q:\n%s", want, log)
			}
		}
		if strings.Contains(log, "hunter2") {
			t.Errorf("the file outside the repository was read:\n%s", log)
		}
		for _, line := range strings.FieldsFunc(log, func(r rune) bool { return r == '\n' || r == '\r' }) {
			trimmed := strings.TrimLeft(line, " \t")
			if strings.HasPrefix(trimmed, "::") && !strings.HasPrefix(trimmed, "::error file=") && !strings.HasPrefix(trimmed, "::warning file=") && !strings.HasPrefix(trimmed, "::notice file=") && !strings.HasPrefix(trimmed, "::error title=pfshape::") {
				t.Errorf("a line starts a workflow command: %q", line)
			}
			if strings.Contains(line, "##[") || strings.ContainsAny(line, "\x1b\x07") {
				t.Errorf("a line holds ##[ or a control character: %q", line)
			}
		}
	})
}
