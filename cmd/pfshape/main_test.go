package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runPfshape(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.conf", "pass all\n")
	bad := write("bad.conf", "pass all\npass in al\nblock on\n")
	altq := filepath.Join("..", "..", "testdata", "examples", "altq-cbq.conf")

	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // substring; "" means empty output
		stderr string // substring
	}{
		{"valid file is quiet", "", []string{"check", good}, 0, "", ""},
		{"errors with file:line:col", "", []string{"check", bad}, 1, bad + ":2:9: error: syntax error", ""},
		{"every bad statement reported", "", []string{"check", bad}, 1, bad + ":3:", ""},
		{"stdin is named stdin", "pass in al\n", []string{"check", "-"}, 1, "stdin:1:9: error: syntax error", ""},
		{"ALTQ on the latest OpenBSD", "", []string{"check", altq}, 1, "ALTQ was removed in OpenBSD 5.6", ""},
		{"ALTQ on its release", "", []string{"check", "--target", "openbsd-5.4", altq}, 0, "", ""},
		{"-D overrides a macro", "pass on $x\n", []string{"check", "-D", "x=em0", "-"}, 0, "", ""},
		{"bad -D", "", []string{"check", "-D", "x", good}, 2, "", "want name=value"},
		{"unknown target", "", []string{"check", "--target", "netbsd", good}, 2, "", "unknown target"},
		{"missing file", "", []string{"check", filepath.Join(dir, "nope.conf")}, 2, "", "no such file"},
		{"no files", "", []string{"check"}, 2, "", "no files named"},
		{"unknown flag", "", []string{"check", "--frobnicate", good}, 2, "", "unknown flag"},
		{"unknown command", "", []string{"frobnicate"}, 2, "", "unknown command"},
		{"no command", "", nil, 2, "", "usage: pfshape"},
		{"help", "", []string{"--help"}, 0, "check", ""},
		{"check help", "", []string{"check", "--help"}, 0, "", "--target"},
		{"version", "", []string{"version"}, 0, "pfshape ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runPfshape(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout, stderr)
			}
			if tc.stdout == "" && stdout != "" && tc.code != 0 {
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
