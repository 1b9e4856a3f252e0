package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLint(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	clean := write("clean.conf", "pass all\n")
	warn := write("warn.conf", "a = \"em0\"\npass all\n")
	info := write("info.conf", "altq on em0 priq bandwidth 10Mb queue { std, ack }\nqueue std priority 1 priq(default)\nqueue ack priority 5\npass queue (std, std)\npass proto udp queue ack\n")
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"clean", "", []string{"lint", clean}, 0, "", ""},
		{"warning fails by default", "", []string{"lint", warn}, 1, warn + ":1:1: warning: macro a is defined but never used [PF302]", ""},
		{"fail-on error", "", []string{"lint", "--fail-on", "error", warn}, 0, "[PF302]", ""},
		{"fail-on none", "", []string{"lint", "--fail-on", "none", warn}, 0, "[PF302]", ""},
		{"info passes by default", "", []string{"lint", "--target", "openbsd-5.4", info}, 0, "[PF105]", ""},
		{"fail-on info", "", []string{"lint", "--target", "openbsd-5.4", "--fail-on", "info", info}, 1, "[PF105]", ""},
		{"ignore", "", []string{"lint", "--ignore", "unused-macro", warn}, 0, "", ""},
		{"select", "", []string{"lint", "--select", "PF303", warn}, 0, "", ""},
		{"syntax errors are findings", "pass in al\n", []string{"lint", "-"}, 1, "stdin:1:9: error: syntax error", ""},
		{"json", "", []string{"lint", "--format", "json", warn}, 1, `"rule": "PF302"`, ""},
		{"sarif", "", []string{"lint", "--format", "sarif", warn}, 1, `"ruleId": "PF302"`, ""},
		{"github", "", []string{"lint", "--format", "github", warn}, 1, "::warning file=", ""},
		{"rdjsonl", "", []string{"lint", "--format", "rdjsonl", warn}, 1, `"code":{"value":"PF302"`, ""},
		{"checkstyle", "", []string{"lint", "--format", "checkstyle", warn}, 1, `source="pfshape.PF302"`, ""},
		{"diff", "", []string{"lint", "--diff", warn}, 1, "-a = \"em0\"", ""},
		{"ALTQ diff on 7.8", "", []string{"lint", "--diff", filepath.Join("..", "..", "testdata", "examples", "altq-cbq.conf")}, 1, "+pass out on $ext_if proto tcp to port ssh set prio", ""},
		{"unknown format", "", []string{"lint", "--format", "yaml", clean}, 2, "", "unknown format"},
		{"unknown rule", "", []string{"lint", "--select", "PF999", clean}, 2, "", "unknown rule"},
		{"bad fail-on", "", []string{"lint", "--fail-on", "fatal", clean}, 2, "", "unknown severity"},
		{"fix and diff", "", []string{"lint", "--fix", "--diff", clean}, 2, "", "exclude"},
		{"fix stdin", "", []string{"lint", "--fix", "-"}, 2, "", "standard input"},
		{"missing file", "", []string{"lint", filepath.Join(dir, "nope")}, 2, "", "no such file"},
		{"no files", "", []string{"lint"}, 2, "", "no files"},
		{"rules", "", []string{"rules"}, 0, "PF102  error    undefined-queue", ""},
		{"explain", "", []string{"explain", "undefined-queue"}, 0, "Bad (openbsd-5.4):\n\n    altq on em0", ""},
		{"explain unknown", "", []string{"explain", "PF999"}, 2, "", "unknown rule"},
		{"explain nothing", "", []string{"explain"}, 2, "", "name one rule"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runPfshape(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout, stderr)
			}
			if tc.stdout == "" && stdout != "" && tc.code == 0 {
				t.Errorf("unexpected stdout: %s", stdout)
			}
			if !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout %q does not contain %q", stdout, tc.stdout)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tc.stderr)
			}
		})
	}
}

func TestLintFix(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pf.conf")
	src := "altq on em0 priq bandwidth 10Mb queue { std, ssh }\nqueue std priority 1 priq(default)\nqueue ssh priority 7\nunused = \"x\"\npass out proto tcp to port 22 queue ssh\n"
	if err := os.WriteFile(p, []byte(src), 0o640); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runPfshape(t, "", "lint", "--fix", p)
	if code != 0 || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q: every finding has a fix", code, stdout, stderr)
	}
	b, _ := os.ReadFile(p)
	if want := "pass out proto tcp to port 22 set prio 7\n"; string(b) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", b, want)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v", fi.Mode())
	}
	code, _, _ = runPfshape(t, "", "lint", p)
	if code != 0 {
		t.Errorf("the fixed file still has findings")
	}
}

func TestRulesJSON(t *testing.T) {
	code, stdout, _ := runPfshape(t, "", "rules", "--format", "json")
	var rules []ruleJSON
	if err := json.Unmarshal([]byte(stdout), &rules); err != nil || code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	if len(rules) < 20 || rules[0].ID != "PF001" || rules[0].Bad == "" {
		t.Errorf("rules %+v", rules[0])
	}
}

// TestLintManyFilesInOrder: files are linted in parallel and reported in
// the order they are named.
func TestLintManyFilesInOrder(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i := range 40 {
		p := filepath.Join(dir, fmt.Sprintf("f%02d.conf", 39-i))
		if err := os.WriteFile(p, []byte(fmt.Sprintf("m%d = \"em0\"\npass all\n", i)), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, p)
	}
	code, stdout, _ := runPfshape(t, "", append([]string{"lint"}, names...)...)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != exitFindings || len(lines) != len(names) {
		t.Fatalf("exit %d, %d lines for %d files:\n%s", code, len(lines), len(names), stdout)
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, names[i]+":1:1:") || !strings.Contains(l, fmt.Sprintf("macro m%d ", i)) {
			t.Errorf("line %d is %q, want the finding of %s", i, l, names[i])
		}
	}
}
