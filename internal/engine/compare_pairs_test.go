package engine

import (
	"slices"
	"testing"
)

// TestComparePairs: ComparePairs finds what Compare finds, merged alike.
func TestComparePairs(t *testing.T) {
	cases := [][2]string{
		{"block in on em0\npass out\n", "block in on em0\npass in on em0 proto tcp to port 22\npass out\n"},
		{"pass in on em0 proto tcp to port 22\npass in on em1 proto udp\n", "pass in on em1 proto udp\npass in on em0 proto tcp to port 22\n"},
		{"block\npass in proto tcp to port { 22, 80 } set prio 6\npass out on em1 proto udp set prio 2\n",
			"block\npass in proto tcp to port 22 set prio 6\npass in proto tcp to port 80 set prio 5\npass out on em1 proto udp\n"},
	}
	key := func(d Difference) string { return d.Old.Action + ">" + d.New.Action }
	for _, c := range cases {
		var got [2][]string
		sameVerdict := func(o, n *Outcome, _ Class) bool { return VerdictKey(o) == VerdictKey(n) }
		for i, cmp := range []func(a, b *Engine) ([]Difference, []Uncompared, error){
			func(a, b *Engine) ([]Difference, []Uncompared, error) { return Compare(a, b, VerdictKey) },
			func(a, b *Engine) ([]Difference, []Uncompared, error) { return ComparePairs(a, b, sameVerdict) },
		} {
			a, b := jointEngines(t, c[0], c[1])
			ds, skipped, err := cmp(a, b)
			if err != nil || len(skipped) > 0 {
				t.Fatal(err, skipped)
			}
			for _, d := range Merge(ds, key) {
				got[i] = append(got[i], key(d)+" "+b.Describe(d.Class))
			}
			slices.Sort(got[i])
		}
		if !slices.Equal(got[0], got[1]) {
			t.Errorf("%q → %q:\nCompare      %q\nComparePairs %q", c[0], c[1], got[0], got[1])
		}
	}
}
