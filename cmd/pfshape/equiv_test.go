package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/translate"
)

const priqStdin = `altq on em0 priq bandwidth 10Mb queue { q_hi, q_def }
queue q_hi priority 14
queue q_def priority 7 priq(default)
pass out on em0 proto tcp to port 22 queue q_hi
`

// TestTranslateProof: every mode of translate runs the proof and says
// what it found on stderr; notes leave the exit status as it was unless
// --strict; an error difference is exit 3. The classes' words are
// engine.Describe's, which may be reworded: they are not asserted.
func TestTranslateProof(t *testing.T) {
	const note = "note: 1 packet class is classed otherwise on every interface without queues"
	const summary = "pfshape translate: stdin: 0 differences, 1 note, 0 parts not proven"
	// FreeBSD's stateful rules take ICMP echo replies without state,
	// OpenBSD's never: what the original passes the output does not.
	const freebsd = "altq on em0 cbq(default) bandwidth 100Kb queue qmain\nqueue qmain priority 4\nblock on em0\npass on em0 queue qmain\n"
	stdin := func(args ...string) func(string) []string {
		return func(string) []string { return append([]string{"translate"}, append(args, "-")...) }
	}
	tests := []translateCase{
		{"notes", priqStdin, stdin(), 0, []string{"set prio 7"}, []string{note, "  stdin:4: was queue q_hi, which has no effect without altq: no priority, now set prio 7 (output line 1): ", summary}, nil},
		{"notes strict", priqStdin, stdin("--strict"), 3, []string{"set prio 7"}, []string{note, summary + " (errors with --strict)"}, nil},
		{"diff", priqStdin, stdin("-d"), 0, []string{"+pass out on em0 proto tcp to port 22 set prio 7"}, []string{summary}, nil},
		{"list strict", priqStdin, stdin("-l", "--strict"), 3, []string{"stdin"}, []string{summary}, nil},
		{"check", priqStdin, stdin("--check"), 1, nil, []string{summary}, nil},
		{"proved", "altq on em0 priq bandwidth 10Mb queue { q_def }\nqueue q_def priority 7 priq(default)\npass out on em0 queue q_def\n", stdin("--strict"), 0,
			nil, []string{"pfshape translate: stdin: proved: every packet keeps its verdict and its class"}, nil},
		{"queues", "altq on em0 hfsc bandwidth 10Mb queue { q_hi, q_def }\nqueue q_hi bandwidth 30% hfsc(realtime 2Mb)\nqueue q_def bandwidth 70% hfsc(default)\npass out on em0 proto tcp to port 22 queue q_hi\n",
			stdin("--to", "queues", "--strict"), 0, []string{"set queue q_hi"}, []string{"stdin: proved"}, nil},
		{"error", freebsd, stdin("--from", "freebsd-12.1"), 3, []string{"set prio 7"},
			[]string{"stdin:4: error: the original passes, the output blocks (output line 1): ", "differences, 1 note, 0 parts not proven"}, nil},
		{"nothing to do", "pass out on em0 set prio 3\n", stdin(), 0, []string{"pass out on em0 set prio 3"},
			[]string{"pfshape translate: stdin: proved: the output is the input, read for the same release"}, nil},
		{"does not load", "altq on em0 priq bandwidth 1Mb queue { a }\nqueue a priority 1 priq(default)\npass out queue typo\n", stdin(), 3, nil,
			[]string{"stdin: not proven: the translation does not load"}, nil},
		// The translated rule fails a check of OpenBSD's that the ALTQ
		// releases did not make: the error names the user's line and
		// quotes the output's.
		{"does not load, named in the input", "altq on em0 priq bandwidth 1Mb queue { a }\nqueue a priority 1 priq(default)\npass os A queue a\n", stdin(), 3, nil,
			[]string{"stdin:3:1: error: os only applies to tcp (output line 1: pass os A set prio 3)"}, nil},
	}
	runTranslateCases(t, tests)
}

// TestReportProofUnproven: parts the engine could not compare are
// reported as not proven, never as proved, with how many of the cases
// compared the descriptions merge; they change the exit status only
// with --strict.
func TestReportProofUnproven(t *testing.T) {
	eq := &translate.Equivalence{Notes: map[string][]translate.Discrepancy{}, Unproven: []string{"on em0 direction in proto 6"},
		Parts: 40, UnprovenParts: 7}
	for _, strict := range []bool{false, true} {
		var b bytes.Buffer
		code := reportProof("translate", "pf.conf", nil, eq, strict, &b)
		want := exitOK
		if strict {
			want = exitLeftBehind
		}
		if code != want {
			t.Errorf("strict %v: exit %d, want %d", strict, code, want)
		}
		out := b.String()
		for _, s := range []string{"pf.conf: not proven (too many cases for the engine's budget): on em0 direction in proto 6", "0 differences, 0 notes, 1 part not proven (merged from 7 of the 40 cases the engine compares)"} {
			if !strings.Contains(out, s) {
				t.Errorf("strict %v: output lacks %q:\n%s", strict, s, out)
			}
		}
		if strings.Contains(out, "proved:") {
			t.Errorf("strict %v: says proved:\n%s", strict, out)
		}
	}
}
