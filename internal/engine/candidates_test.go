package engine

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

// TestCandidateOrders: the candidates the set engine walks as it merges
// them (candidateSeq, Usage's) are the list Compare reads (candidates),
// in the same order, for every part Usage classifies and for classes of
// many interfaces; and a rule left out of them cannot match the class.
func TestCandidateOrders(t *testing.T) {
	srcs := []string{
		"block\npass in on em0 proto tcp\npass out on em1 inet6\npass on { em0 em1 } proto udp\n" +
			"pass in on egress\npass on ! em0\nblock on any\npass in on em0 inet proto icmp\npass quick on em1\n",
	}
	for seed := uint64(0); seed < 200; seed++ {
		srcs = append(srcs, randomRuleset(rand.New(rand.NewPCG(seed, 11))))
	}
	tgt := target.MustParse("openbsd")
	for _, src := range srcs {
		rs := ruleset.LoadBytes("c.conf", []byte(src), ruleset.Options{Target: tgt})
		e := New(rs.Model.Filter(), tgt)
		all := e.Class(&PacketSpec{})
		classes := append(e.partition(all), all)
		for _, cl := range classes {
			list := slices.Clone(e.candidates(cl.c))
			seq := slices.Collect(e.candidateSeq(cl.c))
			if !slices.Equal(list, seq) {
				t.Fatalf("class %s: candidates %d rules, candidateSeq %d, or in another order\n%s",
					e.Describe(cl), len(list), len(seq), src)
			}
			in := map[*model.FilterRule]bool{}
			for _, r := range list {
				in[r] = true
			}
			for _, r := range e.f.Rules {
				if !in[r] && !e.cannotMatch(r, cl.c) {
					t.Fatalf("class %s: rule %q left out, but it may match\n%s", e.Describe(cl), r.Text, src)
				}
			}
		}
	}
}
