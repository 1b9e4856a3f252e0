package model

import (
	"sort"
	"strings"
	"testing"
)

func TestCheckMessages(t *testing.T) {
	tests := []struct {
		name, target, src string
		want              []string
	}{
		{"no parent", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a cbq(default)\nqueue b bandwidth 10%\n",
			[]string{"3: errors in queue definition", "3: queue b has no parent"}},
		{"parent listed after the child", "openbsd-5.1",
			"queue a cbq(default)\naltq on em0 cbq bandwidth 10Mb queue { a }\n",
			[]string{"1: errors in queue definition", "1: queue a has no parent"}},
		{"set prio out of range", "openbsd",
			"pass set prio 8\npass set prio (1, 9)\npass set prio 7\n",
			[]string{"1: prio must be 0 - 7", "2: prio must be 0 - 7"}},
		{"queue twice", "openbsd-5.4",
			"pass queue a set queue b\npass set (queue a, tos 4) queue a\npass queue a queue b\npass queue a set prio 2\n",
			[]string{"1: queue cannot be redefined", "2: queue cannot be redefined", "3: queue cannot be redefined"}},
		{"queue twice, FreeBSD", "freebsd-14.2",
			"altq on em0 priq bandwidth 10Mb queue { a }\nqueue a priq(default)\npass queue a queue a\n",
			[]string{"3: queue cannot be redefined"}},
		{"bare prio out of range on 5.1", "openbsd-5.1",
			"pass prio 9\n", []string{"1: prio must be 0 - 7"}},
		{"prio criterion out of range", "freebsd-14.2",
			"pass prio 8\n", []string{"1: prio must be 0 - 7"}},
		{"unknown unit old", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10M queue { a }\n", []string{"1: unknown unit M"}},
		{"unknown unit new", "openbsd",
			"queue r on em0 bandwidth 10Mbps\n", []string{`1: unknown unit "Mbps"`}},
		{"bandwidth number too big", "openbsd-5.1",
			"altq on em0 cbq bandwidth 4294967296 queue { a }\nqueue a cbq(default)\n",
			[]string{"1: bandwidth number too big", "2: errors in queue definition", "2: queue a has no parent"}},
		{"priq same priority", "openbsd-5.1",
			"altq on em0 priq bandwidth 10Mb queue { a b }\nqueue a priority 2 priq(default)\nqueue b priority 2\n",
			[]string{"3: a and b have the same priority", "3: errors in queue definition"}},
		{"priq same priority, FreeBSD 13", "freebsd-14.2",
			"altq on em0 priq bandwidth 10Mb queue { a b }\nqueue a priority 2 priq(default)\nqueue b priority 2\n",
			[]string{"3: b does not have a unique priority on interface em0", "3: errors in queue definition"}},
		{"priq children", "openbsd-5.1",
			"altq on em0 priq bandwidth 10Mb queue { a }\nqueue a priq(default) { b }\n",
			[]string{"2: errors in queue definition", "2: priq queues cannot have child queues"}},
		{"priq bandwidth", "openbsd-5.1",
			"altq on em0 priq bandwidth 10Mb queue { a }\nqueue a bandwidth 50% priq(default)\n",
			[]string{"2: errors in queue definition", "2: priq doesn't take bandwidth"}},
		{"priq priority range", "openbsd-5.1",
			"altq on em0 priq bandwidth 10Mb queue { a }\nqueue a priority 16 priq(default)\n",
			[]string{"2: errors in queue definition", "2: priority out of range: max 15"}},
		{"cbq priority range", "freebsd-12.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a priority 8 cbq(default)\n",
			[]string{"2: errors in queue definition", "2: priority out of range: max 7"}},
		{"priority over 255", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a priority 256 cbq(default)\n",
			[]string{"2: priority out of range: max 255"}},
		{"no default queue cbq", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a\n",
			[]string{"1: should have one default queue on em0"}},
		{"two default queues priq", "openbsd-5.1",
			"altq on em0 priq bandwidth 10Mb queue { a b }\nqueue a priority 1 priq(default)\nqueue b priority 2 priq(default)\n",
			[]string{"1: should have one default queue on em0"}},
		{"default on the altq line is root's", "freebsd-12.1",
			"altq on em0 cbq(default) bandwidth 100Kb queue qmain\nqueue qmain priority 4\n", nil},
		{"hfsc default not a leaf", "openbsd-5.1",
			"altq on em0 hfsc bandwidth 10Mb queue { a }\nqueue a bandwidth 50% hfsc(default) { b }\nqueue b bandwidth 50%\n",
			[]string{"2: default queue is not a leaf"}},
		{"hfsc default not a leaf, FreeBSD 13", "freebsd-14.2",
			"altq on em0 hfsc bandwidth 10Mb queue { a }\nqueue a bandwidth 50% hfsc(default) { b }\nqueue b bandwidth 50%\n",
			[]string{"3: adding b would make default queue a not a leaf", "3: errors in queue definition"}},
		{"higher than interface", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a bandwidth 20Mb cbq(default)\n",
			[]string{"2: bandwidth for a higher than interface", "2: errors in queue definition"}},
		{"higher than parent", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a bandwidth 1Mb { b }\nqueue b bandwidth 2Mb cbq(default)\n",
			[]string{"3: bandwidth for b higher than parent", "3: errors in queue definition"}},
		{"unknown interface speed skips bandwidth checks", "openbsd-5.1",
			"altq on em0 cbq queue { a }\nqueue a bandwidth 50% cbq(default)\n", nil},
		{"qlimit range", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb qlimit 70000 queue { a }\n",
			[]string{"1: qlimit out of range: max 65535"}},
		{"tbrsize range", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb tbrsize 70000 queue { a }\n",
			[]string{"1: tbrsize too big: max 65535"}},
		{"tbrsize on a queue", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a tbrsize 100 cbq(default)\n",
			[]string{"2: cannot specify tbrsize for queue"}},
		{"no scheduler", "openbsd-5.1",
			"altq on em0 bandwidth 10Mb queue { a }\n", []string{"1: no scheduler specified!"}},
		{"unknown flag", "openbsd-5.1",
			"altq on em0 cbq(borrow invalid) bandwidth 10Mb queue one\n", []string{`1: unknown cbq flag "invalid"`}},
		{"rio gone in 5.0", "openbsd-5.1",
			"altq on em0 cbq(rio) bandwidth 10Mb queue one\n", []string{`1: unknown cbq flag "rio"`}},
		{"bandwidth respecified", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb bandwidth 5Mb queue { a }\n",
			[]string{"1: bandwidth cannot be respecified"}},
		{"curve respecified", "openbsd-5.1",
			"altq on em0 hfsc bandwidth 10Mb queue { a }\nqueue a bandwidth 10% hfsc(default linkshare 1Mb linkshare 2Mb)\n",
			[]string{"2: linkshare already specified"}},
		{"self as child", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a cbq(default) { a }\n",
			[]string{"2: errors in queue definition", "2: queue cannot have itself as child"}},
		{"scheduler mismatch", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a priq(default)\n",
			[]string{"2: errors in queue definition", "2: exactly one scheduler type per interface allowed"}},
		{"upper limit above interface", "openbsd-5.1",
			"altq on em0 hfsc bandwidth 10Mb queue { a }\nqueue a bandwidth 1Mb hfsc(default upperlimit 20Mb)\n",
			[]string{"2: errors in queue definition", "2: upper-limit larger than interface bandwidth"}},
		{"real-time over 80%", "openbsd-5.1",
			"altq on em0 hfsc bandwidth 10Mb queue { a b }\nqueue a bandwidth 10% hfsc(default realtime 5Mb)\nqueue b bandwidth 10% hfsc(realtime 4Mb)\n",
			[]string{"3: errors in queue definition", "3: real-time sc exceeds 80% of the interface bandwidth (8Mb)"}},
		{"link-share over parent", "openbsd-5.1",
			"altq on em0 hfsc bandwidth 10Mb queue { a }\nqueue a bandwidth 1Mb { b c }\nqueue b bandwidth 60% hfsc(default)\nqueue c bandwidth 60%\n",
			[]string{"4: errors in queue definition", "4: linkshare sc exceeds parent's sc"}},
		{"m2 zero", "openbsd-5.1",
			"altq on em0 hfsc bandwidth 10Mb queue { a }\nqueue a bandwidth 1Mb hfsc(default realtime(2Mb 10 0))\n",
			[]string{"2: errors in queue definition", "2: m2 is zero for a"}},
		{"new queues: no default", "openbsd",
			"queue rootq on em0 bandwidth 100M\nqueue defq parent rootq bandwidth 50M\n",
			[]string{"1: no default queue specified"}},
		{"new queues: no bandwidth", "openbsd",
			"queue rootq on em0 bandwidth 1M\nqueue defq parent rootq flows 100 default\n",
			[]string{"2: queue defq: no bandwidth was specified"}},
		{"new queues: default not a leaf", "openbsd",
			"queue rootq on em0 bandwidth 1M flows 100 default\nqueue defq parent rootq bandwidth 500K\n",
			[]string{"1: default queue rootq is not a leaf queue"}},
		{"new queues: flow not a leaf", "openbsd",
			"queue rootq on em0 bandwidth 1M flows 100\nqueue defq parent rootq bandwidth 500K default\n",
			[]string{"1: flow queue rootq is not a leaf queue"}},
		{"new queues: no bandwidth or flows", "openbsd",
			"queue rootq on em0 bandwidth 1M\nqueue defq parent rootq default\n",
			[]string{"2: no bandwidth or flow specification"}},
		{"new queues: not defined", "openbsd",
			"queue root on em0 bandwidth 1G\nqueue def parent root bandwidth 1M default\npass set queue x\npass set queue (def, y)\npass queue root\n",
			[]string{"3: queue x is not defined", "4: queue y is not defined", "5: queue root is not defined"}},
		{"new queues: defined after the rule", "openbsd",
			"pass set queue def\nqueue root on em0 bandwidth 1G\nqueue def parent root bandwidth 1M default\n",
			[]string{"1: queue def is not defined"}},
		{"new queues: parent not found", "openbsd",
			"queue root on em0 bandwidth 1G\nqueue def parent root bandwidth 1M default\nqueue x parent nowhere bandwidth 1M\n",
			[]string{"3: queue x: parent nowhere not found"}},
		{"new queues: percent", "openbsd",
			"queue root on em0 bandwidth 50%\n", []string{"1: no bandwidth in % yet"}},
		{"new queues: burst time", "openbsd",
			"queue root on em0 bandwidth 10M burst 20M for 100s\n", []string{"1: time in scspec must be in ms"}},
		{"new queues: root without interface", "openbsd",
			"queue root bandwidth 10M\n", []string{"1: root queue without interface"}},
		{"new queues: flows range", "openbsd",
			"queue root on em0 bandwidth 10M flows 40000\n", []string{"1: number of flows out of range: max 32767"}},
		{"new queues: 5.5 unassigned queue check", "openbsd-5.5",
			"queue root on em0 bandwidth 10M\nqueue d parent root bandwidth 5M default\npass queue d\n", nil},
		{"ALTQ assignments are not checked", "openbsd-5.1",
			"altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a cbq(default)\npass queue nosuch\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := buildSrc(t, tc.target, tc.src)
			got := messages(m)
			want := append([]string(nil), tc.want...)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("want\n\t%s\ngot\n\t%s", strings.Join(want, "\n\t"), strings.Join(got, "\n\t"))
			}
		})
	}
}

// TestCommitChecksNeedCleanParse: pfctl checks defaults only when the file
// parsed without error.
func TestCommitChecksNeedCleanParse(t *testing.T) {
	m := buildSrc(t, "openbsd-5.1", "altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a\npass prio 9\n")
	got := messages(m)
	if len(got) != 1 || got[0] != "3: prio must be 0 - 7" {
		t.Errorf("got %v, want only the prio error", got)
	}
}

// TestParentLoop: pfctl gives up on a parent loop after 10000 matches;
// so must the model, without hanging.
func TestParentLoop(t *testing.T) {
	m := buildSrc(t, "openbsd", "queue r on em0 bandwidth 10M\nqueue a parent r bandwidth 1M default\nqueue r parent a bandwidth 1M\n")
	got := messages(m)
	if len(got) != 1 || !strings.Contains(got[0], "excessive matches, loop?") {
		t.Errorf("got %v", got)
	}
}
