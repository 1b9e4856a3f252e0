package translate_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

var altqLine = regexp.MustCompile(`(?m)^\s*altq\s+on\b`)

// altqRuleset is a corpus ruleset with ALTQ that loads on its release.
type altqRuleset struct {
	rel, path string
	from      target.Target
	f         *grammar.File
	m         *model.Model
}

// altqRulesets are the corpus rulesets that pfctl loads and that have an
// altq line, parsed and modelled for their folder's release.
func altqRulesets(t *testing.T, dir string) []altqRuleset {
	t.Helper()
	loadable, err := corpus.Loadable(dir)
	if err != nil {
		t.Error(err)
	}
	var out []altqRuleset
	for _, r := range loadable {
		src, err := os.ReadFile(r.Path)
		if err != nil || !altqLine.Match(src) {
			continue
		}
		from := target.MustParse(r.Folder.Target)
		f, _ := grammar.Parse(r.Path, src, grammar.Options{Target: from})
		if len(f.Errors) > 0 {
			continue
		}
		m, errs := model.Build(f)
		if len(append(errs, m.Check(from)...)) > 0 {
			continue
		}
		out = append(out, altqRuleset{rel: r.Rel, path: r.Path, from: from, f: f, m: m})
	}
	return out
}
