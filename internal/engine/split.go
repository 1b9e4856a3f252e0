package engine

// splitter splits pieces by rules' match sets. It keeps the lists it
// works in and returns, and reuses them from one split to the next: an
// engine splits one piece at a time, and what a split returns is read
// (copied into pieces) before the next split begins.
type splitter struct {
	in, out []cube
	// a and b are the rest of the cube being split, before and after
	// one cube of the match set is taken out; rest is the part of a
	// piece that no sure cube matches (splitBy).
	a, b, rest  []cube
	sure, guess []cube
}

// split appends c's part in the union of cubes m to in and the rest to
// out, each as disjoint cubes. A cube m wholly holds or wholly misses is
// appended as it is, its fields shared.
func (s *splitter) split(c cube, m []cube, in, out []cube) ([]cube, []cube) {
	rest := append(s.a[:0], c)
	for _, x := range m {
		next := s.b[:0]
		for _, r := range rest {
			if !r.overlaps(x) {
				next = append(next, r)
				continue
			}
			in, next = r.cut(x, in, next)
		}
		s.a, s.b = next, rest
		rest = next
		if len(rest) == 0 {
			break
		}
	}
	return in, append(out, rest...)
}

// splitBy splits piece p by a rule with match set m: hit is the part of
// its cube the rule matches, miss the part it does not. Only pieces of
// ClassifyPossible have a part that may match: the rule's cubes that
// assume an unknown, without the assumption; that part is in both, at
// the end of each (hit is what matches, then what may; miss what does
// not, then what may). Elsewhere the assumptions split the cube. The
// lists are the splitter's: they hold until its next split.
func (s *splitter) splitBy(p piece, m []cube) (hit, miss []cube) {
	hit, miss = s.in[:0], s.out[:0]
	if !p.st.possible {
		hit, miss = s.split(p.c, m, hit, miss)
	} else {
		sure, guess := s.sure[:0], s.guess[:0]
		for _, x := range m {
			if len(x.atoms) == 0 {
				sure = append(sure, x)
			} else {
				x.atoms = nil
				guess = append(guess, x)
			}
		}
		s.sure, s.guess = sure, guess
		if len(guess) == 0 {
			hit, miss = s.split(p.c, sure, hit, miss)
		} else {
			rest := s.rest[:0]
			hit, rest = s.split(p.c, sure, hit, rest)
			in := len(hit)
			for _, r := range rest {
				hit, miss = s.split(r, guess, hit, miss)
			}
			miss = append(miss, hit[in:]...)
			s.rest = rest
		}
	}
	s.in, s.out = hit, miss
	return hit, miss
}
