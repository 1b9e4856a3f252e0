package engine

import "slices"

// ComparePairs is Compare, with the same answer, for large rulesets:
// each part is classified once by each ruleset and the pieces are
// intersected pairwise, where Compare classifies the second ruleset again
// on every piece of the first (a walk of the whole ruleset per piece:
// quadratic in the rules, some 100 s for 5,000 rules). Each part walks
// only the rules that may match it, within Usage's work budget shared by
// the parts (each gets its share of what is left): a part either
// ruleset cannot split within MaxPieces or its share is Uncompared.
func ComparePairs(a, b *Engine, same func(old, new *Outcome, cl Class) bool) ([]Difference, []Uncompared, error) {
	if !slices.Equal(a.ifaces, b.ifaces) || !slices.Equal(a.tags, b.tags) {
		return nil, nil, ErrNotJoint
	}
	all := a.Class(&PacketSpec{})
	all.c.f[fTag] = rng64(0, uint64(len(a.tags)-1))
	var diffs []Difference
	var skipped []Uncompared
	parts := a.partitionWith(all, b)
	// The work budget of Usage, per ruleset, shared by the parts in
	// order: a part left without is Uncompared.
	totals := [2]int{usageOps(a), usageOps(b)}
	a.ops, b.ops = 0, 0
	defer func() { a.ops, a.opsLimit, b.ops, b.opsLimit = 0, 0, 0, 0 }()
	classify := func(e *Engine, k, i int, part Class) ([]Piece, error) {
		e.only = e.candidates(part.c)
		defer func() { e.only = nil }()
		e.opsLimit = e.ops + max((totals[k]-e.ops)/(len(parts)-i), 0)
		if e.opsLimit <= e.ops {
			return nil, errBudget
		}
		return e.ClassifyVerdicts(part)
	}
	for i, part := range parts {
		pa, err := classify(a, 0, i, part)
		if err != nil {
			skipped = append(skipped, Uncompared{part})
			continue
		}
		pb, err := classify(b, 1, i, part)
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
