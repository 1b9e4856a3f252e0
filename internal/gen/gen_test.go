package gen_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// kinds counts the statements of a parsed ruleset by kind, bodies of
// inline anchors included, and the rule options the generator promises.
func kinds(stmts []*grammar.Statement, into map[string]int) {
	for _, s := range stmts {
		if s.Stmt == nil {
			continue
		}
		switch {
		case s.Macro != nil:
			into["macro"]++
		case s.Table != nil:
			into["table"]++
			for _, o := range s.Table.Options {
				if len(o.Entries) > 0 {
					into["table with addresses"]++
				}
			}
		case s.Option != nil:
			into["set option"]++
		case s.Altq != nil:
			into["altq"]++
		case s.Queue != nil:
			into["queue "+s.Queue.Keyword]++
			for _, o := range s.Queue.Opts {
				if o.Scheduler != nil {
					into["scheduler "+o.Scheduler.Name]++
				}
			}
		case s.LoadAnchor != nil:
			into["load anchor"]++
		case s.Anchor != nil:
			into["anchor"]++
			if s.HasBody {
				into["anchor with body"]++
			}
		case s.Antispoof != nil:
			into["antispoof"]++
		case s.Scrub != nil:
			into["scrub"]++
		case s.Translation != nil:
			into[s.Translation.Kind]++
		case s.Ether != nil:
			into["ether"]++
		case s.Rule != nil:
			into[s.Rule.Action]++
			for _, o := range s.Rule.Options {
				switch o.(type) {
				case *grammar.OptQueue:
					into["queue assignment"]++
				case *grammar.OptSet:
					into["set action"]++
				case *grammar.OptPrio:
					into["prio"]++
				case *grammar.StateSpec:
					into["state"]++
				case *grammar.OptNatTo, *grammar.OptRdrTo, *grammar.OptBinatTo:
					into["nat-to/rdr-to/binat-to"]++
				}
			}
		}
		kinds(s.Body, into)
	}
}

var genTargets = []struct {
	target string
	want   []string // statement kinds a ruleset of a few thousand lines must hold
}{
	{"openbsd-5.4", []string{"macro", "table with addresses", "set option", "altq", "queue queue",
		"scheduler cbq", "scheduler priq", "scheduler hfsc", "pass", "block", "match",
		"queue assignment", "set action", "state", "nat-to/rdr-to/binat-to", "anchor with body",
		"antispoof", "load anchor"}},
	{"openbsd-5.1", []string{"altq", "queue queue", "scheduler hfsc", "prio", "queue assignment", "match"}},
	{"openbsd-5.5", []string{"queue queue", "set action", "match", "anchor with body"}},
	{"openbsd", []string{"macro", "table with addresses", "set option", "queue queue", "pass", "block",
		"match", "set action", "state", "nat-to/rdr-to/binat-to", "anchor with body", "antispoof",
		"load anchor"}},
	{"freebsd-12.1", []string{"macro", "table with addresses", "set option", "altq", "queue queue",
		"scheduler cbq", "scheduler priq", "scheduler hfsc", "pass", "block", "queue assignment",
		"scrub", "nat", "rdr", "binat", "anchor", "anchor with body", "antispoof"}},
	{"freebsd-14.2", []string{"altq", "scrub", "nat", "rdr", "binat", "match", "ether", "set action"}},
	{"freebsd", []string{"altq", "scrub", "nat", "rdr", "binat", "match", "ether", "queue assignment"}},
	{"openbsd-4.7", []string{"altq", "match", "nat-to/rdr-to/binat-to"}},
	{"openbsd-4.9", []string{"altq", "match"}},
	{"openbsd-6.5", []string{"queue queue", "set action"}},
	{"freebsd-13.0", []string{"altq", "scrub", "nat"}},
}

// TestRulesetParses checks that what the generator writes parses and
// loads without a single error for its target, at sizes from a handful of lines (where
// sections are cut short) to thousands. It validates the generator and
// the grammar together.
func TestRulesetParses(t *testing.T) {
	sizes := []int{1, 2, 5, 13, 40, 100, 333, 3000}
	for _, tc := range genTargets {
		tg := target.MustParse(tc.target)
		for _, n := range sizes {
			t.Run(fmt.Sprintf("%s/%d", tc.target, n), func(t *testing.T) {
				src := gen.Ruleset(n, tg)
				if got := bytes.Count(src, []byte("\n")); got != n || !bytes.HasSuffix(src, []byte("\n")) {
					t.Fatalf("got %d lines, want %d ending in a newline", got, n)
				}
				f, _ := grammar.Parse("gen.conf", src, grammar.Options{Target: tg})
				for i, e := range f.Errors {
					if i == 10 {
						t.Errorf("… and %d more", len(f.Errors)-10)
						break
					}
					t.Errorf("%v\n\t%s", e, lineOf(src, e.Pos.Line))
				}
				// And it loads: pfctl's checks of queues and rules pass.
				m, _ := model.Build(f)
				for i, e := range m.Check(tg) {
					if i == 10 {
						t.Errorf("… and more")
						break
					}
					t.Errorf("%v\n\t%s", e, lineOf(src, e.Pos.Line))
				}
				if n < 3000 {
					return
				}
				got := map[string]int{}
				kinds(f.Statements, got)
				for _, k := range tc.want {
					if got[k] == 0 {
						t.Errorf("no %q in %d lines for %s; have %v", k, n, tc.target, got)
					}
				}
			})
		}
	}
}

func lineOf(src []byte, n int) string {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// TestRulesetDeterministic checks that output depends only on size,
// target and seed, which is what makes benchmark figures comparable.
func TestRulesetDeterministic(t *testing.T) {
	for _, tc := range genTargets {
		tg := target.MustParse(tc.target)
		a, b := gen.Ruleset(2000, tg), gen.Ruleset(2000, tg)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", tc.target)
		}
		if bytes.Equal(a, gen.RulesetSeed(2000, tg, gen.Seed+1)) {
			t.Errorf("%s: the seed makes no difference", tc.target)
		}
	}
	if gen.Ruleset(0, target.Default) != nil {
		t.Error("a ruleset of 0 lines must be empty")
	}
}

// TestRulesetSeeds parses rulesets from many seeds, so a rare combination
// of options that the grammar rejects cannot hide behind the default seed.
func TestRulesetSeeds(t *testing.T) {
	n := 10 // 200 pass too; 10 keep the test to a few seconds
	if testing.Short() {
		n = 3
	}
	for _, tc := range genTargets {
		tg := target.MustParse(tc.target)
		for seed := range uint64(n) {
			src := gen.RulesetSeed(200, tg, seed)
			f, _ := grammar.Parse("gen.conf", src, grammar.Options{Target: tg})
			if len(f.Errors) > 0 {
				e := f.Errors[0]
				t.Errorf("%s seed %d: %d errors, first %v\n\t%s", tc.target, seed, len(f.Errors), e, lineOf(src, e.Pos.Line))
			}
		}
	}
}
