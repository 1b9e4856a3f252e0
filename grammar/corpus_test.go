package grammar_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
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

// rulesetName matches the regress files that are pf.conf rulesets. pfr*,
// pfi* and pfcmd* files are table, interface and command inputs.
var rulesetName = regexp.MustCompile(`^pf(altq|opt|setup|chksum|simple)?\d+\.in$`)
var failName = regexp.MustCompile(`^pfail\d+\.in$`)
var freebsdName = regexp.MustCompile(`^pf\d{4}\.in$`)

// pfctlMessage is one line of pfctl's expected error output.
var pfctlMessage = regexp.MustCompile(`^([^:\s]+):(\d+): (.*)$`)

type corpusCase struct {
	rel     string // path relative to the corpus
	target  target.Target
	fail    bool
	syntax  []int // lines where pfctl reports "syntax error" (in this file)
	jinja   bool
	message string // first pfctl message of a failing case
}

func collectCases(t *testing.T, dir string) []corpusCase {
	var cases []corpusCase
	for _, fo := range corpus.Folders {
		tg := target.MustParse(fo.Target)
		entries, err := os.ReadDir(filepath.Join(dir, fo.Path))
		if err != nil {
			t.Errorf("corpus folder %s: %v", fo.Path, err)
			continue
		}
		regress := strings.Contains(fo.Path, "regress") || strings.Contains(fo.Path, "tests/files")
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || name == "MANIFEST.tsv" {
				continue
			}
			c := corpusCase{rel: filepath.Join(fo.Path, name), target: tg}
			switch {
			case !regress:
				c.jinja = strings.HasSuffix(name, ".j2")
			case failName.MatchString(name):
				c.fail = true
				c.syntax, c.message = expectedErrors(t, filepath.Join(dir, fo.Path, strings.TrimSuffix(name, ".in")+".ok"), name)
			case rulesetName.MatchString(name) || freebsdName.MatchString(name):
				failFile := filepath.Join(dir, fo.Path, strings.TrimSuffix(name, ".in")+".fail")
				if _, err := os.Stat(failFile); err == nil {
					c.fail = true
					c.syntax, c.message = expectedErrors(t, failFile, name)
				}
			default:
				continue
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// expectedErrors reads pfctl's expected messages and returns the lines of
// the syntax errors it reports in the file itself.
func expectedErrors(t *testing.T, okFile, inName string) ([]int, string) {
	f, err := os.Open(okFile)
	if err != nil {
		t.Logf("%s: no expected output: %v", inName, err)
		return nil, ""
	}
	defer f.Close()
	var lines []int
	first := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if first == "" {
			first = line
		}
		m := pfctlMessage.FindStringSubmatch(line)
		if m == nil || !strings.HasPrefix(m[3], "syntax error") {
			continue
		}
		if m[1] != "stdin" && m[1] != inName {
			continue // an error in an included file
		}
		n, _ := strconv.Atoi(m[2])
		lines = append(lines, n)
	}
	return lines, first
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
			if e.Pos.File == filepath.Join(dir, c.rel) {
				errLines[e.Pos.Line] = true
			}
		}
		switch {
		case c.jinja:
			rejectTotal++
			if len(f.Errors) == 0 || !strings.Contains(f.Errors[0].Msg, "template") {
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
