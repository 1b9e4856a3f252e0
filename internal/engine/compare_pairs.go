package engine

import "slices"

// ComparePairs is Compare, with the same answer, for large rulesets:
// each part is classified once by each ruleset and the pieces are
// intersected pairwise, where Compare classifies the second ruleset again
// on every piece of the first (a walk of the whole ruleset per piece:
// quadratic in the rules, some 100 s for 5,000 rules). A part either
// ruleset cannot split within MaxPieces is Uncompared.
func ComparePairs(a, b *Engine, same func(old, new *Outcome, cl Class) bool) ([]Difference, []Uncompared, error) {
	if !slices.Equal(a.ifaces, b.ifaces) || !slices.Equal(a.tags, b.tags) {
		return nil, nil, ErrNotJoint
	}
	all := a.Class(&PacketSpec{})
	all.c.f[fTag] = rng64(0, uint64(len(a.tags)-1))
	var diffs []Difference
	var skipped []Uncompared
	for _, part := range a.partitionWith(all, b) {
		pa, err := a.ClassifyVerdicts(part)
		if err != nil {
			skipped = append(skipped, Uncompared{part})
			continue
		}
		pb, err := b.ClassifyVerdicts(part)
		if err != nil {
			skipped = append(skipped, Uncompared{part})
			continue
		}
		for _, x := range pa {
			for _, y := range pb {
				if !x.Class.c.overlaps(y.Class.c) || same(x.Outcome, y.Outcome, y.Class) {
					continue
				}
				if c, ok := x.Class.c.intersect(y.Class.c); ok {
					diffs = append(diffs, Difference{Class: Class{c: c}, Old: x.Outcome, New: y.Outcome})
				}
			}
		}
	}
	return diffs, skipped, nil
}
