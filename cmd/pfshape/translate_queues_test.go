package main

import (
	"os"
	"strings"
	"testing"
)

const noSpeed = "altq on em0 cbq queue { a b }\nqueue a bandwidth 50% cbq(default)\nqueue b bandwidth 50%\npass out queue b\n"

func TestTranslateQueues(t *testing.T) {
	tests := []translateCase{
		{"queues", "", func(p string) []string { return []string{"translate", "--to", "queues", p} }, 0,
			[]string{"queue root_em0 on $ext_if bandwidth 10M, max 10M\n", "queue std parent root_em0 bandwidth 3M, max 3M default\n",
				"queue ssh parent root_em0 bandwidth 1M\n", "set queue (web, ack)\n"},
			[]string{"the cbq priorities", "queue web: red lost"}, []string{"altq on", "set prio", "%"}},
		{"both", "", func(p string) []string { return []string{"translate", "--to", "both", p} }, 0,
			[]string{"queue root_em0 on $ext_if", "set (queue (web, ack), prio (5, 7))\n", "set (queue bulk, prio 3)\n"},
			[]string{"em0 (cbq): ack 7 → 7"}, []string{"altq on"}},
		{"ifspeed missing", noSpeed, func(string) []string { return []string{"translate", "--to", "queues", "-"} }, 3,
			[]string{"altq on em0 cbq queue", "pass out queue b"}, []string{"give it with --ifspeed em0=BW"}, nil},
		{"ifspeed", noSpeed, func(string) []string { return []string{"translate", "--to", "queues", "--ifspeed", "em0=100M", "-"} }, 0,
			[]string{"queue root_em0 on em0 bandwidth 100M, max 100M\nqueue a parent root_em0 bandwidth 50M, max 50M default\n", "pass out set queue b\n"}, nil, nil},
		{"ifspeed unused", noSpeed, func(string) []string {
			return []string{"translate", "--to", "queues", "--ifspeed", "em0=1500K", "--ifspeed", "em9=1G", "-"}
		}, 0, []string{"bandwidth 1500K, max 1500K\n", "bandwidth 750K, max 750K default\n"}, []string{"--ifspeed em9: no altq line is on em9"}, nil},
		{"ifspeed percent", noSpeed, func(string) []string { return []string{"translate", "--to", "queues", "--ifspeed", "em0=50%", "-"} }, 2,
			nil, []string{"a percentage of what?"}, nil},
		{"ifspeed bad unit", noSpeed, func(string) []string { return []string{"translate", "--to", "queues", "--ifspeed", "em0=10Mbps", "-"} }, 2,
			nil, []string{"unknown unit"}, nil},
		{"ifspeed no name", noSpeed, func(string) []string { return []string{"translate", "--to", "queues", "--ifspeed", "100M", "-"} }, 2,
			nil, []string{"want IF=BW"}, nil},
		{"ifspeed with prio", noSpeed, func(string) []string { return []string{"translate", "--ifspeed", "em0=100M", "-"} }, 2,
			nil, []string{"--ifspeed is for --to queues"}, nil},
		{"old target", "", func(p string) []string {
			return []string{"translate", "--to", "queues", "--target", "openbsd-5.4", p}
		}, 2, nil, []string{"openbsd-5.4 has no queues of its own"}, nil},
		{"32-bit", "altq on ix0 hfsc bandwidth 4294967296 queue { a }\nqueue a bandwidth 100% hfsc(default)\n",
			func(string) []string { return []string{"translate", "--from", "freebsd-14.0", "--to", "queues", "-"} }, 3,
			nil, []string{"2^32 bit/s or more", "32 bits"}, []string{"queue root_ix0"}},
	}
	runTranslateCases(t, tests)
}

// TestTranslateQueuesWrite: -w writes the queue translation, the result
// passes check, and translating it again changes nothing.
func TestTranslateQueuesWrite(t *testing.T) {
	for _, name := range []string{"altq-cbq.conf", "altq-hfsc.conf"} {
		p := copyExample(t, name)
		if code, _, stderr := runPfshape(t, "", "translate", "--to", "both", "-w", p); code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		got, _ := os.ReadFile(p)
		if strings.Contains(string(got), "altq") || !strings.Contains(string(got), "queue root_") {
			t.Errorf("%s: -w wrote no queue translation:\n%s", name, got)
		}
		if code, stdout, _ := runPfshape(t, "", "translate", "--to", "both", "--check", "-l", p); code != 0 || stdout != "" {
			t.Errorf("%s: translating again: exit %d, listed %q", name, code, stdout)
		}
		if code, stdout, _ := runPfshape(t, "", "check", p); code != 0 {
			t.Errorf("%s: the translation does not pass check: %s", name, stdout)
		}
	}
}
