package grammar_test

import (
	"os"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/target"
)

// featureCodes are the errors of a statement whose first word names a
// feature of other releases, which the parser reports without asking
// participle (featureError); in a test binary participle is asked too and
// the parse panics when the two differ.
var featureCodes = map[grammar.Code]bool{
	grammar.ALTQRemoved: true, grammar.ScrubRemoved: true,
	grammar.NatRemoved: true, grammar.OldqueueOnly55: true,
}

func TestFeatureError(t *testing.T) {
	tests := []struct {
		target, src string
		code        grammar.Code // "" for no error
		col         int
	}{
		{"openbsd", "altq on em0 cbq bandwidth 10Mb queue { std }\n", grammar.ALTQRemoved, 1},
		{"openbsd", "altq = \"em0\"\n", "", 0},
		{"openbsd-5.4", "altq on em0 cbq bandwidth 10Mb queue { std }\nqueue std cbq(default)\n", "", 0},
		{"openbsd", "scrub in all\n", grammar.ScrubRemoved, 1},
		{"openbsd-4.5", "scrub in all\n", "", 0},
		{"openbsd", "nat on em0 from any to any -> 192.0.2.1\n", grammar.NatRemoved, 1},
		{"openbsd", "oldqueue std on em0 bandwidth 10Mb\n", grammar.ALTQRemoved, 1},
		{"freebsd", "altq on em0 cbq bandwidth 10Mb queue { std }\nqueue std cbq(default)\n", "", 0},
		// The word further in: participle says where the statement fails.
		{"openbsd", "queue std on em0 bandwidth 10M cbq(default)\n", grammar.ALTQRemoved, 35},
	}
	for _, tt := range tests {
		f, _ := grammar.Parse("t.conf", []byte(tt.src), grammar.Options{Target: target.MustParse(tt.target)})
		switch {
		case tt.code == "" && len(f.Errors) > 0:
			t.Errorf("%s: %q: %v", tt.target, tt.src, f.Errors)
		case tt.code != "" && (len(f.Errors) != 1 || f.Errors[0].Code != tt.code || f.Errors[0].Pos.Column != tt.col):
			t.Errorf("%s: %q: want %s at column %d, got %v", tt.target, tt.src, tt.code, tt.col, f.Errors)
		}
	}
}

// TestFeatureErrorCorpus reads every corpus ruleset for releases that
// removed features its files use: each statement whose first word names
// one is read both ways, and the parse panics if they differ.
func TestFeatureErrorCorpus(t *testing.T) {
	rulesets, err := corpus.Rulesets(corpus.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range rulesets {
		src, err := os.ReadFile(r.Path)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range []string{"openbsd", "openbsd-4.6", "openbsd-5.4", "freebsd"} {
			f, _ := grammar.Parse(r.Path, src, grammar.Options{Target: target.MustParse(tg), ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
			for _, e := range f.Errors {
				if featureCodes[e.Code] && e.Pos.Column == 1 {
					checked++
				}
			}
		}
	}
	t.Logf("%d statements whose first word names a removed feature, read both ways", checked)
	if checked == 0 {
		t.Error("no statement of the corpus took the path: the test checks nothing")
	}
}
