package translate_test

import (
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/translate"
)

// TestQueuesCorpus translates, with --to queues and --to both, every ALTQ
// ruleset of the corpus that loads on its release (those whose altq lines
// take the interface's speed from the kernel with --ifspeed IF=100M), and
// checks what the queue translation
// must hold (checkQueuesOutput): the output loads on OpenBSD 7.8 (parse
// and model checks), holds no percentage, the children of every parent
// share the bandwidth they shared in ALTQ, and translating again changes
// nothing. Files that leave something behind are counted with the reason;
// files that hold other statements of their era (scrub, nat with ->)
// are counted apart, as in TestCorpus.
func TestQueuesCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	for _, mode := range []translate.Mode{translate.ToQueues, translate.ToBoth} {
		var total, noSpeed, translated, otherEra, left int
		for _, c := range altqRulesets(t, dir) {
			f, m, rel := c.f, c.m, c.rel
			absolute := len(m.Interfaces) > 0
			for _, iface := range m.Interfaces {
				absolute = absolute && iface.Rate.Known
			}
			opts := translate.Options{Target: latest, To: mode}
			if !absolute {
				// The kernel's speed: say it with --ifspeed.
				noSpeed++
				opts.IfSpeed = map[string]uint64{}
				for _, iface := range m.Interfaces {
					opts.IfSpeed[iface.Name] = 100_000_000
				}
			}
			total++
			res := translate.Translate(f, m, opts)
			out := outputs(t, res)
			if res.LeftBehind() {
				left++
				for _, n := range res.Notes {
					if n.Left {
						t.Logf("%s (--to %s): left behind: %s", rel, mode, n)
					}
				}
				continue
			}
			msgs := checkQueuesOutput(f, m, res, out, opts)
			var loadErr string
			var real []string
			for _, msg := range msgs {
				if strings.HasPrefix(msg, "the translation does not load") && loadErr == "" && eraStatements(f) {
					loadErr = msg
					continue
				}
				real = append(real, msg)
			}
			for _, msg := range real {
				t.Errorf("%s (--to %s): %s", rel, mode, msg)
			}
			switch {
			case len(real) > 0:
			case loadErr != "":
				otherEra++
				t.Logf("%s (--to %s): translated, but other statements of its era keep it from loading: %s", rel, mode, firstLine(loadErr, 2))
			default:
				translated++
			}
		}
		if total == noSpeed {
			t.Fatal("no ALTQ rulesets with absolute interface bandwidth found in the corpus")
		}
		t.Logf("corpus --to %s: %d ALTQ rulesets (%d with absolute interface bandwidth, %d taking it from the kernel, given here with --ifspeed IF=100M): %d translated, load on %s and keep every parent's shares; %d translated but hold other statements of their era; %d left something behind (exit 3)",
			mode, total, total-noSpeed, noSpeed, translated, latest, otherEra, left)
	}
}

// eraStatements reports whether a file holds statements that no queue
// translation touches and that OpenBSD 7.8 refuses: scrub rules, nat/rdr
// /binat rules with ->.
func eraStatements(f *grammar.File) bool {
	found := false
	var walk func([]*grammar.Statement)
	walk = func(ss []*grammar.Statement) {
		for _, s := range ss {
			if s.Stmt != nil {
				if s.Tokens.Len() > 0 {
					switch s.Tokens.At(0).Text {
					case "scrub", "nat", "rdr", "binat", "no", "nat-anchor", "rdr-anchor", "binat-anchor":
						found = true
					}
				}
			}
			walk(s.Body)
			if s.Included != nil {
				walk(s.Included.Statements)
			}
		}
	}
	walk(f.Statements)
	return found
}

func firstLine(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, " ")
}
