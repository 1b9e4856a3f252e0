package lint

import (
	"strings"
	"testing"
)

// TestDeadRuleReasons: PF401 names what decides a dead rule's packets
// instead: earlier quick rules, later rules, and `set skip` for the
// packets pf does not filter. A rule all of whose packets are on a
// skipped interface has neither earlier nor later rules (it made
// pfshape lint panic).
func TestDeadRuleReasons(t *testing.T) {
	tests := []struct {
		name, src string
		line      int // the dead rule's line
		want      []string
		not       []string
	}{
		{"later", "block in proto tcp to port 22\npass in proto tcp to port 22 flags any\n", 1,
			[]string{"the later rule on line 2 matches every packet it matches"}, []string{"set skip"}},
		{"earlier", "pass in quick proto tcp to port 22 flags any\nblock in proto tcp to port 22\n", 2,
			[]string{"the quick rule on line 1 takes every packet it matches first"}, []string{"set skip"}},
		{"skipped only", "ext_if=\"em0\"\nset skip on $ext_if\npass in on $ext_if proto tcp\npass on lo0\n", 3,
			[]string{"pf does not filter its packets on a skipped interface (set skip)"}, []string{"line "}},
		{"skipped and earlier", "set skip on em0\npass in quick proto tcp to port 22 flags any\nblock in proto tcp to port 22\n", 3,
			[]string{"set skip", "the quick rule on line 2 takes its other packets first"}, []string{"every packet"}},
		{"skipped and later", "set skip on em0\nblock in proto tcp to port 22\npass in proto tcp to port 22 flags any\n", 2,
			[]string{"set skip", "the later rule on line 3 matches its other packets"}, []string{"every packet"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds := withRule(lintText(t, tc.src, "openbsd"), "PF401")
			if len(ds) != 1 {
				t.Fatalf("want one PF401 finding, got %v", ds)
			}
			d := ds[0]
			if got := d.Range.Start.Line; got != tc.line {
				t.Errorf("finding on line %d, want %d", got, tc.line)
			}
			for _, w := range tc.want {
				if !strings.Contains(d.Message, w) {
					t.Errorf("message %q lacks %q", d.Message, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(d.Message, n) {
					t.Errorf("message %q has %q", d.Message, n)
				}
			}
		})
	}
}
