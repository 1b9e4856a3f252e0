package main

import (
	"fmt"
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

// includedRuleset writes an ALTQ ruleset of a main file and two includes,
// every one of which translate changes.
func includedRuleset(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"pf.conf":     "altq on em0 cbq bandwidth 10Mb queue { std, ssh }\ninclude \"queues.conf\"\ninclude \"rules.conf\"\n",
		"queues.conf": "queue std bandwidth 50% cbq(default)\nqueue ssh bandwidth 50% priority 7\n",
		"rules.conf":  "pass out on em0 proto tcp to port ssh queue ssh\n",
	}
	for n, text := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

// TestTranslateWriteAllOrNothing makes each file of the ruleset read-only
// in turn: translate -w writes none, exits 2 and names the file.
func TestTranslateWriteAllOrNothing(t *testing.T) {
	for _, bad := range []string{"pf.conf", "queues.conf", "rules.conf"} {
		t.Run(bad, func(t *testing.T) {
			dir, files := includedRuleset(t)
			main := filepath.Join(dir, "pf.conf")
			if code, stdout, _ := runPfshape(t, "", "translate", "-l", main); code != 0 || strings.Count(stdout, "\n") != 3 {
				t.Fatalf("translate -l: exit %d, want all three files listed:\n%s", code, stdout)
			}
			os.Chmod(filepath.Join(dir, bad), 0o444)
			code, _, stderr := runPfshape(t, "", "translate", "-w", main)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if want := filepath.Join(dir, bad) + ": the file is read-only; no file was written"; !strings.Contains(stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr)
			}
			for n, text := range files {
				if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != text {
					t.Errorf("%s changed:\n%s", n, b)
				}
			}
			if entries, _ := os.ReadDir(dir); len(entries) != len(files) {
				t.Errorf("files left behind: %v", entries)
			}
		})
	}
	// With every file writable, all three are written.
	dir, files := includedRuleset(t)
	code, _, stderr := runPfshape(t, "", "translate", "-w", filepath.Join(dir, "pf.conf"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "pfshape translate: wrote " + filepath.Join(dir, "pf.conf") + ", " + filepath.Join(dir, "queues.conf") + ", " + filepath.Join(dir, "rules.conf") + "\n"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	for n, text := range files {
		if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) == text {
			t.Errorf("%s was not written", n)
		}
	}
}

// TestTranslateOverBudget: a ruleset past a budget of the parse is too
// large for every release, so translate and diff say so after one
// reading instead of reading it again for six more releases.
func TestTranslateOverBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0 = x\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "a%d = $a%d $a%d\n", i, i-1, i-1)
	}
	for _, args := range [][]string{{"translate", "-"}, {"diff", "-", "-"}} {
		code, _, stderr := runPfshape(t, b.String(), args...)
		if code != exitUsage || !strings.Contains(stderr, "stdin is too large to read") || strings.Contains(stderr, "parses for no release") {
			t.Errorf("%v: exit %d:\n%.500s", args, code, stderr)
		}
	}
}

// TestLintFixAllOrNothing: lint --fix over a main file and an include,
// each fixable, with each in turn read-only, writes neither.
func TestLintFixAllOrNothing(t *testing.T) {
	files := map[string]string{"pf.conf": "a = \"x\"\ninclude \"inc.conf\"\npass\n", "inc.conf": "b = \"y\"\n"}
	for _, bad := range []string{"pf.conf", "inc.conf"} {
		t.Run(bad, func(t *testing.T) {
			dir := t.TempDir()
			for n, text := range files {
				os.WriteFile(filepath.Join(dir, n), []byte(text), 0o644)
			}
			os.Chmod(filepath.Join(dir, bad), 0o444)
			code, _, stderr := runPfshape(t, "", "lint", "--fix", filepath.Join(dir, "pf.conf"))
			if want := filepath.Join(dir, bad) + ": the file is read-only; no file was written"; code != exitUsage || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, want %d and %q:\n%s", code, exitUsage, want, stderr)
			}
			for n, text := range files {
				if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != text {
					t.Errorf("%s changed:\n%s", n, b)
				}
			}
		})
	}
}
