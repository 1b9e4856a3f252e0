package lint

import (
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/edit"
)

// TestQueueFixes checks the fixes and related places of the queue and
// macro rules that the language server offers as quick fixes.
func TestQueueFixes(t *testing.T) {
	const priq = "altq on em0 priq bandwidth 10Mb queue { ssh, other, bulk }\nqueue ssh priority 7\nqueue other priority 2 priq(red)\nqueue bulk priority 1\n"
	tests := []struct {
		name, src, tgt, rule string
		fixed                string // "" = no fix
		related              []string
	}{
		{"rename to the closest queue", priq + "pass out on em0 queue shh\n", "openbsd-5.4", "PF102",
			"pass out on em0 queue ssh\n", []string{"ssh"}},
		{"rename keeps quotes", priq + "pass out on em0 queue \"shh\"\n", "openbsd-5.4", "PF102",
			"pass out on em0 queue \"ssh\"\n", []string{"ssh"}},
		{"no rename in a macro's expansion", "q = \"shh\"\n" + priq + "pass out on em0 queue $q\n", "openbsd-5.4", "PF102",
			"", []string{"ssh"}},
		{"rename on a release where pfctl checks", "queue rootq on em0 bandwidth 10M\nqueue web parent rootq bandwidth 9M default\npass out queue wbe\n", "openbsd", "PF102",
			"pass out queue web\n", []string{"web"}},
		{"the catch-all queue becomes the default", priq, "openbsd-5.4", "PF106",
			"queue other priority 2 priq(default red)\n", nil},
		{"else the lowest priority", strings.ReplaceAll(priq, "other", "web"), "openbsd-5.4", "PF106",
			"queue bulk priority 1 priq(default)\n", nil},
		{"HFSC ranks by real-time, then link-share rate, as the translation does",
			"altq on em0 hfsc bandwidth 10Mb queue { voip, bulk }\nqueue voip bandwidth 10% hfsc(realtime 1Mb linkshare 1Mb)\nqueue bulk bandwidth 90% hfsc(linkshare 9Mb)\n",
			"openbsd-5.4", "PF106", "queue bulk bandwidth 90% hfsc(default linkshare 9Mb)\n", nil},
		{"a new queue tree gets default", "queue rootq on em0 bandwidth 10M\nqueue web parent rootq bandwidth 5M\nqueue rest parent rootq bandwidth 5M\n", "openbsd", "PF106",
			"queue rest parent rootq bandwidth 5M default\n", nil},
		{"two defaults: no fix, both related", strings.Replace(strings.Replace(priq, "priq(red)", "priq(default)", 1), "priority 1", "priority 1 priq(default)", 1), "openbsd-5.4", "PF106",
			"", []string{"other", "bulk"}},
		{"rename to the closest macro", "ext_if = \"em0\"\npass out on $ext_fi\n", "", "PF301",
			"pass out on $ext_if\n", []string{"ext_if"}},
		{"a macro defined later: no rename", "pass out on $ext_if\next_if = \"em0\"\n", "", "PF301",
			"", []string{"ext_if"}},
		{"PRIQ same priority: the other queue", strings.Replace(priq, "priority 1", "priority 2", 1) + "queue x priority 0 priq(default)\n", "openbsd-5.4", "PF107",
			"", []string{"other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withRule(lintText(t, tt.src, tt.tgt), tt.rule)
			if len(got) == 0 {
				t.Fatalf("no %s finding in %v", tt.rule, lintText(t, tt.src, tt.tgt))
			}
			d := got[0]
			var rel []string
			for _, r := range d.Related {
				rel = append(rel, tt.src[r.Range.Start.Offset:r.Range.End.Offset])
			}
			if strings.Join(rel, ",") != strings.Join(tt.related, ",") {
				t.Errorf("related %q, want %q", rel, tt.related)
			}
			if tt.fixed == "" {
				if len(d.Fixes) > 0 {
					t.Errorf("fix %v, want none", d.Fixes)
				}
				return
			}
			if len(d.Fixes) != 1 {
				t.Fatalf("%d fixes, want 1: %v", len(d.Fixes), d)
			}
			var es []edit.Edit
			for _, e := range d.Fixes[0].Edits {
				es = append(es, e.Edit)
			}
			out, err := edit.Apply([]byte(tt.src), es)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tt.fixed) {
				t.Errorf("fixed:\n%s\nwant it to contain %q", out, tt.fixed)
			}
			if after := withRule(lintText(t, string(out), tt.tgt), tt.rule); len(after) >= len(got) {
				t.Errorf("the fix leaves %v", after)
			}
		})
	}
}
