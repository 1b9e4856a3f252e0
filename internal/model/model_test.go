package model

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/target"
)

func TestALTQTree(t *testing.T) {
	src := `ext = "em0"
altq on { $ext em1 } cbq bandwidth 10Mb qlimit 100 queue { std, ssh }
queue std bandwidth 12.5% cbq(default)
queue ssh on em0 bandwidth 50% priority 4 cbq(borrow red) { login bulk }
queue  login bandwidth 30%
queue  bulk bandwidth 70%
`
	m := buildSrc(t, "openbsd-5.1", src)
	if got := messages(m); len(got) != 0 {
		t.Fatalf("unexpected errors: %v", got)
	}
	if len(m.Interfaces) != 2 || m.Interfaces[0].Name != "em0" || m.Interfaces[1].Name != "em1" {
		t.Fatalf("interfaces: %+v", m.Interfaces)
	}
	em0 := m.Interfaces[0]
	if em0.Scheduler != CBQ || em0.Rate != (Rate{10_000_000, true}) || em0.Qlimit != 100 || em0.Root == nil {
		t.Errorf("em0: %+v", em0)
	}
	// The macro reference is where the interface is written.
	if em0.Pos.Line != 2 {
		t.Errorf("em0 at %v", em0.Pos)
	}
	want := map[string]struct {
		rate   uint64
		parent string
	}{
		"root_em0": {10_000_000, ""},
		"std":      {1_200_000, "root_em0"},
		"ssh":      {5_000_000, "root_em0"},
		"login":    {1_500_000, "ssh"},
		"bulk":     {3_500_000, "ssh"},
	}
	if len(em0.Queues) != len(want) {
		t.Fatalf("em0 has %d queues, want %d", len(em0.Queues), len(want))
	}
	for _, q := range em0.Queues {
		w := want[q.Name]
		parent := ""
		if q.Parent != nil {
			parent = q.Parent.Name
		}
		if q.Rate != (Rate{w.rate, true}) || parent != w.parent {
			t.Errorf("%s: rate %+v parent %q, want %d %q", q.Name, q.Rate, parent, w.rate, w.parent)
		}
	}
	// ssh is restricted to em0: em1 has root, std only.
	if n := len(m.Interfaces[1].Queues); n != 2 {
		t.Errorf("em1 has %d queues, want 2", n)
	}
	var ssh *QueueDef
	for _, d := range m.QueueDefs {
		if d.Name == "ssh" {
			ssh = d
		}
	}
	if ssh == nil || ssh.Priority != 4 || !ssh.Flags.Borrow || !ssh.Flags.RED || len(ssh.Children) != 2 ||
		len(ssh.On) != 1 || ssh.On[0].Name != "em0" || len(ssh.Instances) != 1 || ssh.Qlimit != 50 {
		t.Errorf("ssh: %+v", ssh)
	}
	if ssh != nil && ssh.Children[1].Name != "bulk" || ssh.Children[1].Pos.Line != 4 {
		t.Errorf("ssh children: %+v", ssh.Children)
	}
	if bw := ssh.Bandwidth; bw == nil || bw.Percent != 50 || bw.Pos.Line != 4 || bw.Pos.Column != 28 || bw.End-bw.Pos.Offset != 3 {
		t.Errorf("ssh bandwidth: %+v", bw)
	}
}

func TestHFSCTree64(t *testing.T) {
	src := "altq on ix0 hfsc bandwidth 10Gb queue { a b }\nqueue a bandwidth 50% hfsc(default linkshare (6Gb 100 4Gb) upperlimit 9Gb)\nqueue b bandwidth 40% hfsc(realtime 1Gb)\n"
	m := buildSrc(t, "freebsd-14.2", src)
	if got := messages(m); len(got) != 0 {
		t.Fatalf("unexpected errors: %v", got)
	}
	a := m.Interfaces[0].Queues[1]
	if a.Name != "a" || a.Rate.Bits != 5_000_000_000 {
		t.Errorf("a: %+v", a)
	}
	if ls := a.Linkshare; ls == nil || ls.M1.Bits != 6_000_000_000 || ls.D != 100 || ls.M2.Bits != 4_000_000_000 {
		t.Errorf("a linkshare: %+v", a.Linkshare)
	}
	if ul := a.Upperlimit; ul == nil || ul.M2.Bits != 9_000_000_000 {
		t.Errorf("a upperlimit: %+v", a.Upperlimit)
	}
	// On OpenBSD 5.4 the same 10Gb wraps to 32 bits.
	m = buildSrc(t, "openbsd-5.4", src)
	iface := m.Interfaces[0]
	if !iface.Bandwidth.Wrapped() || iface.Rate.Bits != 1_410_065_408 || iface.Bandwidth.Written != 10_000_000_000 {
		t.Errorf("openbsd-5.4 interface: %+v %+v", iface.Rate, iface.Bandwidth)
	}
}

func TestUnknownInterfaceBandwidth(t *testing.T) {
	m := buildSrc(t, "openbsd-5.1", "altq on em0 priq queue { a }\nqueue a priority 3 priq(default)\n")
	iface := m.Interfaces[0]
	if iface.Bandwidth != nil || iface.Rate.Known || iface.Root != nil {
		t.Errorf("em0: %+v", iface)
	}
	if q := iface.Queues[0]; q.Name != "a" || q.Parent != nil || q.Priority != 3 {
		t.Errorf("a: %+v", q)
	}
}

func TestNewQueueTree(t *testing.T) {
	src := `queue rootq on em0 bandwidth 10M, max 10M
queue std parent rootq bandwidth 2M burst 4M for 200ms, min 1M default qlimit 100
queue ssh parent rootq bandwidth 8M flows 1024 quantum 300
pass out set queue (std, ssh) set prio (2, 5)
`
	m := buildSrc(t, "openbsd", src)
	if got := messages(m); len(got) != 0 {
		t.Fatalf("unexpected errors: %v", got)
	}
	if len(m.QueueTrees) != 1 || len(m.QueueTrees[0].Children) != 2 {
		t.Fatalf("trees: %+v", m.QueueTrees)
	}
	root := m.QueueTrees[0].Def
	if root.Interface != "em0" || root.Bandwidth.M2.Bits != 10_000_000 || root.Max.M2.Bits != 10_000_000 {
		t.Errorf("root: %+v", root)
	}
	std := m.QueueTrees[0].Children[0].Def
	if std.Name != "std" || !std.Default || std.Qlimit != 100 || std.Bandwidth.M1.Bits != 4_000_000 ||
		std.Bandwidth.D != 200 || std.Min.M2.Bits != 1_000_000 || !std.IsLeaf() {
		t.Errorf("std: %+v", std)
	}
	ssh := m.QueueTrees[0].Children[1].Def
	if ssh.Flows != 1024 || ssh.Quantum != 300 {
		t.Errorf("ssh: %+v", ssh)
	}
	r := m.Rules[0]
	if r.Queue == nil || r.Queue.Name != "std" || r.Queue.Ack != "ssh" || !r.Queue.Set {
		t.Errorf("queue assignment: %+v", r.Queue)
	}
	if r.Prio == nil || len(r.Prio.Values) != 2 || r.Prio.Values[1] != 5 || !r.Prio.Set || r.Prio.Pos.Line != 4 {
		t.Errorf("prio: %+v", r.Prio)
	}
}

func TestNewQueuesOnSeveralInterfaces(t *testing.T) {
	src := "ifs = \"{ em0 em1 }\"\nqueue down on $ifs bandwidth 32M\nqueue std parent down bandwidth 16M default\n"
	m := buildSrc(t, "openbsd", src)
	if got := messages(m); len(got) != 0 {
		t.Fatalf("unexpected errors: %v", got)
	}
	if len(m.QueueTrees) != 2 || len(m.QueueTrees[1].Children) != 1 {
		t.Fatalf("each interface's root gets std: %+v", m.QueueTrees)
	}
	var std *NewQueue
	for _, q := range m.NewQueues {
		if q.Name == "std" {
			std = q
		}
	}
	if std == nil || len(std.Nodes) != 2 {
		t.Errorf("std placed %d times, want 2", len(std.Nodes))
	}
}

func TestRules(t *testing.T) {
	src := "pass in on ! em0 queue (q1, q2) prio 3\nanchor \"x\" on em1 {\n  block out prio (1, 2)\n}\n"
	m := buildSrc(t, "openbsd-5.1", src)
	if len(m.Rules) != 3 {
		t.Fatalf("rules: %d", len(m.Rules))
	}
	r := m.Rules[0]
	if r.Action != "pass" || len(r.Interfaces) != 1 || !r.Interfaces[0].Not || r.Interfaces[0].Name != "em0" {
		t.Errorf("rule 1: %+v", r)
	}
	if r.Queue == nil || r.Queue.Name != "q1" || r.Queue.Ack != "q2" || r.Queue.Set {
		t.Errorf("rule 1 queue: %+v", r.Queue)
	}
	// On 5.1 a bare prio sets the priority.
	if r.Prio == nil || r.Prio.Values[0] != 3 || r.Prio.Set || r.MatchPrio != nil {
		t.Errorf("rule 1 prio: %+v", r.Prio)
	}
	if a := m.Rules[1]; a.Action != "anchor" || a.Interfaces[0].Name != "em1" {
		t.Errorf("anchor rule: %+v", a)
	}
	if b := m.Rules[2]; b.AnchorDepth != 1 || b.Prio == nil || len(b.Prio.Values) != 2 || b.Pos.Line != 3 {
		t.Errorf("rule in anchor: %+v", b)
	}
	// On OpenBSD current `prio` is a match criterion.
	m = buildSrc(t, "openbsd", "pass prio 3\n")
	if r := m.Rules[0]; r.Prio != nil || r.MatchPrio == nil {
		t.Errorf("prio criterion: %+v", r)
	}
}

func TestIncludedFiles(t *testing.T) {
	files := map[string]string{
		"main.conf":   "altq on em0 cbq bandwidth 10Mb queue { a }\ninclude \"queues.conf\"\n",
		"queues.conf": "queue a bandwidth 90% cbq(default)\n",
	}
	f, _ := grammar.Parse("main.conf", []byte(files["main.conf"]), grammar.Options{
		Target:   target.MustParse("openbsd-5.1"),
		ReadFile: func(p string) ([]byte, error) { return []byte(files[filepath.Base(p)]), nil },
	})
	m, errs := Build(f)
	if len(errs) != 0 || len(m.Check(m.Target)) != 0 {
		t.Fatalf("errors: %v %v", errs, m.Check(m.Target))
	}
	q := m.Interfaces[0].Queues[1]
	if q.Name != "a" || q.Rate.Bits != 9_000_000 || q.Def.Pos.File != "queues.conf" {
		t.Errorf("a: %+v at %v", q, q.Def.Pos)
	}
}

func TestCheckForAnotherTarget(t *testing.T) {
	f, _ := grammar.Parse("stdin", []byte("altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a bandwidth 1Mb cbq(default)\n"),
		grammar.Options{Target: target.MustParse("freebsd-12.1")})
	m, _ := Build(f)
	if errs := m.Check(target.MustParse("openbsd-5.1")); len(errs) != 0 {
		t.Errorf("openbsd-5.1: %v", errs)
	}
}

// TestNoPanics builds every corpus file that shapes traffic for every
// kind of target: whatever the dialect mismatch, Build and Check must not
// panic.
func TestNoPanics(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: parsing files for the wrong dialect formats many syntax errors")
	}
	dir := corpus.Dir(t)
	shapes := regexp.MustCompile(`\b(altq|queue|prio|bandwidth)\b`)
	n := 0
	for _, fo := range corpus.Folders {
		// The folder's own target, and one of another generation.
		targets := []string{fo.Target, "openbsd-5.1"}
		if fo.Target == "openbsd-5.1" {
			targets[1] = "freebsd"
		}
		entries, _ := os.ReadDir(filepath.Join(dir, fo.Path))
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, fo.Path, e.Name()))
			if err != nil || !shapes.Match(b) {
				continue
			}
			for _, tg := range targets {
				f, _ := grammar.Parse(e.Name(), b, grammar.Options{Target: target.MustParse(tg),
					ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
				m, _ := Build(f)
				m.Check(m.Target)
				n++
			}
		}
	}
	t.Logf("built %d file×target models without a panic", n)
}
