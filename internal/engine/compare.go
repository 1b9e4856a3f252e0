package engine

import (
	"errors"
	"slices"
	"strings"
)

// Joint numbers the interfaces and tags of two engines alike, so that a
// class of one is a class of the other: Compare needs it. It must be
// called before either engine evaluates anything.
func Joint(a, b *Engine) {
	for _, n := range b.ifaces[2:] {
		a.internIface(n)
	}
	for _, n := range b.tags[2:] {
		a.internTag(n)
	}
	b.ifaces = slices.Clone(a.ifaces)
	b.ifIndex = make(map[string]int, len(a.ifIndex))
	for k, v := range a.ifIndex {
		b.ifIndex[k] = v
	}
	b.tags = slices.Clone(a.tags)
	b.tagIndex = make(map[string]int, len(a.tagIndex))
	for k, v := range a.tagIndex {
		b.tagIndex[k] = v
	}
	b.lastIface, b.lastTag = "", ""
	a.lastIface, a.lastTag = "", ""
}

// Difference is a class of packets that two rulesets treat differently:
// every packet of Class, on every machine the class admits, has outcome
// Old under the first ruleset and New under the second.
type Difference struct {
	Class    Class
	Old, New *Outcome
}

// Uncompared is a part of the packet space Compare could not split
// finely enough (more than MaxPieces pieces): nothing is said of it.
type Uncompared struct {
	Class Class
}

// ErrNotJoint: Compare's engines were not made Joint.
var ErrNotJoint = errors.New("engine: Compare needs engines made Joint")

// Compare splits the class of every packet by the outcomes of both
// rulesets, the unknowns kept apart (each part says which answers it
// assumes), and returns the parts where same says the outcomes differ.
// same receives the first ruleset's outcome, the second's and the
// part. The parts are cut first per interface, direction, family and
// protocol either ruleset names; a part that splits into too many
// pieces is returned as Uncompared.
func Compare(a, b *Engine, same func(old, new *Outcome, cl Class) bool) ([]Difference, []Uncompared, error) {
	if !slices.Equal(a.ifaces, b.ifaces) || !slices.Equal(a.tags, b.tags) {
		return nil, nil, ErrNotJoint
	}
	all := a.Class(&PacketSpec{})
	all.c.f[fTag] = rng64(0, uint64(len(a.tags)-1))
	parts := a.partitionWith(all, b)
	var diffs []Difference
	var skipped []Uncompared
	for _, part := range parts {
		pa, err := a.ClassifyVerdicts(part)
		if err != nil {
			skipped = append(skipped, Uncompared{part})
			continue
		}
		var found []Difference
		ok := true
		for _, x := range pa {
			pb, err := b.ClassifyVerdicts(x.Class)
			if err != nil {
				ok = false
				break
			}
			for _, y := range pb {
				if !same(x.Outcome, y.Outcome, y.Class) {
					found = append(found, Difference{Class: y.Class, Old: x.Outcome, New: y.Outcome})
				}
			}
		}
		if !ok {
			skipped = append(skipped, Uncompared{part})
			continue
		}
		diffs = append(diffs, found...)
	}
	return diffs, skipped, nil
}

// SameVerdict is Compare's test for a verdict diff: the same action, and
// for packets passed the same queue and priority.
func SameVerdict(old, new *Outcome, _ Class) bool {
	if old.Action != new.Action {
		return false
	}
	if old.Action != "pass" {
		return true
	}
	return slices.Equal(old.Prio, new.Prio) &&
		(old.Queue == nil) == (new.Queue == nil) && (old.Queue == nil || *old.Queue == *new.Queue)
}

// Describe writes a class as the words of a rule would (`in on em0 inet
// proto tcp from any to 10.0.0.5 port 22`), with the assumptions on
// unknowns it makes after a semicolon each. The fields the class leaves
// whole are not written.
func (e *Engine) Describe(cl Class) string {
	whole := e.Class(&PacketSpec{})
	whole.c.f[fTag] = rng64(0, uint64(len(e.tags)-1))
	return strings.Join(e.narrowing(whole, cl), " ")
}

// Ifaces are the interfaces of a class by name; "" stands for the
// interfaces the ruleset does not name.
func (e *Engine) Ifaces(cl Class) []string {
	var out []string
	for _, sp := range cl.c.f[fIface] {
		for i := sp.lo.lo; i <= sp.hi.lo && int(i) < len(e.ifaces); i++ {
			if i < 2 {
				if len(out) == 0 || out[len(out)-1] != "" {
					out = append(out, "")
				}
				continue
			}
			out = append(out, e.ifaces[i])
		}
	}
	return out
}

// Merge coalesces the classes of differences with equal outcomes (by
// key) into as few cubes as describe them exactly.
func Merge(ds []Difference, key func(d Difference) string) []Difference {
	var order []string
	groups := map[string][]cube{}
	first := map[string]Difference{}
	for _, d := range ds {
		k := key(d)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
			first[k] = d
		}
		groups[k] = append(groups[k], d.Class.c)
	}
	var out []Difference
	for _, k := range order {
		for _, c := range coalesce(groups[k]) {
			d := first[k]
			d.Class = Class{c: c}
			out = append(out, d)
		}
	}
	return out
}
