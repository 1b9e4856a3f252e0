package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// traceResult is the part of trace's JSON the tests compare.
type traceResult struct {
	Verdict  string    `json:"verdict"`
	Line     *int      `json:"line"`
	Quick    bool      `json:"quick"`
	Matched  []int     `json:"matched"`
	Tags     []string  `json:"tags"`
	Prio     []int     `json:"prio"`
	Certain  bool      `json:"certain"`
	Unknowns []string  `json:"unknowns"`
	Outcomes []any     `json:"outcomes"`
	Queue    *struct{} `json:"queue"`
}

// traceCase is a packet traced through a ruleset (a file under
// testdata/trace, or the text of one), and what pf does with it.
type traceCase struct {
	name, source string
	target       string
	file, conf   string
	packet       string
	verdict      string
	line         int // 0: the default rule
	quick        bool
	matched      []int
	outcomes     int
	tags         []string
	// caveat: the outcome depends on an unknown the trace cannot branch
	// on (a FreeBSD kernel's default rule), so it is not certain.
	caveat bool
}

var traceCases = []traceCase{
	// OpenBSD pf.conf(5) EXAMPLES.
	{name: "obsd example: ssh passed in", source: "pf.conf(5) EXAMPLES: SSH, SMTP, DNS, and IDENT connections are passed in",
		target: "openbsd", file: "openbsd-filter-example.conf",
		packet:  "in on kue0 inet proto tcp from 203.0.113.5 port 40000 to 157.161.48.183 port ssh flags S",
		verdict: "pass", line: 20, matched: []int{4, 5, 7, 8, 20}, outcomes: 1},
	{name: "obsd example: reserved source blocked", source: "pf.conf(5) EXAMPLES: anything from reserved address space",
		target: "openbsd", file: "openbsd-filter-example.conf",
		packet:  "in on kue0 inet proto tcp from 10.1.2.3 port 40000 to 157.161.48.183 port ssh flags S",
		verdict: "block", line: 11, quick: true, matched: []int{4, 5, 7, 8, 11}, outcomes: 1},
	{name: "obsd example: spoofed source out", source: "pf.conf(5) EXAMPLES: anything that does not have our address as source",
		target: "openbsd", file: "openbsd-filter-example.conf",
		packet:  "out on kue0 inet proto udp from 192.0.2.1 port 5353 to 198.51.100.1 port 53",
		verdict: "block", line: 9, quick: true, matched: []int{5, 9}, outcomes: 1},
	{name: "obsd example: ping in", source: "pf.conf(5) EXAMPLES: pass out/in ping queries",
		target: "openbsd", file: "openbsd-filter-example.conf",
		packet:  "in on kue0 inet proto icmp from 203.0.113.5 to 157.161.48.183 icmp-type echoreq code 0",
		verdict: "pass", line: 14, matched: []int{4, 5, 7, 8, 14}, outcomes: 1},
	{name: "obsd example: smtp from a windows host", source: "pf.conf(5) EXAMPLES: os is only known at run time",
		target: "openbsd", file: "openbsd-filter-example.conf",
		packet:  "in on kue0 inet proto tcp from 203.0.113.5 port 40000 to 157.161.48.183 port smtp flags S",
		verdict: "block", line: 22, matched: []int{4, 5, 7, 8, 20, 22}, outcomes: 2},
	{name: "obsd example: IPv6 on gif0", source: "pf.conf(5) EXAMPLES: pass quick on gif0 inet6",
		target: "openbsd", file: "openbsd-filter-example.conf",
		packet:  "in on gif0 inet6 proto tcp from 2001:db8::1 port 40000 to 2001:db8::2 port 80 flags S",
		verdict: "pass", line: 25, quick: true, matched: []int{4, 7, 8, 25}, outcomes: 1},
	{name: "obsd example: tagged INTNET out", source: "pf.conf(5) EXAMPLES: packets in on $int_if are tagged and passed out",
		target: "openbsd", file: "openbsd-tagging-example.conf",
		packet:  "out on kue0 inet proto tcp from 157.161.48.183 port 40000 to 198.51.100.1 port 443 flags S tagged INTNET",
		verdict: "pass", line: 9, quick: true, matched: []int{8, 9}, outcomes: 1, tags: []string{}},
	{name: "obsd example: wifi only to port 80", source: "pf.conf(5) EXAMPLES: other outgoing packets only to port 80",
		target: "openbsd", file: "openbsd-tagging-example.conf",
		packet:  "out on kue0 inet proto tcp from 157.161.48.183 port 40000 to 198.51.100.1 port 443 flags S",
		verdict: "block", line: 8, matched: []int{8}, outcomes: 1},
	{name: "obsd example: int_if tags", source: "pf.conf(5) EXAMPLES: tag INTNET",
		target: "openbsd", file: "openbsd-tagging-example.conf",
		packet:  "in on em0 inet proto tcp from 10.0.0.5 port 40000 to 198.51.100.1 port 443 flags S",
		verdict: "pass", line: 5, matched: []int{5}, outcomes: 1, tags: []string{"INTNET"}},
	{name: "obsd example: spamd", source: "pf.conf(5) EXAMPLES: tag SPAMD rdr-to, pass tagged SPAMD",
		target: "openbsd", file: "openbsd-tagging-example.conf",
		packet:  "in on kue0 inet proto tcp from 198.51.100.1 port 40000 to 157.161.48.183 port smtp flags S",
		verdict: "pass", line: 16, matched: []int{12, 15, 16}, outcomes: 2, tags: []string{"SPAMD"}},
	// FreeBSD pf.conf(5) examples.
	{name: "fbsd example: domain over udp", source: "FreeBSD pf.conf(5) FILTER EXAMPLES: pass in certain UDP connections (DNS)",
		target: "freebsd", file: "freebsd-filter-example.conf",
		packet:  "in on kue0 inet proto udp from 203.0.113.5 port 5353 to 157.161.48.183 port domain",
		verdict: "pass", line: 18, matched: []int{7, 8, 9, 18}, outcomes: 1},
	{name: "fbsd example: broadcast dropped", source: "FreeBSD pf.conf(5) FILTER EXAMPLES: silently drop broadcasts",
		target: "freebsd", file: "freebsd-filter-example.conf",
		packet:  "in on kue0 inet proto udp from 203.0.113.5 port 68 to 255.255.255.255 port 67",
		verdict: "block", line: 11, quick: true, matched: []int{7, 8, 9, 11}, outcomes: 1},
	{name: "fbsd example: echo reply passes (no OpenBSD reply test)", source: "F25 pf_match_rule(); FreeBSD pf.conf(5) pass ... icmp-type 8 code 0",
		target: "freebsd", file: "freebsd-filter-example.conf",
		packet:  "in on kue0 inet proto icmp from 203.0.113.5 to 157.161.48.183 icmp-type echorep",
		verdict: "block", line: 9, matched: []int{7, 8, 9}, outcomes: 3},
	{name: "fbsd translation: no nat lets AH through untranslated", source: "FreeBSD pf.conf(5) TRANSLATION: no nat excludes AH",
		target: "freebsd", file: "freebsd-translation-example.conf",
		packet:  "out on kue0 inet proto ah from 144.19.74.5 to 198.51.100.1",
		verdict: "pass", outcomes: 1, caveat: true},
	{name: "fbsd translation: spamd rdr tags before filtering", source: "FreeBSD pf.conf(5): tag incoming packets as they are redirected to spamd",
		target: "freebsd", file: "freebsd-translation-example.conf",
		packet:  "in on kue0 inet proto tcp from 198.51.100.1 port 40000 to 157.161.48.183 port smtp flags S",
		verdict: "pass", line: 17, matched: []int{16, 17}, outcomes: 2, tags: []string{"SPAMD"}},
	// Anchors read by load anchor are evaluated in place.
	{name: "load anchor in place", source: "pf.conf(5) ANCHORS: load anchor NAME from FILE",
		target: "openbsd", file: "load-anchor.conf",
		packet:  "in on em0 inet proto tcp from 192.0.2.1 port 4000 to 192.0.2.2 port smtp flags S",
		verdict: "pass", line: 2, matched: []int{1, 2, 2}, outcomes: 1},
	{name: "load anchor, rule not matching", source: "pf.conf(5) ANCHORS: load anchor NAME from FILE",
		target: "openbsd", file: "load-anchor.conf",
		packet:  "in on em0 inet proto tcp from 192.0.2.1 port 4000 to 192.0.2.2 port 80 flags S",
		verdict: "block", line: 1, matched: []int{1, 2}, outcomes: 1},
	// FreeBSD's kernel tests (tests/sys/netpfil/pf/*.sh): what they assert
	// passes and what is blocked.
	{name: "pass_block v4: block in", source: "tests/sys/netpfil/pf/pass_block.sh v4: ping fails",
		target: "freebsd", conf: "block in\n",
		packet:  "in on epair0b inet proto icmp from 192.0.2.1 to 192.0.2.2 icmp-type echoreq",
		verdict: "block", line: 1, matched: []int{1}, outcomes: 1},
	{name: "pass_block v4: all but ICMP", source: "tests/sys/netpfil/pf/pass_block.sh v4: ping passes",
		target: "freebsd", conf: "block in\npass in proto icmp\n",
		packet:  "in on epair0b inet proto icmp from 192.0.2.1 to 192.0.2.2 icmp-type echoreq",
		verdict: "pass", line: 2, matched: []int{1, 2}, outcomes: 1},
	{name: "pass_block v6: icmp6", source: "tests/sys/netpfil/pf/pass_block.sh v6: ping -6 passes",
		target: "freebsd", conf: "block in\npass in proto icmp6\n",
		packet:  "in on epair0b inet6 proto icmp6 from 2001:db8:42::1 to 2001:db8:42::2 icmp6-type echoreq",
		verdict: "pass", line: 2, matched: []int{1, 2}, outcomes: 1},
	{name: "pass_block v6: ICMPv4 does not allow ICMPv6", source: "tests/sys/netpfil/pf/pass_block.sh v6: ping -6 fails",
		target: "freebsd", conf: "block in\npass in proto icmp\n",
		packet:  "in on epair0b inet6 proto icmp6 from 2001:db8:42::1 to 2001:db8:42::2 icmp6-type echoreq",
		verdict: "block", line: 1, matched: []int{1}, outcomes: 1},
	{name: "pass_block nested_inline", source: "tests/sys/netpfil/pf/pass_block.sh nested_inline (PR196314): ping passes",
		target:  "freebsd",
		conf:    "block in\nanchor \"an1\" {\n\tpass in quick proto tcp to port time\n\tanchor \"an2\" {\n\t\tpass in quick proto icmp\n\t}\n}\n",
		packet:  "in on epair0b inet proto icmp from 192.0.2.1 to 192.0.2.2 icmp-type echoreq",
		verdict: "pass", line: 5, quick: true, matched: []int{1, 2, 4, 5}, outcomes: 1},
	{name: "pass_block urpf", source: "tests/sys/netpfil/pf/pass_block.sh urpf: the route decides",
		target: "freebsd", conf: "block quick from urpf-failed\n",
		packet:  "in on epair0b inet proto icmp from 198.51.100.2 to 192.0.2.1 icmp-type echoreq",
		verdict: "block", line: 1, quick: true, matched: []int{1}, outcomes: 2},
	{name: "set_skip pr255852: skipped", source: "tests/sys/netpfil/pf/set_skip.sh pr255852: skipping on epair, ping works",
		target: "freebsd", conf: "set skip on { lo0, epair }\nblock\n",
		packet:  "in on epair0b inet proto icmp from 192.0.2.1 to 192.0.2.2 icmp-type echoreq",
		verdict: "pass", outcomes: 2},
	{name: "set_skip pr255852: not skipped", source: "tests/sys/netpfil/pf/set_skip.sh pr255852: no longer skipping, ping fails",
		target: "freebsd", conf: "set skip on { lo0 }\nblock\n",
		packet:  "in on epair0b inet proto icmp from 192.0.2.1 to 192.0.2.2 icmp-type echoreq",
		verdict: "block", line: 2, matched: []int{2}, outcomes: 1},
	{name: "set_skip_group_lo", source: "tests/sys/netpfil/pf/set_skip.sh set_skip_group_lo: ping 127.0.0.1 works",
		target: "freebsd", conf: "set skip on lo\nblock on lo0\n",
		packet:  "out on lo0 inet proto icmp from 127.0.0.1 to 127.0.0.1 icmp-type echoreq",
		verdict: "pass", outcomes: 2},
}

func TestTrace(t *testing.T) {
	dir := t.TempDir()
	for _, c := range traceCases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join("testdata", "trace", c.file)
			if c.conf != "" {
				file = filepath.Join(dir, strings.NewReplacer(" ", "_", ":", "").Replace(c.name)+".conf")
				if err := os.WriteFile(file, []byte(c.conf), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := append([]string{"trace", "--target", c.target, "--format", "json", file}, strings.Fields(c.packet)...)
			code, out, errs := runPfshape(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var got traceResult
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			line := 0
			if got.Line != nil {
				line = *got.Line
			}
			if got.Verdict != c.verdict || line != c.line || got.Quick != c.quick || len(got.Outcomes) != c.outcomes ||
				c.matched != nil && !equalInts(got.Matched, c.matched) || c.tags != nil && strings.Join(got.Tags, ",") != strings.Join(c.tags, ",") {
				t.Errorf("[%s]\ngot  verdict=%s line=%d quick=%v matched=%v outcomes=%d tags=%v\nwant verdict=%s line=%d quick=%v matched=%v outcomes=%d tags=%v\n%s",
					c.source, got.Verdict, line, got.Quick, got.Matched, len(got.Outcomes), got.Tags,
					c.verdict, c.line, c.quick, c.matched, c.outcomes, c.tags, out)
			}
			if got.Certain != (c.outcomes == 1 && !c.caveat) {
				t.Errorf("certain = %v with %d outcomes", got.Certain, c.outcomes)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestTraceText compares the text output with golden files
// (testdata/trace/*.golden; go test -run TraceText -update rewrites them).
func TestTraceText(t *testing.T) {
	for _, c := range []struct{ name, target, file, packet string }{
		{"obsd-ssh", "openbsd", "openbsd-filter-example.conf",
			"in on kue0 inet proto tcp from 203.0.113.5 port 40000 to 157.161.48.183 port ssh flags S"},
		{"obsd-spamd", "openbsd", "openbsd-tagging-example.conf",
			"in on kue0 inet proto tcp from 198.51.100.1 port 40000 to 157.161.48.183 port smtp flags S"},
		{"obsd-class", "openbsd", "openbsd-tagging-example.conf", "out on kue0 inet proto tcp"},
		{"fbsd-nat", "freebsd", "freebsd-translation-example.conf", "out on kue0 inet proto udp from 144.19.74.5 port 5000 to 198.51.100.1 port 53"},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"trace", "--target", c.target, filepath.Join("testdata", "trace", c.file)}, strings.Fields(c.packet)...)
			code, out, errs := runPfshape(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden := filepath.Join("testdata", "trace", c.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("trace output differs from %s:\n%s", golden, out)
			}
		})
	}
}

func TestTraceUsage(t *testing.T) {
	conf := filepath.Join("testdata", "trace", "openbsd-filter-example.conf")
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"bad word", []string{"trace", conf, "in", "on", "kue0", "proto", "tcp", "frm", "10.0.0.1"}, 2, `word 6 "frm": not a packet word`},
		{"bad port", []string{"trace", conf, "in", "proto", "tcp", "to", "10.0.0.1", "port", "http2x"}, 2, `word 7 "http2x": not a port number`},
		{"bad address", []string{"trace", conf, "in", "from", "10.0.0.300"}, 2, `word 3 "10.0.0.300": not an address`},
		{"any as interface", []string{"trace", conf, "in", "on", "any"}, 2, `word 3 "any": not an interface name`},
		{"ports without proto", []string{"trace", conf, "in", "to", "10.0.0.1", "port", "22"}, 2, "ports need proto tcp or proto udp"},
		{"no file", []string{"trace"}, 2, "no file named"},
		{"bad format", []string{"trace", "--format", "xml", conf}, 2, "want text or json"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runPfshape(t, "", c.args...)
			if code != c.code || !strings.Contains(errs, c.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, c.code, c.stderr)
			}
		})
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.conf")
	if err := os.WriteFile(bad, []byte("pass in al\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runPfshape(t, "", "trace", bad, "in"); code != 1 || !strings.Contains(errs, "pfctl would not load it") {
		t.Errorf("a ruleset with errors: exit %d, %q", code, errs)
	}
}

// TestTraceALTQ: on an ALTQ ruleset the trace gives the set prio that
// translate maps the queue to (the ssh queue, priority 6, and the ack
// queue, priority 7, of the CBQ example).
func TestTraceALTQ(t *testing.T) {
	conf := filepath.Join("..", "..", "testdata", "examples", "altq-cbq.conf")
	code, out, errs := runPfshape(t, "", "trace", "--target", "openbsd-5.4", "--format", "json", conf,
		"out", "on", "em0", "inet", "proto", "tcp", "from", "192.0.2.9", "port", "40000", "to", "203.0.113.80", "port", "ssh", "flags", "S")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Verdict string            `json:"verdict"`
		Line    int               `json:"line"`
		Queue   map[string]string `json:"queue"`
		ALTQ    map[string][2]int `json:"altq_set_prio"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Verdict != "pass" || got.Line != 24 || got.Queue["data"] != "ssh" || got.Queue["ack"] != "ack" || got.ALTQ["em0"] != [2]int{6, 7} {
		t.Errorf("got %+v\n%s", got, out)
	}
}

// TestTraceInfersALTQ: an ALTQ ruleset traced for the default target is
// read for the ALTQ release it was written for, and says so.
func TestTraceInfersALTQ(t *testing.T) {
	conf := filepath.Join("..", "..", "testdata", "examples", "altq-cbq.conf")
	code, out, errs := runPfshape(t, "", "trace", conf, "out", "on", "em0", "inet", "proto", "tcp", "to", "203.0.113.80", "port", "ssh", "flags", "S")
	if code != 0 || !strings.Contains(out, "read as openbsd-5.4, the ALTQ release it was written for") ||
		!strings.Contains(out, "set prio (6, 7) on em0") {
		t.Errorf("exit %d, stderr %q\n%s", code, errs, out)
	}
}
