package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileNamesInMessages runs the commands over a ruleset whose file
// name and queue names hold a newline and "::error::", ESC and "##[", and
// checks that no line they write can start a workflow command or reach
// the terminal raw.
func TestHostileNamesInMessages(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "pf\n::error::owned\x1b]0;PWNED\x07 ##[add-mask]x.conf")
	src := "altq on em0 cbq bandwidth 10Mb queue { std }\nqueue std bandwidth 100% cbq(default)\n" +
		"pass out on em0 queue \"q\r::error::by a queue\x1b[2J\"\npass in al\n"
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	for _, args := range [][]string{
		{"check", "--target", "openbsd-4.6", name},
		{"lint", "--target", "openbsd-4.6", name},
		{"lint", "--target", "openbsd-4.6", "--format", "github", name},
		{"print", "--target", "openbsd-4.6", name},
		{"translate", name},
		{"check", filepath.Join(dir, "missing\n::error::x.conf")},
	} {
		_, stdout, stderr := runPfshape(t, "", args...)
		if !strings.Contains(stdout+stderr, "owned") && !strings.Contains(stdout+stderr, "missing") {
			t.Errorf("%s: the file is not named at all:\n%s%s", args[0], stdout, stderr)
		}
		github := strings.Contains(strings.Join(args, " "), "--format github")
		for _, line := range strings.FieldsFunc(stdout+stderr, func(r rune) bool { return r == '\n' || r == '\r' }) {
			trimmed := strings.TrimLeft(line, " \t")
			if strings.HasPrefix(trimmed, "::") && !(github && strings.HasPrefix(line, "::error file=") || github && strings.HasPrefix(line, "::warning file=")) {
				t.Errorf("%q: a line starts a workflow command: %q", args, line)
			}
			if strings.Contains(line, "##[") || strings.ContainsAny(line, "\x1b\x07") {
				t.Errorf("%q: a line holds ##[ or a control character: %q", args, line)
			}
		}
	}
}
