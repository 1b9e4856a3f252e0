package engine

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

// randomRuleset writes a small ruleset from pf's vocabulary: every
// semantic point of the engine is in reach (lists, negations, tables
// known and unknown, groups, ports with each operator, flags, ICMP types,
// tags, match rules with options, quick, anchors nested, unknowns).
func randomRuleset(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("table <t> { 10.0.0.0/8, !10.1.0.0/16, 2001:db8::/32 }\n")
	b.WriteString("table <u> persist file \"/etc/u\"\n")
	if r.IntN(4) == 0 {
		b.WriteString("set skip on " + pickS(r, "lo0", "em1", "lo") + "\n")
	}
	if r.IntN(3) == 0 {
		b.WriteString("set block-policy return\n")
	}
	if r.IntN(6) == 0 {
		b.WriteString("antispoof " + pickS(r, "", "quick ") + "for " + pickS(r, "em0", "lo0", "{ em1, lo0 }") + " inet\n")
	}
	n := 1 + r.IntN(8)
	for i := 0; i < n; i++ {
		randomRule(r, &b, 0)
	}
	return b.String()
}

func pickS(r *rand.Rand, xs ...string) string { return xs[r.IntN(len(xs))] }

func randomRule(r *rand.Rand, b *strings.Builder, depth int) {
	if depth < 2 && r.IntN(6) == 0 {
		fmt.Fprintf(b, "anchor \"a%d\" %s%s {\n", r.IntN(100), pickS(r, "", "in ", "out "), pickS(r, "", "quick ", "on em0 "))
		for j := 0; j < 1+r.IntN(4); j++ {
			randomRule(r, b, depth+1)
		}
		b.WriteString("}\n")
		return
	}
	action := pickS(r, "pass", "pass", "block", "block", "match")
	w := []string{action}
	if action == "block" && r.IntN(3) == 0 {
		w = append(w, pickS(r, "drop", "return"))
	}
	if r.IntN(2) == 0 {
		w = append(w, pickS(r, "in", "out"))
	}
	if r.IntN(4) == 0 {
		w = append(w, "log")
	}
	if r.IntN(3) == 0 {
		w = append(w, "quick")
	}
	if r.IntN(2) == 0 {
		w = append(w, "on", pickS(r, "em0", "em1", "lo0", "any", "egress", "! em0", "{ em0, em1 }", "! egress"))
	}
	af := r.IntN(3)
	if af == 1 {
		w = append(w, "inet")
	} else if af == 2 {
		w = append(w, "inet6")
	}
	proto := pickS(r, "", "", "tcp", "udp", "icmp", "{ tcp, udp }", "tcp")
	if proto == "icmp" && af == 2 {
		proto = "icmp6"
	}
	if proto != "" {
		w = append(w, "proto", proto)
	}
	tu := proto == "tcp" || proto == "udp" || proto == "{ tcp, udp }"
	host := func() string {
		return pickS(r, "any", "10.0.0.0/8", "10.1.2.3", "! 10.0.0.0/16", "192.168.0.0/24",
			"2001:db8::/32", "<t>", "! <t>", "<u>", "(em0)", "{ 10.0.0.0/8, ! 10.1.2.3 }",
			"{ 192.168.0.0/24, 2001:db8::1 }", "self", "10.0.0.1 - 10.0.0.9")
	}
	port := func() string {
		return pickS(r, "22", "!= 80", "< 1024", "> 1000", "1000:2000", "1000 >< 2000", "1000 <> 2000",
			"{ 22, 80 }", "ssh", ">= 2000", "<= 22")
	}
	if r.IntN(3) > 0 {
		w = append(w, "from", host())
		if tu && r.IntN(3) == 0 {
			w = append(w, "port", port())
		}
		w = append(w, "to", host())
		if tu && r.IntN(2) == 0 {
			w = append(w, "port", port())
		}
	} else {
		w = append(w, "all")
	}
	if proto == "tcp" && r.IntN(3) == 0 {
		w = append(w, "flags", pickS(r, "S/SA", "any", "/SA", "SA/SA", "R/R"))
	}
	if (proto == "icmp" || proto == "icmp6") && af != 0 && r.IntN(2) == 0 {
		t := "echoreq"
		if r.IntN(2) == 0 {
			t = "unreach code port-unr"
		}
		if proto == "icmp6" {
			w = append(w, "icmp6-type", t)
		} else {
			w = append(w, "icmp-type", t)
		}
	}
	if r.IntN(4) == 0 {
		w = append(w, "tag", pickS(r, "T1", "T2"))
	}
	if r.IntN(4) == 0 {
		w = append(w, pickS(r, "tagged T1", "! tagged T1", "tagged T2"))
	}
	if r.IntN(5) == 0 {
		w = append(w, "set prio", pickS(r, "1", "(2, 5)"))
	}
	if r.IntN(5) == 0 {
		w = append(w, "set queue", pickS(r, "q1", "(q1, q2)"))
	}
	if action == "pass" && r.IntN(4) == 0 {
		w = append(w, "no state")
	}
	if r.IntN(8) == 0 {
		w = append(w, pickS(r, "user 1000", "probability 50%"))
	}
	if action == "match" && depth == 0 && r.IntN(6) == 0 {
		w = append(w, pickS(r, "nat-to 198.51.100.1", "rdr-to 10.1.2.3 port 8080", "nat-to (em0)"))
	}
	b.WriteString(strings.Join(w, " ") + "\n")
}

var (
	sampleIfaces = []string{"em0", "em1", "lo0", "zz9", "lo7"}
	sampleAddrs4 = []string{"10.1.2.3", "10.0.5.5", "10.1.9.9", "192.168.0.7", "172.16.0.1", "10.0.0.5", "198.51.100.1"}
	sampleAddrs6 = []string{"2001:db8::1", "2001:db9::1", "::1"}
	samplePorts  = []uint16{22, 80, 1000, 1001, 1500, 2000, 3000, 53, 8080}
	sampleProtos = []uint8{6, 17, 1, 58, 47}
	sampleTags   = []string{"", "", "T1", "T2", "Z"}
)

func randomPacket(r *rand.Rand) Packet {
	p := Packet{Iface: sampleIfaces[r.IntN(len(sampleIfaces))], Dir: pickS(r, "in", "out")}
	p.Proto = sampleProtos[r.IntN(len(sampleProtos))]
	p.AF = 4
	if r.IntN(3) == 0 || p.Proto == 58 {
		p.AF = 6
	}
	if p.Proto == 1 && p.AF == 6 {
		p.Proto = 58
	}
	addr := func() netip.Addr {
		if p.AF == 6 {
			return netip.MustParseAddr(sampleAddrs6[r.IntN(len(sampleAddrs6))])
		}
		return netip.MustParseAddr(sampleAddrs4[r.IntN(len(sampleAddrs4))])
	}
	p.Src, p.Dst = addr(), addr()
	p.Sport, p.Dport = samplePorts[r.IntN(len(samplePorts))], samplePorts[r.IntN(len(samplePorts))]
	p.Type, p.Code = uint8(pickN(r, 8, 3, 0, 128, 129, 131, 136, 9)), uint8(pickN(r, 0, 3, 4))
	p.Flags = uint8(pickN(r, 2, 18, 16, 4, 0))
	p.Tag = sampleTags[r.IntN(len(sampleTags))]
	return p
}

func pickN(r *rand.Rand, xs ...int) int { return xs[r.IntN(len(xs))] }

// classOf is the packet widened at random: some fields any, some
// unknowns already decided.
func (e *Engine) classOf(r *rand.Rand, p Packet) Class {
	f := fullFields(len(e.ifaces), len(e.tags))
	v, _ := e.point(p)
	for k := field(0); k < nFields; k++ {
		if r.IntN(3) > 0 {
			f[k] = one(v[k])
		}
	}
	return Class{c: newCube(f)}
}

// checkEngines runs both engines on rs for packets drawn from r.
func checkEngines(t *testing.T, r *rand.Rand, src string, tgt target.Target, packets int) {
	if tgt.OS == target.FreeBSD {
		src = strings.ReplaceAll(src, "set queue", "queue")
	}
	rs := ruleset.LoadBytes("fuzz.conf", []byte(src), ruleset.Options{Target: tgt})
	e := New(rs.Model.Filter(), tgt)
	for i := 0; i < packets; i++ {
		p := randomPacket(r)
		seed := r.Uint64()
		assume := func(a string) bool {
			h := seed
			for _, c := range []byte(a) {
				h = h*1099511628211 ^ uint64(c)
			}
			return h>>17&1 == 0
		}
		want := e.Evaluate(p, assume)
		pieces, err := e.Classify(e.classOf(r, p))
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		var got []*Outcome
		for _, pc := range pieces {
			if e.Contains(pc.Class, p, assume) {
				got = append(got, pc.Outcome)
			}
		}
		if len(got) != 1 {
			t.Fatalf("packet %+v lies in %d pieces\nruleset:\n%s", p, len(got), src)
		}
		if !got[0].Equal(want) {
			t.Fatalf("packet %+v:\nreference: %s\nset engine: %s\nruleset:\n%s", p, describe(want), describe(got[0]), src)
		}
		// The verdict engine, on the class of every packet: the same
		// outcome but for the rules matched on the way.
		pieces, err = e.ClassifyVerdicts(e.Class(&PacketSpec{Tag: p.Tag}))
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		got = got[:0]
		for _, pc := range pieces {
			if e.Contains(pc.Class, p, assume) {
				got = append(got, pc.Outcome)
			}
		}
		if len(got) != 1 {
			t.Fatalf("verdicts: packet %+v lies in %d pieces\nruleset:\n%s", p, len(got), src)
		}
		lean := *want
		lean.Matched = nil
		if !got[0].Equal(&lean) {
			t.Fatalf("packet %+v:\nreference: %s\nverdict engine: %s\nruleset:\n%s", p, describe(want), describe(got[0]), src)
		}
		// The engine of possible outcomes: the reference's outcome on
		// this machine is one of those of the pieces holding the packet.
		pieces, err = e.ClassifyPossible(e.Class(&PacketSpec{Tag: p.Tag}))
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		found := false
		for _, pc := range pieces {
			if e.Contains(pc.Class, p, assume) && pc.Outcome.Equal(&lean) {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("packet %+v: the reference's outcome %s is not among the possible ones\nruleset:\n%s", p, describe(want), src)
		}
	}
}

func describe(o *Outcome) string {
	var lines []string
	for _, m := range o.Matched {
		lines = append(lines, fmt.Sprint(m.Pos.Line))
	}
	rl := 0
	if o.Rule != nil {
		rl = o.Rule.Pos.Line
	}
	return fmt.Sprintf("%s rule=%d quick=%v skip=%v matched=[%s] tag=%q queue=%v prio=%v log=%v nat=%v rdr=%v caveats=%v",
		o.Action, rl, o.Quick, o.Skip, strings.Join(lines, " "), o.Tag, o.Queue, o.Prio, o.Log, o.NatTo, o.RdrTo, o.Caveats)
}

// FuzzEngines: the set engine's answer for a packet's class, at the
// packet, equals the reference's for the packet, on random rulesets,
// packets and machines.
func FuzzEngines(f *testing.F) {
	for i := uint64(0); i < 16; i++ {
		f.Add(binary.LittleEndian.AppendUint64(nil, i))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s1, s2 uint64
		if len(data) >= 8 {
			s1 = binary.LittleEndian.Uint64(data)
		}
		if len(data) >= 16 {
			s2 = binary.LittleEndian.Uint64(data[8:])
		}
		r := rand.New(rand.NewPCG(s1, s2^uint64(len(data))))
		tgt := target.MustParse(pickS(r, "openbsd", "openbsd", "freebsd", "openbsd-6.0"))
		checkEngines(t, r, randomRuleset(r), tgt, 20)
	})
}

func TestEnginesAgree(t *testing.T) {
	for seed := uint64(0); seed < 300; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		tgt := target.MustParse(pickS(r, "openbsd", "openbsd", "freebsd", "openbsd-6.0"))
		checkEngines(t, r, randomRuleset(r), tgt, 30)
	}
}
