package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestNeovimEndToEnd runs `pfshape lsp` under a real client: Neovim's
// built-in LSP client, headless, driven by testdata/nvim/test_init.lua.
// It opens an ALTQ ruleset whose last rule names an undefined queue
// after non-ASCII text, waits for the diagnostics, asks for hover and
// definition, applies the rename quick fix and writes the file. The test
// checks what Neovim saw and the file it wrote. .ci/run installs neovim;
// elsewhere the test skips when nvim is missing.
func TestNeovimEndToEnd(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim not found in PATH: the Neovim end-to-end test of pfshape lsp is skipped (apt-get install neovim runs it)")
	}
	if v, err := exec.Command(nvim, "--version").Output(); err != nil || !nvimAtLeast07(string(v)) {
		t.Skipf("%s is not Neovim 0.7 or later (%v): the Neovim end-to-end test is skipped", nvim, err)
	}
	if testing.Short() {
		t.Skip("-short: the Neovim end-to-end test builds pfshape and starts Neovim")
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		if gobin, err = exec.LookPath("go"); err != nil {
			t.Skip("go not found: cannot build pfshape for the Neovim test")
		}
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin", "pfshape")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, gobin, "build", "-o", bin, "github.com/pfshape/pfshape/cmd/pfshape")
	if outb, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, outb)
	}

	work := filepath.Join(tmp, "work")
	out := filepath.Join(tmp, "out")
	for _, d := range []string{work, out, filepath.Join(tmp, "home")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	conf := filepath.Join(work, "pf.conf")
	if err := os.WriteFile(conf, []byte(pfconf), 0o644); err != nil {
		t.Fatal(err)
	}
	initLua, err := filepath.Abs(filepath.Join("testdata", "nvim", "test_init.lua"))
	if err != nil {
		t.Fatal(err)
	}

	nctx, ncancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer ncancel()
	cmd := exec.CommandContext(nctx, nvim, "--headless", "--clean", "-u", initLua)
	cmd.Dir = work
	home := filepath.Join(tmp, "home")
	cmd.Env = append(os.Environ(),
		"PFSHAPE_BIN="+bin, "PFSHAPE_FILE="+conf, "PFSHAPE_OUT="+out, "PFSHAPE_TIMEOUT_MS=10000",
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "config"), "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_STATE_HOME="+filepath.Join(home, "state"), "XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"NVIM_LOG_FILE="+filepath.Join(home, "nvim.log"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	runErr := cmd.Run()
	t.Logf("nvim ran for %v", time.Since(start).Round(time.Millisecond))
	read := func(name string) string {
		b, _ := os.ReadFile(filepath.Join(out, name))
		return string(b)
	}
	if e := read("error.txt"); e != "" || runErr != nil || read("done.txt") == "" {
		t.Fatalf("nvim: %v (context: %v)\nstep: %s\nerror.txt: %s\nstdout: %s\nstderr: %s",
			runErr, nctx.Err(), read("step.txt"), e, stdout.String(), stderr.String())
	}

	// The diagnostics as Neovim holds them: byte columns, converted by
	// Neovim from the UTF-16 columns the server sent. The typo sits after
	// 🐡 (4 bytes, 2 UTF-16 units), ü and ß (2 bytes, 1 unit each).
	var diags []struct {
		Lnum     int    `json:"lnum"`
		Col      int    `json:"col"`
		EndLnum  int    `json:"end_lnum"`
		EndCol   int    `json:"end_col"`
		Severity int    `json:"severity"`
		Code     string `json:"code"`
		Source   string `json:"source"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal([]byte(read("diagnostics.json")), &diags); err != nil {
		t.Fatalf("diagnostics.json: %v: %s", err, read("diagnostics.json"))
	}
	typoLine := strings.Count(pfconf[:strings.Index(pfconf, "queue shh")], "\n")
	lineStart := strings.LastIndex(pfconf[:strings.Index(pfconf, "queue shh")], "\n") + 1
	byteCol := strings.Index(pfconf, "shh") - lineStart
	found := false
	for _, d := range diags {
		if d.Code != "PF102" {
			continue
		}
		found = true
		if d.Lnum != typoLine || d.Col != byteCol || d.EndLnum != typoLine || d.EndCol != byteCol+3 {
			t.Errorf("PF102 at %d:%d-%d:%d in Neovim, want %d:%d-%d:%d", d.Lnum, d.Col, d.EndLnum, d.EndCol, typoLine, byteCol, typoLine, byteCol+3)
		}
		if d.Severity != 1 || d.Source != "pfshape" || !strings.Contains(d.Message, "did you mean ssh?") {
			t.Errorf("PF102 diagnostic: %+v", d)
		}
	}
	if !found || len(diags) != 1 {
		t.Errorf("diagnostics: %s", read("diagnostics.json"))
	}

	hover := read("hover.json")
	for _, want := range []string{"queue ssh", "priority: 7", "set prio 7", "em0"} {
		if !strings.Contains(hover, want) {
			t.Errorf("hover lacks %q: %s", want, hover)
		}
	}
	var defs []struct {
		URI   string `json:"uri"`
		Range struct {
			Start struct{ Line, Character int } `json:"start"`
		} `json:"range"`
	}
	if err := json.Unmarshal([]byte(read("definition.json")), &defs); err != nil || len(defs) != 1 {
		t.Fatalf("definition.json: %v: %s", err, read("definition.json"))
	}
	defLine := strings.Count(pfconf[:strings.Index(pfconf, "queue ssh priority")], "\n")
	if !strings.HasSuffix(defs[0].URI, "/work/pf.conf") || defs[0].Range.Start.Line != defLine || defs[0].Range.Start.Character != 6 {
		t.Errorf("definition: %s, want line %d character 6", read("definition.json"), defLine)
	}
	// The translation is offered too, disabled (the typo would be left
	// behind): Neovim 0.7 does not announce disabledSupport, so it is
	// left out of the list there.
	if a := read("actions.json"); !strings.Contains(a, "Rename to the defined queue ssh") {
		t.Errorf("actions: %s", a)
	}
	t.Logf("Neovim saw: diagnostics %s; actions %s", read("diagnostics.json"), read("actions.json"))

	// The file Neovim wrote: the typo fixed, every other byte the same.
	got, err := os.ReadFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(pfconf, "queue shh", "queue ssh", 1); string(got) != want {
		t.Errorf("pf.conf after the fix:\n%s\nwant:\n%s", got, want)
	}
	if after := read("diagnostics_after.json"); after != "[]" {
		t.Errorf("diagnostics after the fix: %s", after)
	}
}

// nvimAtLeast07 reads `nvim --version`'s first line: NVIM v0.7.2.
func nvimAtLeast07(version string) bool {
	var major, minor int
	if _, err := fmt.Sscanf(version, "NVIM v%d.%d", &major, &minor); err != nil {
		return false
	}
	return major > 0 || minor >= 7
}
