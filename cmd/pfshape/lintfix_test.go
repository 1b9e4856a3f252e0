package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintFixVerified: the fixes are checked as translate checks its
// output. An ALTQ ruleset whose other statements break a check the new
// release makes (pfctl 7.8's rule_consistent: "os only applies to tcp")
// is fixed (the ALTQ translated), the error the fix uncovers is reported
// on the written file, the exit status is 1, and the written file still
// loads on the release it was written for: nothing is lost.
func TestLintFixVerified(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pf.conf")
	src := "altq on em0 priq bandwidth 10Mb queue { q_def, q_hi }\n" +
		"queue q_def priority 1 priq(default)\n" +
		"queue q_hi priority 7\n" +
		"pass out on em0 proto tcp queue q_hi\n" +
		"pass os OpenBSD\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runPfshape(t, "", "check", "--target", "openbsd-5.4", path); code != exitOK {
		t.Fatalf("the input must load on openbsd-5.4 (exit %d)", code)
	}
	code, stdout, stderr := runPfshape(t, "", "lint", "--fix", "--target", "openbsd-7.8", path)
	if code != exitFindings {
		t.Errorf("lint --fix exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	if want := path + ":2:1: error: os only applies to tcp [PF002]"; !strings.Contains(stdout, want) {
		t.Errorf("lint --fix does not report what the fix left, on the written file's line:\nwant %q\ngot\n%s", want, stdout)
	}
	if strings.Contains(stdout, "PF201") {
		t.Errorf("the fixed ALTQ findings are still reported:\n%s", stdout)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(got), "altq on") || !strings.Contains(string(got), "set prio 7") {
		t.Errorf("the ALTQ fix was not written:\n%s", got)
	}
	if code, stdout, _ := runPfshape(t, "", "check", "--target", "openbsd-5.4", path); code != exitOK {
		t.Errorf("the written file no longer loads on openbsd-5.4:\n%s", stdout)
	}
	// What lint reports now is what lint --fix reported.
	_, again, _ := runPfshape(t, "", "lint", "--target", "openbsd-7.8", path)
	if again != stdout {
		t.Errorf("lint after --fix says\n%s\nbut lint --fix said\n%s", again, stdout)
	}
}

// TestLintFixUnsafe: a fix that guesses what was meant (PF102 renames a
// misspelt queue to the nearest defined one) changes what the ruleset
// does when the guess is wrong, so --fix leaves it and --unsafe-fixes
// applies it.
func TestLintFixUnsafe(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pf.conf")
	src := "altq on em0 priq bandwidth 10Mb queue { std, ssh }\n" +
		"queue std priority 1 priq(default)\n" +
		"queue ssh priority 7\n" +
		"pass out on em0 proto tcp to port 22 queue shh\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runPfshape(t, "", "lint", "--fix", "--target", "openbsd-5.4", path)
	got, _ := os.ReadFile(path)
	if string(got) != src || code != exitFindings || !strings.Contains(stdout, "[PF102]") {
		t.Errorf("--fix applied a guess (exit %d):\n%s\n%s", code, got, stdout)
	}
	code, stdout, _ = runPfshape(t, "", "lint", "--fix", "--unsafe-fixes", "--target", "openbsd-5.4", path)
	got, _ = os.ReadFile(path)
	if !strings.Contains(string(got), "queue ssh\n") || code != exitOK {
		t.Errorf("--unsafe-fixes did not rename (exit %d):\n%s\n%s", code, got, stdout)
	}
	if code, _, stderr := runPfshape(t, "", "lint", "--unsafe-fixes", path); code != exitUsage {
		t.Errorf("--unsafe-fixes without --fix: exit %d, %s", code, stderr)
	}
}
