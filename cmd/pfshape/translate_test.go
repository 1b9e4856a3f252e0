package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func copyExample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o640); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTranslate(t *testing.T) {
	tests := []translateCase{
		{"stdout", "", func(p string) []string { return []string{"translate", p} }, 0,
			[]string{"set prio (5, 7)", "set skip on lo"}, []string{"reading it as openbsd-5.4 (inferred; give --from to choose)", "em0 (cbq): ack 7 → 7", "note: queue web:"}, []string{"altq on", "--from says"}},
		{"diff", "", func(p string) []string { return []string{"translate", "-d", p} }, 0,
			[]string{"--- a/", "+++ b/", "-altq on $ext_if", "+pass out on $ext_if proto tcp to port ssh set prio (6, 7)"}, nil, nil},
		{"list", "", func(p string) []string { return []string{"translate", "-l", p} }, 0,
			[]string{"altq-cbq.conf\n"}, nil, []string{"set prio"}},
		{"check pending", "", func(p string) []string { return []string{"translate", "--check", p} }, 1, nil, nil, []string{"set prio"}},
		{"explicit from", "", func(p string) []string { return []string{"translate", "--from", "openbsd-5.4", p} }, 0,
			[]string{"set prio"}, nil, nil},
		{"wrong from", "", func(p string) []string { return []string{"translate", "--from", "openbsd-7.8", p} }, 2,
			nil, []string{"does not parse as openbsd-7.8"}, nil},
		{"stdin", "altq on em0 priq bandwidth 1Mb queue { a b }\nqueue a priority 1 priq(default)\nqueue b priority 2\npass out queue b\n",
			func(string) []string { return []string{"translate", "-"} }, 0, []string{"pass out set prio 7\n"}, nil, nil},
		{"left behind", "altq on em0 priq bandwidth 1Mb queue { a }\nqueue a priority 1 priq(default)\npass out queue typo\n",
			func(string) []string { return []string{"translate", "-"} }, 3, []string{"pass out queue typo"}, []string{"queue typo is not defined"}, nil},
		{"nothing to do", "pass out set prio 3\n", func(string) []string { return []string{"translate", "--check", "-"} }, 0, nil, nil, nil},
		{"garbage", "this is not pf.conf\n", func(string) []string { return []string{"translate", "-"} }, 2, nil, []string{"parses for no release"}, nil},
		// A broken ALTQ file: the errors shown are those of the release
		// that reads it best (here the one real error), not the target's
		// "ALTQ was removed" on every line.
		{"broken altq", "altq on em0 priq bandwidth 1Mb queue { a b }\nqueue a priority 1 priq(default)\nqueue b priority 2 priq(red))\npass out queue b\n",
			func(string) []string { return []string{"translate", "-"} }, 2, nil,
			[]string{"reads it best (fewest errors, the first furthest in)", `stdin:3:29: error: syntax error: unexpected ")"`}, []string{"ALTQ was removed"}},
		// A queue name longer than PF_QNAME_SIZE-1 does not load on the
		// release it was written for, so no queue of that name is written.
		{"queue name too long", "altq on em0 cbq bandwidth 1Mb queue { " + strings.Repeat("q", 64) + " }\nqueue " + strings.Repeat("q", 64) + " cbq(default)\n",
			func(string) []string { return []string{"translate", "--to", "queues", "-"} }, 2, nil,
			[]string{"does not load on openbsd-5.4", "too long (max 63 chars)"}, nil},
		{"write stdin", "", func(string) []string { return []string{"translate", "-w", "-"} }, 2, nil, []string{"cannot rewrite standard input"}, nil},
		{"two modes", "", func(p string) []string { return []string{"translate", "-d", "-l", p} }, 2, nil, []string{"exclude each other"}, nil},
		{"to unknown", "", func(p string) []string { return []string{"translate", "--to", "hfsc", p} }, 2, nil, []string{"want prio, queues or both"}, nil},
	}
	runTranslateCases(t, tests)
}

func TestTranslateWrite(t *testing.T) {
	p := copyExample(t, "altq-cbq.conf")
	_, want, _ := runPfshape(t, "", "translate", p)
	if code, _, stderr := runPfshape(t, "", "translate", "-w", p); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, _ := os.ReadFile(p)
	if string(got) != want {
		t.Errorf("-w wrote something else than the translation")
	}
	info, _ := os.Stat(p)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("-w changed the mode to %v", info.Mode().Perm())
	}
	// Translating the result again changes nothing.
	if code, stdout, _ := runPfshape(t, "", "translate", "--check", "-l", p); code != 0 || stdout != "" {
		t.Errorf("translating again: exit %d, listed %q", code, stdout)
	}
	// The result loads on the latest OpenBSD.
	if code, stdout, _ := runPfshape(t, "", "check", p); code != 0 {
		t.Errorf("the translation does not pass check: %s", stdout)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("temporary files left beside the file: %v", entries)
	}
}

// translateCase is one run of pfshape on a copy of altq-cbq.conf: the
// arguments (given the copy's path), the exit status, and substrings that
// standard output and standard error must and must not hold.
type translateCase struct {
	name   string
	stdin  string
	args   func(p string) []string
	code   int
	stdout []string // substrings
	stderr []string
	nostd  []string // substrings that must not be in stdout
}

func runTranslateCases(t *testing.T, tests []translateCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := copyExample(t, "altq-cbq.conf")
			code, stdout, stderr := runPfshape(t, tc.stdin, tc.args(p)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tc.code, stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tc.nostd {
				if strings.Contains(stdout, s) {
					t.Errorf("stdout has %q:\n%s", s, stdout)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
		})
	}
}

// TestLoadErrorsOnce: a file that does not load is refused with each of
// pfctl's errors listed once (model.Check already holds Build's errors).
func TestLoadErrorsOnce(t *testing.T) {
	src := "altq on em0 hfsc bandwidth 10M queue { a }\nqueue a bandwidth 1M hfsc(default)\n"
	for _, args := range [][]string{
		{"translate", "--from", "openbsd-5.4", "-"},
		{"diff", "--from", "openbsd-5.4", "-", "-"},
	} {
		code, _, stderr := runPfshape(t, src, args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
		for _, e := range []string{"stdin:1:28: error: unknown unit M", "stdin:2:19: error: unknown unit M"} {
			if n := strings.Count(stderr, e); n != 1 {
				t.Errorf("%v: %q listed %d times in:\n%s", args, e, n, stderr)
			}
		}
	}
}
