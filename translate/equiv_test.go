package translate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

var altqRelease = target.MustParse("openbsd-5.4")

// proveSource translates src (an ALTQ ruleset for OpenBSD 5.4) for the
// latest OpenBSD, or takes output as the translation when it is given (a
// hand-made wrong one), and proves it.
func proveSource(t *testing.T, src string, mode translate.Mode, output string) *translate.Equivalence {
	t.Helper()
	from := altqRelease
	rs := ruleset.LoadBytes("pf.conf", []byte(src), ruleset.Options{Target: latest, From: &from})
	if errs := rs.Errors(); len(errs) > 0 {
		t.Fatalf("the original does not load: %v", errs)
	}
	res := translate.Translate(rs.File, rs.Model, translate.Options{Target: latest, To: mode})
	out := outputs(t, res)
	if output != "" {
		out = map[string][]byte{"pf.conf": []byte(output)}
	}
	if _, ok := out["pf.conf"]; !ok {
		out["pf.conf"] = []byte(src)
	}
	nrs := rs.ReloadFor(out, latest)
	if errs := nrs.Errors(); len(errs) > 0 {
		t.Fatalf("the output does not load: %v\n%s", errs, out["pf.conf"])
	}
	eq, err := translate.Prove(rs, nrs, res)
	if err != nil {
		t.Fatal(err)
	}
	return eq
}

const priqEm0 = `altq on em0 priq bandwidth 10Mb queue { q_hi, q_def, q_low }
queue q_hi priority 14
queue q_def priority 7 priq(default)
queue q_low priority 1
`

const hfscEm0 = `altq on em0 hfsc bandwidth 10Mb queue { q_hi, q_def }
queue q_hi bandwidth 30% hfsc(realtime 2Mb)
queue q_def bandwidth 70% hfsc(default)
`

// TestProve: what the proof finds, by kind, on the interfaces.
func TestProve(t *testing.T) {
	type want struct {
		errors  int                  // error differences (verdict or class)
		kinds   []translate.DiffKind // the kinds of the errors, in order, when given
		notes   []string             // the interfaces of the notes, in order ("" every interface without queues)
		proved  bool
		errLine [2]int // an error's original and output lines, when given
		// errIfaces are the interfaces of the errors, when given.
		errIfaces []string
	}
	tests := []struct {
		name   string
		src    string
		mode   translate.Mode
		output string // a hand-made translation instead of translate's
		want   want
	}{
		{
			// The rules name em0 only; their set prio still reaches every
			// other interface (forwarded packets, replies): a note, never
			// an error, on the interfaces without queues.
			name: "plain priq",
			src:  priqEm0 + "block in on em0\npass out on em0 proto tcp to port 22 queue (q_def, q_hi)\npass out on em0 proto tcp to port 80 queue q_low\npass in on em0 proto tcp to port 25\n",
			want: want{notes: []string{""}},
		},
		{
			// Only the default queue is assigned: its image is pf's default
			// prio 3 everywhere, as unassigned traffic had.
			name: "default queue only",
			src:  priqEm0 + "pass out on em0 queue q_def\npass in on em0\n",
			want: want{proved: true},
		},
		{
			// HFSC becomes OpenBSD's queues: set queue, like ALTQ's queue,
			// does nothing where the interface has no such queue.
			name: "hfsc to queues",
			src:  hfscEm0 + "pass out on em0 proto tcp to port 22 queue q_hi\npass out on em1\n",
			mode: translate.ToQueues,
			want: want{proved: true},
		},
		{
			// Six ranks above the default and four places: the mapping
			// puts q5 and q4 (rules 2 and 3) in one priority, as q2 and q1. The proof checks against that printed mapping, so
			// the collapse is no difference: on em0 each packet has the
			// image of its queue.
			name: "mapping collapses ranks",
			src: `altq on em0 priq bandwidth 10Mb queue { q6, q5, q4, q3, q2, q1, qd }
queue q6 priority 14
queue q5 priority 13
queue q4 priority 12
queue q3 priority 11
queue q2 priority 10
queue q1 priority 9
queue qd priority 1 priq(default)
pass out on em0 proto tcp to port 1 queue q6
pass out on em0 proto tcp to port 2 queue q5
pass out on em0 proto tcp to port 3 queue q4
pass out on em0 proto tcp to port 4 queue q3
`,
			want: want{notes: []string{""}},
		},
		{
			// A queue of em0 assigned by a rule without `on`: packets that
			// leave by em1 (which has altq but no q_hi) went to em1's
			// default queue; now they carry set prio 7. Notes for em1 and
			// for every interface without queues, no error.
			name: "no on",
			src: priqEm0 + `altq on em1 priq bandwidth 10Mb queue { l_def, l_hi }
queue l_def priority 1 priq(default)
queue l_hi priority 5
pass out proto tcp to port 22 queue q_hi
pass out on em1 proto tcp to port 80 queue l_hi
`,
			want: want{notes: []string{"em0", "em1", ""}},
		},
		{
			// A wrong translation: prio 5 for q_hi (its image is 7).
			name:   "wrong priority",
			src:    priqEm0 + "pass out on em0 proto tcp to port 22 queue q_hi\n",
			output: "pass out on em0 proto tcp to port 22 set prio 5\n",
			want:   want{errors: 1, kinds: []translate.DiffKind{translate.DiffClass}, errLine: [2]int{5, 1}, notes: []string{""}},
		},
		{
			// A wrong translation that blocks what the original passed.
			name:   "wrong verdict",
			src:    priqEm0 + "block in on em0\npass in on em0 proto tcp to port 22 queue q_hi\n",
			output: "block in on em0\n\n\npass in on em0 proto tcp to port 23 set prio 7\n",
			want:   want{errors: 2, kinds: []translate.DiffKind{translate.DiffVerdict, translate.DiffVerdict}, errLine: [2]int{6, 1}},
		},
		{
			// A class given where the original gave none: an error on the
			// ALTQ interface, where unassigned traffic was in the default
			// queue.
			name:   "priority from nowhere",
			src:    priqEm0 + "pass out on em0 proto tcp\n",
			output: "pass out on em0 proto tcp set prio 6\n",
			want:   want{errors: 2, kinds: []translate.DiffKind{translate.DiffClass, translate.DiffClass}, errIfaces: []string{"em0", ""}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eq := proveSource(t, tc.src, tc.mode, tc.output)
			var got []string
			for _, d := range eq.Errors {
				got = append(got, d.Old+" → "+d.New+" on "+d.Interface+": "+d.Class)
			}
			if len(eq.Errors) != tc.want.errors {
				t.Errorf("%d errors, want %d:\n%s", len(eq.Errors), tc.want.errors, strings.Join(got, "\n"))
			}
			for i, k := range tc.want.kinds {
				if i < len(eq.Errors) && eq.Errors[i].Kind != k {
					t.Errorf("error %d is of kind %d, want %d: %s", i, eq.Errors[i].Kind, k, got[i])
				}
			}
			if tc.want.errLine != [2]int{} {
				found := false
				for _, d := range eq.Errors {
					found = found || (d.OldRule != nil && d.NewRule != nil && d.OldRule.Pos.Line == tc.want.errLine[0] && d.NewRule.Pos.Line == tc.want.errLine[1])
				}
				if !found {
					t.Errorf("no error between lines %v:\n%s", tc.want.errLine, strings.Join(got, "\n"))
				}
			}
			if tc.want.errIfaces != nil {
				var ifs []string
				for _, d := range eq.Errors {
					ifs = append(ifs, d.Interface)
				}
				if strings.Join(ifs, ",") != strings.Join(tc.want.errIfaces, ",") {
					t.Errorf("errors on %q, want %q", ifs, tc.want.errIfaces)
				}
			}
			if strings.Join(eq.NoteIfaces, ",") != strings.Join(tc.want.notes, ",") || len(eq.NoteIfaces) != len(tc.want.notes) {
				t.Errorf("notes on %q, want %q", eq.NoteIfaces, tc.want.notes)
			}
			for _, iface := range eq.NoteIfaces {
				if len(eq.Notes[iface]) == 0 {
					t.Errorf("the note on %q names no class", iface)
				}
				for _, d := range eq.Notes[iface] {
					if d.Kind != translate.DiffElsewhere || d.Class == "" || d.OldRule == nil || d.NewRule == nil {
						t.Errorf("note on %q: %+v", iface, d)
					}
				}
			}
			if eq.Proved() != tc.want.proved {
				t.Errorf("Proved() = %v, want %v", eq.Proved(), tc.want.proved)
			}
			if len(eq.Unproven) > 0 {
				t.Errorf("parts not proven: %q", eq.Unproven)
			}
		})
	}
}

// TestProveNoOnNames: the note on em1 names the class of the rule
// without `on` that leaves by em1, with em1's default queue.
func TestProveNoOnNames(t *testing.T) {
	eq := proveSource(t, priqEm0+`altq on em1 priq bandwidth 10Mb queue { l_def }
queue l_def priority 1 priq(default)
pass out proto tcp to port 22 queue q_hi
`, "", "")
	ds := eq.Notes["em1"]
	if len(ds) == 0 {
		t.Fatalf("no note on em1: %+v", eq)
	}
	d := ds[0]
	if d.OldRule == nil || d.OldRule.Pos.Line != 7 || d.New != "set prio 7" || !strings.Contains(d.Old, "l_def") || !strings.Contains(d.Class, "22") {
		t.Errorf("note on em1: %+v", d)
	}
}

// TestProveBudget: a large ruleset is proven within the engine's work
// budget, linear in its rules; the parts the budget does not reach are
// reported as not proven, never as differences.
func TestProveBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString(priqEm0)
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "pass out on em0 proto tcp from 10.%d.%d.0/24 to port %d queue q_hi\n", i/250, i%250, 1000+i)
	}
	from := altqRelease
	rs := ruleset.LoadBytes("pf.conf", []byte(b.String()), ruleset.Options{Target: latest, From: &from})
	res := translate.Translate(rs.File, rs.Model, translate.Options{Target: latest})
	nrs := rs.ReloadFor(outputs(t, res), latest)
	eq, err := translate.Prove(rs, nrs, res)
	if err != nil {
		t.Fatal(err)
	}
	if len(eq.Errors) > 0 {
		t.Errorf("%d error differences on a translation that changes only the class: %v", len(eq.Errors), eq.Errors[0])
	}
	if len(eq.Unproven) == 0 {
		t.Errorf("5,000 rules that each cut a piece of their own were proven whole: the budget did not bound the work")
	}
	// The descriptions are merged; the counts say how much they hold.
	if eq.UnprovenParts < len(eq.Unproven) || eq.UnprovenParts > eq.Parts {
		t.Errorf("%d descriptions not proven, of %d parts of %d: want at least one part each, and no more parts than there are",
			len(eq.Unproven), eq.UnprovenParts, eq.Parts)
	}
}
