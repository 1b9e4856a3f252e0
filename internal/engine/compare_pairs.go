package engine

// ComparePairs is Compare for a test of two outcomes that is not a key:
// same gets both outcomes and the class where they meet (the proof of a
// translation judges the class per interface). The pieces of each part
// are intersected pairwise; the parts and the budget are Compare's.
func ComparePairs(a, b *Engine, same func(old, new *Outcome, cl Class) bool) ([]Difference, []Uncompared, error) {
	var diffs []Difference
	skipped, err := compareParts(a, b, func(pa, pb []Piece) {
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
	})
	return diffs, skipped, err
}
