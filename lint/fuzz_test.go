package lint_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/lint"
)

// FuzzLint: linting never panics, whatever the input and target, every
// finding lies inside its file, and every fix applies to the bytes it was
// made for.
func FuzzLint(f *testing.F) {
	for _, glob := range []string{"../testdata/examples/*.conf", "../translate/testdata/*.conf"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b, uint8(0))
			}
		}
	}
	for _, r := range lint.All() {
		f.Add([]byte(r.Bad), uint8(1))
		f.Add([]byte(r.Good), uint8(2))
	}
	targets := []target.Target{target.Default, target.MustParse("openbsd-5.4"), target.MustParse("openbsd-5.5"),
		target.MustParse("openbsd-5.1"), target.MustParse("freebsd-12.1"), target.MustParse("freebsd")}
	noIncludes := func(string) ([]byte, error) { return nil, os.ErrNotExist }
	f.Fuzz(func(t *testing.T, src []byte, which uint8) {
		tg := targets[int(which)%len(targets)]
		done := make(chan *lint.Result, 1)
		go func() { done <- lint.Lint("fuzz.conf", src, lint.Config{Target: tg, ReadFile: noIncludes}) }()
		var res *lint.Result
		select {
		case res = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("lint hangs on %s for %q", tg, src)
		}
		for _, d := range res.Diagnostics {
			if d.Range.Start.Offset < 0 || d.Range.Start.Offset > len(src) {
				t.Fatalf("finding outside the file: %+v", d)
			}
			for _, fx := range d.Fixes {
				for _, fe := range fx.Edits {
					s := res.Sources[fe.Range.File()]
					if s == nil {
						t.Fatalf("fix for an unknown file %q", fe.Range.File())
					}
					if _, err := edit.Apply(s.Bytes, []edit.Edit{fe.Edit}); err != nil {
						t.Fatalf("fix does not apply: %v", err)
					}
				}
			}
		}
	})
}
