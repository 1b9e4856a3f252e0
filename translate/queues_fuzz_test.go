package translate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

// FuzzTranslateQueues: on any ruleset that loads on OpenBSD 5.4, the
// queue translation (--to both, which does everything --to queues does)
// never panics and its edits apply; when it leaves nothing behind, the
// output loads on OpenBSD 7.8 and translating it again changes nothing.
func FuzzTranslateQueues(f *testing.F) {
	for _, glob := range []string{"testdata/queues/*.conf", "testdata/*.conf"} {
		seeds, _ := filepath.Glob(glob)
		for _, s := range seeds {
			if b, err := os.ReadFile(s); err == nil {
				f.Add(b)
			}
		}
	}
	from := target.MustParse("openbsd-5.4")
	noIncludes := func(string) ([]byte, error) { return nil, os.ErrNotExist }
	opts := translate.Options{Target: latest, To: translate.ToBoth, IfSpeed: map[string]uint64{"em0": 100_000_000}}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := grammar.Parse("fuzz.conf", src, grammar.Options{Target: from, ReadFile: noIncludes})
		if len(file.Errors) > 0 {
			return
		}
		m, _ := model.Build(file)
		if len(m.Check(from)) > 0 {
			return
		}
		res := translate.Translate(file, m, opts)
		out, err := res.Output(file.Source)
		if err != nil {
			t.Fatalf("edits do not apply: %v", err)
		}
		if res.LeftBehind() {
			return
		}
		again, _ := grammar.Parse("fuzz.conf", out, grammar.Options{Target: latest, ReadFile: noIncludes})
		m2, _ := model.Build(again)
		errs := loadErrors(again, m2)
		if eraOnly(errs, out, src, latest) {
			// A statement the translation does not touch does not load
			// on the new release (A=id: `id` became a keyword; `pass os
			// A`: os only applies to tcp): the CLI reports it (exit 3);
			// it is not the translation's doing.
			return
		}
		if len(errs) > 0 {
			t.Fatalf("the output does not load on %s: %v\n--- input\n%s\n--- output\n%s", latest, errs, src, out)
		}
		res2 := translate.Translate(again, m2, opts)
		if len(res2.Edits[again.Source.Name]) > 0 {
			t.Fatalf("translating the output again changes it\n--- output\n%s", out)
		}
	})
}

// loadErrors are a parsed file's syntax errors and the errors pfctl
// reports loading it (Check holds Build's).
func loadErrors(f *grammar.File, m *model.Model) grammar.ErrorList {
	return append(append(grammar.ErrorList(nil), f.Errors...), m.Check(f.Target)...)
}

// eraOnly reports whether every error of the output is the era's: on a
// line that stands unchanged in the input and fails there too when the
// input is read for the new release, or, on a line the translation
// changed (its queue became a priority), one of the checks of pfctl's
// rules that older releases did not make and that look at nothing the
// translation writes (`pass os A queue q` → `pass os A set prio 3`: os
// only applies to tcp, since OpenBSD's rule_consistent; the input read
// for the new release stops at its undefined queue before that check).
func eraOnly(errs grammar.ErrorList, out, in []byte, tg target.Target) bool {
	if len(errs) == 0 {
		return false
	}
	inFile, _ := grammar.Parse("fuzz.conf", in, grammar.Options{Target: tg, ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
	inModel, _ := model.Build(inFile)
	inLines, outLines := strings.Split(string(in), "\n"), strings.Split(string(out), "\n")
	failing := map[string]bool{}
	for _, e := range loadErrors(inFile, inModel) {
		if e.Pos.Line >= 1 && e.Pos.Line <= len(inLines) {
			failing[inLines[e.Pos.Line-1]] = true
		}
	}
	for _, e := range errs {
		unchanged := e.Pos.Line >= 1 && e.Pos.Line <= len(outLines) && failing[outLines[e.Pos.Line-1]]
		if !unchanged && !ruleEraChecks[e.Code] {
			return false
		}
	}
	return true
}

// ruleEraChecks are the checks of a rule's protocols that OpenBSD's
// pfctl makes and the ALTQ releases' did not: they look at os, user and
// group, which a translation leaves as they are.
var ruleEraChecks = map[grammar.Code]bool{
	model.OSNotTCP:       true,
	model.UserNotTCPUDP:  true,
	model.GroupNotTCPUDP: true,
}
