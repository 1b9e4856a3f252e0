package engine

import (
	"strings"
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

// TestCompare: opening ssh to one server is one difference, described as
// a rule would be; the rest of the space is unchanged.
func TestCompare(t *testing.T) {
	a, b := jointEngines(t, "block in on em0\npass out\n",
		"block in on em0\npass in on em0 proto tcp to 10.0.0.5 port 22\npass out\n")
	ds, skipped, err := Compare(a, b, VerdictKey)
	if err != nil || len(skipped) > 0 {
		t.Fatal(err, skipped)
	}
	ds = Merge(ds, func(d Difference) string { return d.Old.Action + ">" + d.New.Action })
	var got []string
	for _, d := range ds {
		got = append(got, d.Old.Action+" -> "+d.New.Action+": "+b.Describe(d.Class))
	}
	want := "block -> pass: on em0 direction in family inet proto tcp to 10.0.0.5 to port 22 flags S/SA"
	if len(got) != 1 || !strings.HasPrefix(got[0], "block -> pass: ") || !strings.Contains(got[0], "10.0.0.5") || !strings.Contains(got[0], "22") {
		t.Fatalf("got %q, want one like %q", got, want)
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
