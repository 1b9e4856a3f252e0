package lint

import (
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/edit"
)

// TestFindings checks messages, positions and fixes of findings beyond the
// doc examples.
func TestFindings(t *testing.T) {
	tests := []struct {
		name, target, src string
		rule              string
		at                string // line:col
		msg               string // substring
		fixed             string // the file after the first fix, when set
	}{
		{"32-bit percentage resolved", "openbsd-5.4",
			"altq on em0 hfsc bandwidth 4Gb queue { a, b }\nqueue a bandwidth 50% hfsc(default)\nqueue b bandwidth 50%\npass queue b\n",
			"", "", "", ""},
		{"freebsd 12 hfsc is 64-bit", "freebsd-12.1",
			"altq on em0 hfsc bandwidth 10G queue { a }\nqueue a bandwidth 100% hfsc(default)\npass queue a\n",
			"", "", "", ""},
		{"freebsd 12 cbq is clamped", "freebsd-12.1",
			"altq on em0 cbq bandwidth 10G queue { a }\nqueue a bandwidth 100% cbq(default)\npass queue a\n",
			"PF101", "1:27", "the kernel uses 4294967295 bit/s", ""},
		{"new queue curve 32-bit", "openbsd-7.8",
			"queue rootq on em0 bandwidth 10G\nqueue a parent rootq bandwidth 5G default\n",
			"PF101", "1:30", "kernel's service curves", ""},
		{"undefined queue with suggestion on 7.8", "openbsd-7.8",
			"queue rootq on em0 bandwidth 10M\nqueue web parent rootq bandwidth 5M default\npass set queue wbe\n",
			"PF102", "3:16", "did you mean web?", ""},
		{"truncated percent fix", "openbsd-5.4",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a bandwidth 99.9% cbq(default)\npass queue a\n",
			"PF114", "2:19", "to 99%", "altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a bandwidth 99% cbq(default)\npass queue a\n"},
		{"bare prio fix", "openbsd-7.8", "pass prio 3\n",
			"PF202", "1:6", "match criterion", "pass set prio 3\n"},
		{"prio pair is an error with a fix", "openbsd-7.8", "pass prio (3, 5)\n",
			"PF202", "1:6", "does not parse", "pass set prio (3, 5)\n"},
		{"unused macro fix", "", "a = \"em0\"\nb = \"em1\" # the LAN\npass on $a\n",
			"PF302", "2:1", "macro b", "a = \"em0\"\npass on $a\n"},
		{"macro defined too late", "", "pass on $a\na = \"em0\"\n",
			"PF301", "1:9", "defined later, on line 2", ""},
		{"overload fills its table", "", "pass in proto tcp keep state (max-src-conn 10, overload <bad> flush)\n",
			"", "", "", ""},
		{"bytes unit fix", "freebsd-14.0",
			"altq on em0 priq bandwidth 100MB queue { a }\nqueue a priority 1 priq(default)\npass queue a\n",
			"PF115", "1:28", "100 Mbit/s", "altq on em0 priq bandwidth 100Mb queue { a }\nqueue a priority 1 priq(default)\npass queue a\n"},
		{"ALTQ fix loads", "openbsd-7.8",
			"altq on em0 priq bandwidth 10Mb queue { std, ssh }\nqueue std priority 1 priq(default)\nqueue ssh priority 7\npass out queue ssh\n",
			"PF201", "1:1", "altq on em0", "pass out set prio 7\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds := lintText(t, tc.src, tc.target)
			var errs []Diagnostic
			for _, d := range ds {
				if d.Severity == Error && d.Rule != tc.rule {
					errs = append(errs, d)
				}
			}
			if len(errs) > 0 {
				t.Errorf("unexpected errors: %v", errs)
			}
			if tc.rule == "" {
				return
			}
			got := withRule(ds, tc.rule)
			if len(got) == 0 {
				t.Fatalf("no %s finding; got %v", tc.rule, ds)
			}
			d := got[0]
			if at := d.Range.Start.String()[len("pf.conf:"):]; at != tc.at {
				t.Errorf("at %s, want %s", at, tc.at)
			}
			if !strings.Contains(d.Message, tc.msg) {
				t.Errorf("message %q lacks %q", d.Message, tc.msg)
			}
			if tc.fixed == "" {
				return
			}
			if len(d.Fixes) == 0 {
				t.Fatalf("no fix")
			}
			var es []edit.Edit
			for _, e := range d.Fixes[0].Edits {
				es = append(es, e.Edit)
			}
			out, err := edit.Apply([]byte(tc.src), es)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tc.fixed) {
				t.Errorf("fixed:\n%s\nwant it to contain:\n%s", out, tc.fixed)
			}
		})
	}
}

// TestIndependentQueueErrors: pfctl stops at the first failing queue
// definition and never reaches its checks of the queues as a whole
// (pfctl_altq.c check_commit_altq, run only after a clean parse); the
// linter reports those too, in pfctl's words, as it reports every other
// independent error.
func TestIndependentQueueErrors(t *testing.T) {
	tests := []struct {
		name, target, src string
		want              []string // rule: message prefix
	}{
		{"priq same priority and no default", "openbsd-5.4",
			"altq on em0 priq bandwidth 1Mb queue { a b c }\nqueue a priority 1\nqueue b priority 1\nqueue c priority 2\npass out queue a\npass out queue c\n",
			[]string{"PF107: a and b have the same priority", "PF106: should have one default queue on em0"}},
		{"cbq queue error and no default", "freebsd-14.0",
			"altq on em0 cbq bandwidth 1Mb queue { a b }\nqueue a bandwidth 50% tbrsize 100 cbq\nqueue b bandwidth 50% cbq\npass out queue b\n",
			[]string{"PF106: should have one default queue on em0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds := lintText(t, tc.src, tc.target)
			for _, w := range tc.want {
				rule, msg, _ := strings.Cut(w, ": ")
				found := false
				for _, d := range withRule(ds, rule) {
					found = found || strings.HasPrefix(d.Message, msg)
				}
				if !found {
					t.Errorf("no %s finding %q; got %v", rule, msg, ds)
				}
			}
		})
	}
}
