package grammar_test

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/target"
)

// acceptExceptions are corpus files that pfctl loads and pfshape rejects,
// each with the reason. The test fails when one of them starts to pass, so
// the list stays honest.
var acceptExceptions = map[string]string{}

type corpusCase struct {
	rel     string // path relative to the corpus
	target  target.Target
	fail    bool
	syntax  []int        // lines where pfctl reports "syntax error" (in this file)
	flagged map[int]bool // lines where pfctl reports anything
	jinja   bool
}

func collectCases(t *testing.T, dir string) []corpusCase {
	rulesets, err := corpus.Rulesets(dir)
	if err != nil {
		t.Error(err)
	}
	var cases []corpusCase
	for _, r := range rulesets {
		c := corpusCase{rel: r.Rel, target: target.MustParse(r.Folder.Target), fail: r.Fail, jinja: r.Template}
		if r.Fail {
			c.syntax, c.flagged = expectedErrors(t, r.Expect, filepath.Base(r.Path))
		}
		cases = append(cases, c)
	}
	return cases
}

// expectedErrors reads pfctl's expected messages and returns the lines of
// the syntax errors it reports in the file itself, and every line it
// reports anything on.
func expectedErrors(t *testing.T, okFile, inName string) ([]int, map[int]bool) {
	flagged := map[int]bool{}
	if okFile == "" {
		t.Logf("%s: no expected output", inName)
		return nil, flagged
	}
	msgs, err := corpus.Messages(okFile)
	if err != nil {
		t.Logf("%s: no expected output: %v", inName, err)
	}
	var lines []int
	for _, m := range msgs {
		if m.Line == 0 || !m.InFile(inName) {
			continue // pfctl as a whole, or an included file
		}
		flagged[m.Line] = true
		if strings.HasPrefix(m.Text, "syntax error") {
			lines = append(lines, m.Line)
		}
	}
	return lines, flagged
}

// TestCorpus checks the parser against every ruleset of the shared corpus:
// what pfctl loads must parse, and what pfctl rejects with a syntax error
// must be rejected on the same line.
func TestCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	cases := collectCases(t, dir)
	var accepted, acceptTotal, rejected, rejectTotal, semantic, semanticFlagged int
	var unexpected []string
	for _, c := range cases {
		f, _ := grammar.ParseFile(filepath.Join(dir, c.rel), grammar.Options{Target: c.target})
		if f == nil {
			t.Errorf("%s: could not be read", c.rel)
			continue
		}
		errLines := map[int]bool{}
		for _, e := range f.Errors {
			if e.Pos.File == filepath.Join(dir, c.rel) && !e.Unreported {
				errLines[e.Pos.Line] = true
			}
		}
		switch {
		case c.jinja:
			rejectTotal++
			if !strings.Contains(f.Errors.Error(), "template") {
				t.Errorf("%s: a Jinja template must be rejected with a message naming it; got %v", c.rel, f.Errors)
			} else {
				rejected++
			}
		case !c.fail:
			acceptTotal++
			reason, excepted := acceptExceptions[c.rel]
			switch {
			case len(f.Errors) == 0 && excepted:
				t.Errorf("%s: listed as an exception (%s) but now parses: remove it from the list", c.rel, reason)
			case len(f.Errors) == 0:
				accepted++
			case !excepted:
				unexpected = append(unexpected, c.rel+" ["+c.target.String()+"]: "+f.Errors[0].Error())
			}
		case len(c.syntax) > 0:
			rejectTotal++
			var missing []string
			for _, l := range c.syntax {
				if !errLines[l] {
					missing = append(missing, strconv.Itoa(l))
				}
			}
			var extra []string
			for l := range errLines {
				if !c.flagged[l] {
					extra = append(extra, strconv.Itoa(l))
				}
			}
			sort.Strings(extra)
			if len(extra) > 0 {
				t.Errorf("%s: pfshape reports errors on line(s) %s where pfctl reports none: %v", c.rel, strings.Join(extra, ", "), f.Errors)
			}
			if len(missing) > 0 {
				t.Errorf("%s: pfctl reports a syntax error on line(s) %s; pfshape reported %v", c.rel, strings.Join(missing, ", "), f.Errors)
			} else {
				rejected++
			}
		default:
			semantic++
			if len(f.Errors) > 0 {
				semanticFlagged++
			}
			for l := range errLines {
				if !c.flagged[l] {
					t.Errorf("%s: pfshape reports an error on line %d where pfctl reports none: %v", c.rel, l, f.Errors)
				}
			}
		}
	}
	sort.Strings(unexpected)
	for _, u := range unexpected {
		t.Errorf("pfctl loads it, pfshape rejects it: %s", u)
	}
	t.Logf("corpus: accepted %d of %d rulesets that pfctl loads (%d listed exceptions)", accepted, acceptTotal, len(acceptExceptions))
	t.Logf("corpus: rejected %d of %d files that pfctl rejects with a syntax error (or that are not pf.conf), on pfctl's line", rejected, rejectTotal)
	t.Logf("corpus: %d files fail in pfctl for semantic reasons; the parser alone flags %d of them", semantic, semanticFlagged)
}
