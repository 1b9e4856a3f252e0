package translate_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/translate"
)

// TestTrees checks Result.Trees against what the translation wrote, on
// every ALTQ ruleset of the corpus and in every mode: one TreeFate per
// interface, every queue of the interface has a fate, a set prio value is
// the mapping's, a new queue line is in the output, and a tree left in
// place says why in a note.
func TestTrees(t *testing.T) {
	dir := corpus.Dir(t)
	files, queues := 0, 0
	for _, c := range altqRulesets(t, dir) {
		files++
		for _, mode := range []translate.Mode{translate.ToPrio, translate.ToQueues, translate.ToBoth} {
			opts := translate.Options{Target: latest, To: mode, IfSpeed: map[string]uint64{}}
			for _, iface := range c.m.Interfaces {
				opts.IfSpeed[iface.Name] = 100_000_000
			}
			if mode == translate.ToPrio {
				opts.IfSpeed = nil
			}
			res := translate.Translate(c.f, c.m, opts)
			out := outputs(t, res)
			all := out[c.f.Source.Name]
			for _, b := range out {
				all = append(append(all, '\n'), b...)
			}
			if len(res.Trees) != len(c.m.Interfaces) {
				t.Fatalf("%s (--to %s): %d trees for %d interfaces", c.rel, mode, len(res.Trees), len(c.m.Interfaces))
			}
			for i, iface := range c.m.Interfaces {
				tf := res.Trees[i]
				if tf.Interface != iface.Name {
					t.Errorf("%s (--to %s): tree %d is %s, want %s", c.rel, mode, i, tf.Interface, iface.Name)
				}
				if tf.Becomes == "" && !leftNoted(res, tf.Left) {
					t.Errorf("%s (--to %s): %s left in place (%s) without a note saying so", c.rel, mode, iface.Name, tf.Left)
				}
				for _, q := range iface.Queues {
					queues++
					f := tf.Queues[q.Name]
					if f == nil {
						t.Errorf("%s (--to %s): no fate for queue %s on %s", c.rel, mode, q.Name, iface.Name)
						continue
					}
					if f.HasPrio {
						found := false
						for _, mp := range res.Mappings {
							if p, ok := mp.Prio(q.Name); ok && mp.Interface == iface.Name {
								found = p == f.Prio
							}
						}
						if !found {
							t.Errorf("%s (--to %s): %s on %s: set prio %d is not the mapping's", c.rel, mode, q.Name, iface.Name, f.Prio)
						}
					}
					if f.Queue != "" && !bytes.Contains(all, []byte(f.Queue)) {
						t.Errorf("%s (--to %s): %q is not in the output", c.rel, mode, f.Queue)
					}
				}
			}
		}
	}
	t.Logf("corpus: %d ALTQ rulesets, %d queue fates checked in 3 modes", files, queues/3)
}

func leftNoted(res *translate.Result, why string) bool {
	for _, n := range res.Notes {
		if n.Left && strings.Contains(n.Msg, why) {
			return true
		}
	}
	return false
}
