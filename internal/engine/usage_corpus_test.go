package engine

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

// samplesPerFinding is how many packets each finding is checked on.
const samplesPerFinding = 64

// TestUsageCorpus runs the rule analysis over every corpus ruleset that
// pfctl loads, prints the counts, and checks each finding on the
// regression files with the one-packet reference evaluator, on packets
// drawn from the rule's match set and machines drawn at random: a dead
// rule decides none of them, and those it matches are decided by the
// rules the finding names; a redundant rule's packets end alike without
// it; an overridden option never leaves with a packet.
func TestUsageCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	loadable, err := corpus.Loadable(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var files, partial, dead, noMatch, redundant, overridden, checked, packets int
	for _, f := range loadable {
		tg := target.MustParse(f.Folder.Target)
		rs, err := ruleset.Load(f.Path, nil, ruleset.Options{Target: tg})
		if err != nil || rs.Model == nil || len(rs.OwnErrors()) > 0 {
			continue
		}
		files++
		e := ForRuleset(rs)
		u, err := e.Usage()
		if err != nil {
			t.Errorf("%s: %v", f.Rel, err)
			continue
		}
		if u.Unanalysed > 0 {
			partial++
		}
		dead += len(u.Dead)
		redundant += len(u.Redundant)
		overridden += len(u.Overridden)
		regress := strings.Contains(f.Rel, "regress") || strings.Contains(f.Rel, "tests/files")
		for _, d := range u.Dead {
			if d.NoMatch {
				noMatch++
			}
			if !regress {
				continue
			}
			checked++
			packets += e.checkDead(t, r, f.Rel, d)
		}
		for _, d := range u.Redundant {
			if regress {
				checked++
				packets += e.checkRedundant(t, r, f.Rel, d)
			}
		}
		for _, o := range u.Overridden {
			if regress {
				checked++
				packets += e.checkOverridden(t, r, f.Rel, o)
			}
		}
	}
	t.Logf("corpus: %d rulesets analysed (%d in part: too many distinct cases), %d dead rules (%d match nothing), %d redundant, %d overridden options; %d findings on regression files checked on %d packets by the reference",
		files, partial, dead, noMatch, redundant, overridden, checked, packets)
}

// samples draws packets and machines from a rule's region.
func (e *Engine) samples(r *rand.Rand, rule *model.FilterRule) []sample {
	m, _ := e.ruleCubes(rule, &evalState{}), 0
	if rule.Tagged != "" {
		m = e.baseCubes(rule)
	}
	var out []sample
	for i := 0; i < samplesPerFinding*4 && len(out) < samplesPerFinding && len(m) > 0; i++ {
		c := m[r.IntN(len(m))]
		if p, a, ok := e.pointIn(r, c); ok {
			out = append(out, sample{p, a})
		}
	}
	return out
}

type sample struct {
	p      Packet
	assume Assume
}

// pointIn draws a packet from a rule cube (nil fields are whole) and a
// machine that agrees with its assumptions.
func (e *Engine) pointIn(r *rand.Rand, c cube) (Packet, Assume, bool) {
	full := fullFields(len(e.ifaces), len(e.tags))
	val := func(k field, lim ivset) (u128, bool) {
		s := full[k]
		if c.at(k) != nil {
			s = s.intersect(c.at(k))
		}
		if lim != nil {
			s = s.intersect(lim)
		}
		if s.empty() {
			return u128{}, false
		}
		sp := s[r.IntN(len(s))]
		switch r.IntN(3) {
		case 0:
			return sp.lo, true
		case 1:
			return sp.hi, true
		}
		if sp.hi.hi == sp.lo.hi && sp.hi.lo-sp.lo.lo < 1<<62 {
			return u128{sp.lo.hi, sp.lo.lo + r.Uint64N(sp.hi.lo-sp.lo.lo+1)}, true
		}
		return sp.lo, true
	}
	var v [nFields]u128
	for k := field(0); k < nFields; k++ {
		var ok bool
		if v[k], ok = val(k, nil); !ok {
			return Packet{}, nil, false
		}
	}
	af := 4
	if v[fAF].lo == 1 {
		af = 6
	}
	for _, k := range []field{fSrc, fDst} {
		if af == 4 {
			var ok bool
			if v[k], ok = val(k, v4Range); !ok {
				return Packet{}, nil, false
			}
		}
	}
	iface := e.ifaces[v[fIface].lo]
	switch v[fIface].lo {
	case 0:
		iface = "pfshape0"
	case 1:
		iface = "lo4242"
	}
	p := Packet{Iface: iface, Dir: "in", AF: af, Proto: uint8(v[fProto].lo),
		Src: u128Addr(v[fSrc], af), Dst: u128Addr(v[fDst], af),
		Sport: uint16(v[fSport].lo), Dport: uint16(v[fDport].lo),
		Type: uint8(v[fType].lo), Code: uint8(v[fCode].lo), Flags: uint8(v[fFlags].lo), Tag: e.tags[v[fTag].lo]}
	if v[fDir].lo == 1 {
		p.Dir = "out"
	}
	seed := r.Uint64()
	atoms := c.atoms
	assume := func(a string) bool {
		for _, x := range atoms {
			if x.name == a {
				return x.val
			}
		}
		h := seed
		for _, ch := range []byte(a) {
			h = h*1099511628211 ^ uint64(ch)
		}
		return h>>17&1 == 0
	}
	return p, assume, true
}

func lineOf(r *model.FilterRule) int {
	if r == nil {
		return 0
	}
	return r.Pos.Line
}

func (e *Engine) checkDead(t *testing.T, r *rand.Rand, file string, d *Dead) int {
	takers := append(slices.Clone(d.Earlier), d.Later...)
	ss := e.samples(r, d.Rule)
	for _, s := range ss {
		o := e.Evaluate(s.p, s.assume)
		if o.Rule == d.Rule {
			t.Errorf("%s:%d is reported dead, but the reference has it decide %+v", file, d.Rule.Pos.Line, s.p)
			continue
		}
		if slices.Contains(o.Matched, d.Rule) && o.Rule != nil && !slices.Contains(takers, o.Rule) && !o.Skip {
			t.Errorf("%s:%d is reported dead, taken by lines %v; the reference has line %d decide %+v", file, d.Rule.Pos.Line, lines(takers), lineOf(o.Rule), s.p)
		}
	}
	return len(ss)
}

func (e *Engine) checkRedundant(t *testing.T, r *rand.Rand, file string, d *Redundant) int {
	ss := e.samples(r, d.Rule)
	for _, s := range ss {
		with := e.Evaluate(s.p, s.assume)
		if with.Rule != d.Rule {
			continue
		}
		e.without = d.Rule
		without := e.Evaluate(s.p, s.assume)
		e.without = nil
		if !sameEffect(with, without) {
			t.Errorf("%s:%d is reported redundant, but without it the reference has line %d decide %+v differently (%s, was %s)",
				file, d.Rule.Pos.Line, lineOf(without.Rule), s.p, without.Action, with.Action)
		}
	}
	return len(ss)
}

func (e *Engine) checkOverridden(t *testing.T, r *rand.Rand, file string, o *Overridden) int {
	ss := e.samples(r, o.Rule)
	for _, s := range ss {
		out := e.Evaluate(s.p, s.assume)
		if !slices.Contains(out.Matched, o.Rule) {
			continue
		}
		reached := o.Option == "prio" && len(out.Prio) > 0 && &out.Prio[0] == &o.Rule.Prio[0] ||
			o.Option == "queue" && out.Queue == o.Rule.Queue
		if reached {
			t.Errorf("%s:%d: its %s is reported never to reach a packet; the reference has %+v leave with it", file, o.Rule.Pos.Line, o.Option, s.p)
		}
	}
	return len(ss)
}

func lines(rs []*model.FilterRule) []int {
	var out []int
	for _, r := range rs {
		out = append(out, r.Pos.Line)
	}
	return out
}
