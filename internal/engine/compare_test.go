package engine

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

func jointEngines(t *testing.T, old, new string) (*Engine, *Engine) {
	t.Helper()
	tg := target.MustParse("openbsd")
	var es [2]*Engine
	for i, src := range []string{old, new} {
		rs := ruleset.LoadBytes("t.conf", []byte(src), ruleset.Options{Target: tg})
		if errs := rs.Errors(); len(errs) > 0 {
			t.Fatal(errs)
		}
		es[i] = New(rs.Model.Filter(), tg)
	}
	Joint(es[0], es[1])
	return es[0], es[1]
}

// compareMerged is Compare's verdict differences, merged by action; the
// test fails when a part is not compared.
func compareMerged(t *testing.T, a, b *Engine) []Difference {
	t.Helper()
	ds, skipped, err := Compare(a, b, VerdictKey)
	if err != nil || len(skipped) > 0 {
		t.Fatal(err, skipped)
	}
	return Merge(ds, func(d Difference) string { return d.Old.Action + ">" + d.New.Action })
}

// TestCompare: opening ssh to one server is one difference, described as
// a rule would be; the rest of the space is unchanged.
func TestCompare(t *testing.T) {
	a, b := jointEngines(t, "block in on em0\npass out\n",
		"block in on em0\npass in on em0 proto tcp to 10.0.0.5 port 22\npass out\n")
	ds := compareMerged(t, a, b)
	var got []string
	for _, d := range ds {
		got = append(got, d.Old.Action+" -> "+d.New.Action+": "+b.Describe(d.Class))
	}
	want := "block -> pass: in on em0 inet proto tcp from any to 10.0.0.5 port 22 flags S/SA"
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestCompareSame: a reordering that changes no verdict has no difference.
func TestCompareSame(t *testing.T) {
	a, b := jointEngines(t, "pass in on em0 proto tcp to port 22\npass in on em1 proto udp\n",
		"pass in on em1 proto udp\npass in on em0 proto tcp to port 22\n")
	ds, skipped, err := Compare(a, b, VerdictKey)
	if err != nil || len(skipped) > 0 || len(ds) > 0 {
		t.Fatalf("got %d differences, %d skipped, %v", len(ds), len(skipped), err)
	}
}

// TestDescribe: classes are written as a pf rule's words, in pf.conf's
// order, a field as its set or as `!` and the rest when that is shorter.
func TestDescribe(t *testing.T) {
	tg := target.MustParse("openbsd")
	rs := ruleset.LoadBytes("t.conf", []byte("pass in on { em0 em1 em2 } tagged FOO\npass out tag BAR\n"), ruleset.Options{Target: tg})
	if errs := rs.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	e := New(rs.Model.Filter(), tg)
	if_ := func(n string) uint64 { return uint64(e.ifIndex[n]) }
	tag := func(n string) uint64 { return uint64(e.tagIndex[n]) }
	addr := func(s string) u128 { return addrU128(netip.MustParseAddr(s)) }
	one := func(v uint64) ivset { return rng64(v, v) }
	all := func(k field) ivset { return fullFields(len(e.ifaces), len(e.tags))[k] }
	tests := []struct {
		name string
		set  func(f *[nFields]ivset)
		want string
	}{
		{"whole", func(f *[nFields]ivset) {}, "all"},
		{"ssh to a host", func(f *[nFields]ivset) {
			f[fDir], f[fIface], f[fAF], f[fProto] = one(0), one(if_("em0")), one(0), one(6)
			f[fDst], f[fDport] = rng(addr("10.0.0.5"), addr("10.0.0.5")), one(22)
			f[fFlags] = nil
			for v := uint64(0); v < 256; v++ {
				if v&(2|16) == 2 {
					f[fFlags] = f[fFlags].union(one(v))
				}
			}
		}, "in on em0 inet proto tcp from any to 10.0.0.5 port 22 flags S/SA"},
		{"negated interface", func(f *[nFields]ivset) {
			f[fIface] = all(fIface).minus(one(if_("em1")))
		}, "on ! em1"},
		{"interface list", func(f *[nFields]ivset) {
			f[fDir], f[fIface] = one(1), one(if_("em0")).union(one(if_("em2")))
		}, "out on { em0 em2 }"},
		{"port range, source", func(f *[nFields]ivset) {
			f[fProto], f[fSport] = one(17), rng64(1000, 2000)
		}, "proto udp from any port 1000:2000"},
		{"ports below, above, but one, except range", func(f *[nFields]ivset) {
			f[fProto], f[fSport], f[fDport] = one(6).union(one(17)), rng64(0, 1023), rng64(0, 21).union(rng64(23, 65535))
		}, "proto { tcp udp } from any port < 1024 to any port != 22"},
		{"except range", func(f *[nFields]ivset) {
			f[fDport] = rng64(1024, 65535)
			f[fSport] = rng64(0, 1999).union(rng64(2005, 65535))
		}, "from any port 2000 <> 2004 to any port > 1023"},
		{"port list", func(f *[nFields]ivset) {
			f[fDport] = one(22).union(one(80)).union(rng64(8000, 8080))
		}, "from any to any port { 22, 80, 8000:8080 }"},
		{"icmp-type", func(f *[nFields]ivset) {
			f[fAF], f[fProto], f[fType] = one(0), one(1), one(8)
		}, "inet proto icmp icmp-type echoreq"},
		{"icmp-type and code", func(f *[nFields]ivset) {
			f[fProto], f[fType], f[fCode] = one(1), one(3), one(3)
		}, "proto icmp icmp-type unreach code port-unr"},
		{"inet6 prefix and icmp6-type", func(f *[nFields]ivset) {
			f[fAF], f[fProto], f[fType] = one(1), one(58), one(135)
			f[fSrc] = rng(addr("2001:db8::"), addr("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))
		}, "inet6 proto ipv6-icmp from 2001:db8::/32 icmp6-type neighbrsol"},
		{"inet, all but one address", func(f *[nFields]ivset) {
			f[fAF] = one(0)
			f[fDst] = all(fDst).minus(rng(addr("10.0.0.5"), addr("10.0.0.5")))
		}, "inet from any to ! 10.0.0.5"},
		{"address range", func(f *[nFields]ivset) {
			f[fAF] = one(0)
			f[fSrc] = rng(addr("10.0.0.1"), addr("10.0.0.9"))
		}, "inet from 10.0.0.1 - 10.0.0.9"},
		{"tagged", func(f *[nFields]ivset) {
			f[fTag] = one(tag("FOO"))
		}, "tagged FOO"},
		{"tags", func(f *[nFields]ivset) {
			f[fTag] = one(tag("FOO")).union(one(tag("BAR")))
		}, "tagged { FOO BAR }"},
		{"not tagged FOO", func(f *[nFields]ivset) {
			f[fTag] = all(fTag).minus(one(tag("FOO")))
		}, "! tagged FOO"},
		{"untagged", func(f *[nFields]ivset) {
			f[fTag] = one(0)
		}, "not tagged"},
		{"protocols but some", func(f *[nFields]ivset) {
			f[fProto] = rng64(0, 255).minus(one(6)).minus(one(17))
		}, "proto ! { tcp udp }"},
		{"flags not S/SA", func(f *[nFields]ivset) {
			f[fProto] = one(6)
			f[fFlags] = nil
			for v := uint64(0); v < 256; v++ {
				if v&(2|16) != 2 { // not SYN without ACK
					f[fFlags] = f[fFlags].union(one(v))
				}
			}
		}, "proto tcp flags not S/SA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl := e.Class(&PacketSpec{})
			f := *cl.c.fs
			f[fTag] = all(fTag)
			tt.set((*[nFields]ivset)(&f))
			cl.c.fs = &f
			if got := e.Describe(cl); got != tt.want {
				t.Errorf("Describe = %q, want %q", got, tt.want)
			}
		})
	}
	// An assumption on an unknown follows the words.
	cl := e.Class(&PacketSpec{Iface: "em0"})
	cl.c.set(fTag, all(fTag))
	cl.c = cl.c.withAtom(atomGroup("egress"), false)
	want := "on em0 (assuming: not: on egress: the interface is in group egress)"
	if got := e.Describe(cl); got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	if w, as := e.Words(cl); w != "on em0" || len(as) != 1 {
		t.Errorf("Words = %q, %q", w, as)
	}
}

// TestCompareUnknown: a rule on a group changes the verdict on the
// interface of that name whatever the group holds, and on every other
// interface only if it is in the group: Merge keeps the two apart, the
// assumption on the second.
func TestCompareUnknown(t *testing.T) {
	a, b := jointEngines(t, "block in\n", "block in\npass in on egress proto tcp to port 22\n")
	ds := compareMerged(t, a, b)
	var got []string
	for _, d := range ds {
		got = append(got, b.Describe(d.Class))
	}
	slices.Sort(got)
	want := []string{
		"in on ! egress proto tcp from any to any port 22 flags S/SA (assuming: on egress: the interface is in group egress)",
		"in on egress proto tcp from any to any port 22 flags S/SA",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestCompareQueue: a queue or priority that changes is a difference
// (VerdictKey), one that stays is not.
func TestCompareQueue(t *testing.T) {
	a, b := jointEngines(t, "pass out proto tcp set prio 3\npass out proto udp set prio 2\n",
		"pass out proto tcp set prio 5\npass out proto udp set prio 2\n")
	ds, skipped, err := Compare(a, b, VerdictKey)
	if err != nil || len(skipped) > 0 {
		t.Fatal(err, skipped)
	}
	ds = Merge(ds, func(d Difference) string { return VerdictKey(d.Old) + ">" + VerdictKey(d.New) })
	if len(ds) != 1 || b.Describe(ds[0].Class) != "out proto tcp flags S/SA" ||
		!slices.Equal(ds[0].Old.Prio, []int{3, 3}) && !slices.Equal(ds[0].Old.Prio, []int{3}) {
		for _, d := range ds {
			t.Logf("%s: %v -> %v", b.Describe(d.Class), d.Old.Prio, d.New.Prio)
		}
		t.Fatalf("got %d differences, want the tcp packets' prio 3 -> 5", len(ds))
	}
}

// TestCompareJointUnknowns: a rule both rulesets have asks the same
// unknowns in both (Joint), wherever it moved; a criterion about the
// packet alone is one unknown whichever rule asks it.
func TestCompareJointUnknowns(t *testing.T) {
	a, b := jointEngines(t, "block in\npass in proto tcp user root probability 50%\n", "block in\n\n\npass in proto tcp user root probability 50%\n")
	if ds, skipped, err := Compare(a, b, VerdictKey); err != nil || len(skipped) > 0 || len(ds) > 0 {
		for _, d := range ds {
			t.Log(b.Describe(d.Class))
		}
		t.Fatalf("a moved rule: %d differences, %d skipped, %v", len(ds), len(skipped), err)
	}
	a, b = jointEngines(t, "block in\npass in proto tcp tos 0x10\n", "block in\nblock in proto tcp tos 0x10\n")
	ds := compareMerged(t, a, b)
	if len(ds) != 1 || b.Describe(ds[0].Class) != "in proto tcp flags S/SA (assuming: tos 0x10: the packet matches it)" {
		for _, d := range ds {
			t.Log(b.Describe(d.Class))
		}
		t.Fatalf("%d differences, want one", len(ds))
	}
}

// TestCompareUnchangedParts: parts both rulesets evaluate with the same
// rules are not classified, and "the same" is the rules as the engine
// reads them: a changed macro changes a rule whose text is the same.
func TestCompareUnchangedParts(t *testing.T) {
	a, b := jointEngines(t, "srv = \"10.0.0.1\"\nblock in on em0\npass in on em0 proto tcp to $srv port 22\n",
		"srv = \"10.0.0.2\"\nblock in on em0\npass in on em0 proto tcp to $srv port 22\n")
	var got []string
	for _, d := range compareMerged(t, a, b) {
		got = append(got, d.Old.Action+">"+d.New.Action+" "+b.Describe(d.Class))
	}
	slices.Sort(got)
	want := []string{
		"block>pass in on em0 inet proto tcp from any to 10.0.0.2 port 22 flags S/SA",
		"pass>block in on em0 inet proto tcp from any to 10.0.0.1 port 22 flags S/SA",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// The same rules on other lines: nothing to classify, nothing differs.
	a, b = jointEngines(t, "block in on em0\npass in on em0 proto tcp to port 22\n", "\n\nblock in on em0\n\npass in on em0 proto tcp to port 22\n")
	if !sameSettings(a, b) {
		t.Fatal("the same settings are taken for different")
	}
	for _, part := range a.partition(a.Class(&PacketSpec{})) {
		if ka := slices.Clone(a.candidates(part.c)); !a.sameRules(b, ka, b.candidates(part.c)) {
			t.Errorf("part %s: the same rules are taken for different", b.Describe(part))
		}
	}
}
