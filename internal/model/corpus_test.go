package model

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/target"
)

// loadExceptions are corpus files that pfctl loads and on which Check
// reports errors, with the reason. None so far.
var loadExceptions = map[string]string{}

type corpusFile struct {
	rel    string
	target target.Target
	fail   bool   // pfctl rejects it
	expect string // the .ok or .fail file with pfctl's messages
}

// corpusFiles are the corpus rulesets (corpus.Rulesets) but templates.
func corpusFiles(t *testing.T, dir string) []corpusFile {
	rulesets, err := corpus.Rulesets(dir)
	if err != nil {
		t.Error(err)
	}
	var out []corpusFile
	for _, r := range rulesets {
		if !r.Template {
			out = append(out, corpusFile{rel: r.Rel, target: target.MustParse(r.Folder.Target), fail: r.Fail, expect: r.Expect})
		}
	}
	return out
}

// pfctlMessages reads pfctl's expected messages: "LINE: msg" for those
// with a line, "0: msg" for those printed as `pfctl: msg`.
func pfctlMessages(t *testing.T, path string) []string {
	msgs, err := corpus.Messages(path)
	if err != nil {
		t.Logf("%s: %v", path, err)
	}
	var out []string
	for _, m := range msgs {
		if m.Line > 0 && !strings.HasSuffix(m.File, ".in") && m.File != "stdin" {
			continue
		}
		out = append(out, strconv.Itoa(m.Line)+": "+m.Text)
	}
	return out
}

func checkFile(t *testing.T, dir string, c corpusFile) (*grammar.File, grammar.ErrorList) {
	path := filepath.Join(dir, c.rel)
	f, _ := grammar.ParseFile(path, grammar.Options{Target: c.target})
	if f == nil {
		t.Errorf("%s: could not be read", c.rel)
		return nil, nil
	}
	m, _ := Build(f)
	var mine grammar.ErrorList
	for _, e := range m.Check(c.target) {
		if e.Pos.File == path {
			mine = append(mine, e)
		}
	}
	return f, mine
}

func lineMsgs(l grammar.ErrorList) []string {
	var out []string
	for _, e := range l {
		out = append(out, strconv.Itoa(e.Pos.Line)+": "+e.Msg)
	}
	return out
}

// TestCorpusLoads runs Build and Check over every corpus ruleset that
// pfctl loads: Check must report nothing.
func TestCorpusLoads(t *testing.T) {
	dir := corpus.Dir(t)
	var total, clean, queues, rules int
	for _, c := range corpusFiles(t, dir) {
		if c.fail {
			continue
		}
		total++
		f, errs := checkFile(t, dir, c)
		if f == nil {
			continue
		}
		m, _ := Build(f)
		queues += len(m.QueueDefs) + len(m.NewQueues)
		rules += len(m.Rules)
		reason, excepted := loadExceptions[c.rel]
		switch {
		case len(errs) == 0 && excepted:
			t.Errorf("%s: listed as an exception (%s) but Check is now clean: remove it", c.rel, reason)
		case len(errs) == 0:
			clean++
		case !excepted:
			t.Errorf("%s [%s]: pfctl loads it, Check reports %v", c.rel, c.target, errs)
		}
	}
	t.Logf("corpus: Check is clean on %d of %d rulesets that pfctl loads (%d listed exceptions); %d queue definitions, %d rules modelled",
		clean, total, len(loadExceptions), queues, rules)
}

// machineWant is what Check reports on the pfail cases whose pfctl output
// depends on the machine ("LINE: msg"), in place of pfctl's.
var machineWant = map[string][]string{
	"pfail32": {"4: queue zwei already exists on interface gif3", "4: errors in queue definition"},
}

// TestCorpusQueueFailures checks that Check reports each of pfctl's
// messages of the ALTQ and new-queue pfail files on pfctl's line. Syntax
// errors are the grammar's and are left out.
func TestCorpusQueueFailures(t *testing.T) {
	dir := corpus.Dir(t)
	var matched, expected int
	for _, fc := range corpus.QueueFailures {
		tg := target.Default
		for _, fo := range corpus.Folders {
			if fo.Path == fc.Folder {
				tg = target.MustParse(fo.Target)
			}
		}
		c := corpusFile{rel: filepath.Join(fc.Folder, fc.File+".in"), target: tg}
		_, errs := checkFile(t, dir, c)
		var want []string
		if fc.Machine != "" {
			want = machineWant[fc.File]
		} else {
			for _, m := range pfctlMessages(t, filepath.Join(dir, fc.Folder, fc.File+".ok")) {
				if strings.Contains(m, ": syntax error") {
					continue
				}
				if strings.HasPrefix(m, "0: ") {
					m = strconv.Itoa(fc.NoLine) + m[1:]
				}
				want = append(want, m)
			}
		}
		got := lineMsgs(errs)
		sort.Strings(want)
		sort.Strings(got)
		expected += len(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s/%s: want\n\t%s\ngot\n\t%s", fc.Folder, fc.File, strings.Join(want, "\n\t"), strings.Join(got, "\n\t"))
			continue
		}
		matched += len(want)
	}
	t.Logf("corpus: %d of %d pfctl messages of %d ALTQ/new-queue pfail files reported on pfctl's line (%d files depend on the machine)",
		matched, expected, len(corpus.QueueFailures), countMachine())
}

func countMachine() int {
	n := 0
	for _, fc := range corpus.QueueFailures {
		if fc.Machine != "" {
			n++
		}
	}
	return n
}

// TestCorpusFailuresNoExtra checks every failing corpus file: Check must
// not report an error on a line where pfctl reports nothing.
func TestCorpusFailuresNoExtra(t *testing.T) {
	dir := corpus.Dir(t)
	files, flaggedFiles := 0, 0
	for _, c := range corpusFiles(t, dir) {
		if !c.fail {
			continue
		}
		files++
		_, errs := checkFile(t, dir, c)
		if len(errs) > 0 {
			flaggedFiles++
		}
		lines := map[int]bool{}
		noLine := false
		for _, m := range pfctlMessages(t, c.expect) {
			n, _ := strconv.Atoi(m[:strings.Index(m, ":")])
			lines[n] = true
			noLine = noLine || n == 0
		}
		// FreeBSD's .fail files hold pfctl's messages without a line:
		// Check's must be among them.
		failMsgs := map[string]bool{}
		if strings.HasSuffix(c.expect, ".fail") {
			if data, err := os.ReadFile(c.expect); err == nil {
				for _, l := range strings.Split(string(data), "\n") {
					failMsgs[strings.ReplaceAll(l, `\`, "")] = true
				}
			}
		}
		for _, e := range errs {
			if failMsgs[e.Msg] {
				continue
			}
			if !lines[e.Pos.Line] && !noLine && !machineCase(c.rel) {
				t.Errorf("%s: Check reports %q on line %d where pfctl reports nothing", c.rel, e.Msg, e.Pos.Line)
			}
		}
	}
	t.Logf("corpus: Check flags %d of %d files that pfctl rejects (the rest fail for syntax errors, which the grammar reports, or for reasons Check leaves out: see ruleExceptions)", flaggedFiles, files)
}

func machineCase(rel string) bool {
	for _, fc := range corpus.QueueFailures {
		if fc.Machine != "" && rel == filepath.Join(fc.Folder, fc.File+".in") {
			return true
		}
	}
	return false
}
