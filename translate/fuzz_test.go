package translate_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

// FuzzTranslate: on any ruleset that loads on OpenBSD 5.4, the translation
// never panics, its edits apply, its output still parses (for 5.4, where
// both the old and the new spelling exist), and translating the output
// again changes nothing.
func FuzzTranslate(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.conf")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	from := target.MustParse("openbsd-5.4")
	noIncludes := func(string) ([]byte, error) { return nil, os.ErrNotExist }
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := grammar.Parse("fuzz.conf", src, grammar.Options{Target: from, ReadFile: noIncludes})
		if len(file.Errors) > 0 {
			return
		}
		m, errs := model.Build(file)
		if len(append(errs, m.Check(from)...)) > 0 {
			return
		}
		res := translate.Translate(file, m, translate.Options{Target: latest})
		out, err := res.Output(file.Source)
		if err != nil {
			t.Fatalf("edits do not apply: %v", err)
		}
		again, _ := grammar.Parse("fuzz.conf", out, grammar.Options{Target: from, ReadFile: noIncludes})
		if len(again.Errors) > 0 {
			t.Fatalf("the output does not parse: %v\n--- input\n%s\n--- output\n%s", again.Errors, src, out)
		}
		m2, _ := model.Build(again)
		res2 := translate.Translate(again, m2, translate.Options{Target: latest})
		if len(res2.Edits[again.Source.Name]) > 0 {
			t.Fatalf("translating the output again changes it\n--- output\n%s", out)
		}
	})
}
