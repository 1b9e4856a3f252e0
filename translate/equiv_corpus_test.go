package translate_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/translate"
)

// explainedDifferences are error differences the proof finds on corpus
// rulesets that are real, not bugs of the translation or of the proof:
// "file mode" → how many (merged) differences, and why. A listed entry
// that no longer appears, or appears with another count, fails the test.
var explainedDifferences = map[string]struct {
	n      int
	reason string
}{
	"dragonfly-share-examples-pf/share/examples/pf/faq-example2 prio":   {10, icmpReplies},
	"dragonfly-share-examples-pf/share/examples/pf/faq-example2 queues": {10, icmpReplies},
	"dragonfly-share-examples-pf/share/examples/pf/faq-example3 prio":   {18, icmpReplies},
	"dragonfly-share-examples-pf/share/examples/pf/faq-example3 queues": {18, icmpReplies},
	"freebsd-share-examples-pf/share/examples/pf/faq-example2 prio":     {10, icmpReplies},
	"freebsd-share-examples-pf/share/examples/pf/faq-example2 queues":   {10, icmpReplies},
	"freebsd-share-examples-pf/share/examples/pf/faq-example3 prio":     {18, icmpReplies},
	"freebsd-share-examples-pf/share/examples/pf/faq-example3 queues":   {18, icmpReplies},
	"freebsd-pfctl-tests-12.1/sbin/pfctl/tests/files/pf1003.in prio":    {3, icmpReplies},
	"dragonfly-share-examples-pf/share/examples/pf/faq-example2 both":   {10, icmpReplies},
	"dragonfly-share-examples-pf/share/examples/pf/faq-example3 both":   {18, icmpReplies},
	"freebsd-share-examples-pf/share/examples/pf/faq-example2 both":     {10, icmpReplies},
	"freebsd-share-examples-pf/share/examples/pf/faq-example3 both":     {18, icmpReplies},
}

const icmpReplies = "ICMP replies (echo reply, …) without state: a stateful pass rule takes them on FreeBSD and DragonFly, never on OpenBSD (pf_icmp_mapping(), see internal/engine/doc.go), so the same rule blocks them (or lets a later rule decide) on the target: a difference of the releases, not of the translation"

// TestEquivCorpus translates every ALTQ ruleset of the corpus that loads
// on its release with --to prio, --to queues and --to both (the kernel's speed given
// as 100M where an altq line has none) and proves each output
// equivalent (translate.Prove), as pfshape translate does. It prints how
// many were proved, had notes only, had error differences, had parts the
// engine could not compare, and were not proven because the output does
// not load. It fails when the proof itself fails (an engine error, a
// panic) or finds an error difference not listed in explainedDifferences.
func TestEquivCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	cases := altqRulesets(t, dir)
	if len(cases) == 0 {
		t.Fatal("no ALTQ rulesets found in the corpus")
	}
	seen := map[string]bool{}
	for _, mode := range []translate.Mode{translate.ToPrio, translate.ToQueues, translate.ToBoth} {
		var total, proved, notesOnly, errs, unproven, notLoad int
		noteIfaces := 0
		for _, c := range cases {
			from := c.from
			rs, err := ruleset.Load(c.path, nil, ruleset.Options{Target: latest, From: &from})
			if err != nil {
				t.Fatalf("%s: %v", c.rel, err)
			}
			if len(rs.Errors()) > 0 {
				continue
			}
			total++
			opts := translate.Options{Target: latest, To: mode}
			if mode != translate.ToPrio {
				opts.IfSpeed = map[string]uint64{}
				for _, iface := range rs.Model.Interfaces {
					if !iface.Rate.Known {
						opts.IfSpeed[iface.Name] = 100_000_000
					}
				}
			}
			res := translate.Translate(rs.File, rs.Model, opts)
			out := outputs(t, res)
			if _, ok := out[rs.File.Source.Name]; !ok {
				out[rs.File.Source.Name] = rs.File.Source.Bytes
			}
			nrs := rs.ReloadFor(out, latest)
			if e := nrs.Errors(); len(e) > 0 {
				notLoad++
				t.Logf("%s (--to %s): not proven: the output does not load: %s", c.rel, mode, e[0].Msg)
				continue
			}
			eq, err := proveSafely(rs, nrs, res)
			if err != nil {
				t.Errorf("%s (--to %s): the proof fails: %v", c.rel, mode, err)
				continue
			}
			key := c.rel + " " + string(mode)
			switch {
			case len(eq.Errors) > 0:
				errs++
				if x, ok := explainedDifferences[key]; ok && x.n == len(eq.Errors) {
					seen[key] = true
					t.Logf("%s (--to %s): %d differences, explained: %s", c.rel, mode, len(eq.Errors), x.reason)
					break
				}
				for _, d := range eq.Errors {
					t.Errorf("%s (--to %s): %s", c.rel, mode, describeDiscrepancy(eq, d))
				}
			case len(eq.NoteIfaces) > 0:
				notesOnly++
				noteIfaces += len(eq.NoteIfaces)
			case len(eq.Unproven) == 0:
				proved++
			}
			if len(eq.Unproven) > 0 {
				unproven++
				t.Logf("%s (--to %s): %d parts not proven, the first: %s", c.rel, mode, len(eq.Unproven), eq.Unproven[0])
			}
		}
		t.Logf("--to %s: %d ALTQ rulesets: %d proved equivalent, %d with notes only (%d notes), %d with error differences, %d with parts not proven, %d not proven because the output does not load",
			mode, total, proved, notesOnly, noteIfaces, errs, unproven, notLoad)
	}
	var stale []string
	for k, x := range explainedDifferences {
		if !seen[k] {
			stale = append(stale, fmt.Sprintf("%s (%d differences): %s", k, x.n, x.reason))
		}
	}
	sort.Strings(stale)
	for _, s := range stale {
		t.Errorf("listed as explained differences but not found as listed (update it): %s", s)
	}
}

// proveSafely turns a panic of the proof into an error.
func proveSafely(old, new *ruleset.Ruleset, res *translate.Result) (eq *translate.Equivalence, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return translate.Prove(old, new, res)
}

func describeDiscrepancy(eq *translate.Equivalence, d translate.Discrepancy) string {
	var b strings.Builder
	old, new := "default rule", "default rule"
	if d.OldRule != nil {
		old = fmt.Sprintf("line %d", d.OldRule.Pos.Line)
	}
	if d.NewRule != nil {
		new = fmt.Sprintf("line %d", d.NewRule.Pos.Line)
	}
	if d.Kind == translate.DiffVerdict {
		fmt.Fprintf(&b, "%s → %s (%s → %s): %s", d.Old, d.New, old, new, d.Class)
	} else {
		fmt.Fprintf(&b, "on %s: %s became %s, not %s (%s → %s): %s", eq.IfaceWords(d.Interface), d.Old, d.New, d.Image, old, new, d.Class)
	}
	return b.String()
}
