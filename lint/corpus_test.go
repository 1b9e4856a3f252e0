package lint

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/target"
)

// realErrors are error-severity findings on corpus files that pfctl loads,
// which are real all the same: "file rule" → reason.
var realErrors = map[string]string{
	"realworld/autumnjolitz+cerberus_gateway/files/pf.conf PF102": "lines 135 and 137 assign queue IMAP, which no queue line defines (the queues are services, game_upload, …): pfctl loads it and IMAP traffic goes to the default queue",
}

func lintCorpusFile(t *testing.T, path string, tg target.Target) []Diagnostic {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Lint(path, src, Config{Target: tg}).Diagnostics
}

// TestCorpusLoads lints every corpus ruleset that pfctl loads for its
// target: no error-severity finding, except those listed as real.
func TestCorpusLoads(t *testing.T) {
	dir := corpus.Dir(t)
	files, clean := 0, 0
	counts := map[string]int{}
	seenReal := map[string]bool{}
	loadable, err := corpus.Loadable(dir)
	if err != nil {
		t.Error(err)
	}
	for _, r := range loadable {
		tg := target.MustParse(r.Folder.Target)
		files++
		errors := 0
		for _, d := range lintCorpusFile(t, r.Path, tg) {
			counts[d.Rule]++
			if d.Severity != Error {
				continue
			}
			key := r.Rel + " " + d.Rule
			if _, ok := realErrors[key]; ok {
				seenReal[key] = true
				continue
			}
			errors++
			t.Errorf("%s [%s]: pfctl loads it; lint reports %s", r.Rel, tg, d)
		}
		if errors == 0 {
			clean++
		}
	}
	for k, reason := range realErrors {
		if !seenReal[k] {
			t.Errorf("%s is listed as a real error (%s) but is no longer reported: remove it", k, reason)
		}
	}
	var ids []string
	for id, n := range counts {
		ids = append(ids, id+"="+strconv.Itoa(n))
	}
	sort.Strings(ids)
	t.Logf("corpus: %d of %d rulesets that pfctl loads have no error finding (%d listed as real); findings by rule: %s",
		clean, files, len(realErrors), strings.Join(ids, " "))
}

// TestCorpusQueueFailures checks that lint reports an error on every line
// where pfctl reports one in the queue and priority pfail files.
func TestCorpusQueueFailures(t *testing.T) {
	dir := corpus.Dir(t)
	lines, matched, machine := 0, 0, 0
	for _, fc := range corpus.QueueFailures {
		if fc.Machine != "" {
			machine++
			continue
		}
		tg := target.Default
		for _, fo := range corpus.Folders {
			if fo.Path == fc.Folder {
				tg = target.MustParse(fo.Target)
			}
		}
		path := filepath.Join(dir, fc.Folder, fc.File+".in")
		got := map[int]bool{}
		for _, d := range lintCorpusFile(t, path, tg) {
			if d.Severity == Error {
				got[d.Range.Start.Line] = true
			}
		}
		for _, l := range pfctlLines(t, filepath.Join(dir, fc.Folder, fc.File+".ok"), fc.NoLine) {
			lines++
			if got[l] {
				matched++
			} else {
				t.Errorf("%s/%s: pfctl reports an error on line %d, lint does not", fc.Folder, fc.File, l)
			}
		}
	}
	t.Logf("corpus: lint reports %d of %d pfctl error lines of %d queue/priority pfail files (%d depend on the machine, skipped)",
		matched, lines, len(corpus.QueueFailures)-machine, machine)
}

func pfctlLines(t *testing.T, path string, noLine int) []int {
	msgs, err := corpus.Messages(path)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	var out []int
	for _, m := range msgs {
		n := m.Line
		switch {
		case m.File == "pfctl" && noLine != 0:
			n = noLine
		case m.File == "pfctl" || (m.File != "stdin" && !strings.HasSuffix(m.File, ".in")):
			continue
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
