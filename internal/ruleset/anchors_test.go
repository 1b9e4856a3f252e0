package ruleset_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pfshape/pfshape/internal/printer"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

// TestLoadAnchorHostile: `load anchor` files that load themselves, that
// fan out, or that lie outside the include root end in an error, not a
// hang, an exhausted memory or a file read elsewhere; and what the loader
// leaves prints without one.
func TestLoadAnchorHostile(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.conf")
	os.WriteFile(outside, []byte("pass in on em9 label hunter2\n"), 0o644)
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"itself", map[string]string{"pf.conf": "anchor x\nload anchor x from \"pf.conf\"\n"}, "the file is being loaded already (a cycle)"},
		{"a cycle of two", map[string]string{
			"pf.conf": "anchor x\nload anchor x from \"a.conf\"\n",
			"a.conf":  "anchor y\nload anchor y from \"pf.conf\"\n",
		}, "cannot load anchor y from pf.conf: the file is being loaded already (a cycle)"},
		{"fan-out 300 by 300", map[string]string{
			"pf.conf": "anchor x\n" + strings.Repeat("load anchor x from \"b.conf\"\n", 300),
			"b.conf":  "anchor y\n" + strings.Repeat("load anchor y from \"c.conf\"\n", 300),
			"c.conf":  "pass\n",
		}, "more than 4096 files loaded, or more than 67108864 bytes, in this ruleset"},
		{"outside the root", map[string]string{"pf.conf": "anchor x\nload anchor x from \"" + outside + "\"\n"}, "outside the include root"},
	}
	tg := target.MustParse("openbsd")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for n, text := range tc.files {
				os.WriteFile(filepath.Join(dir, n), []byte(text), 0o644)
			}
			main := filepath.Join(dir, "pf.conf")
			done := make(chan *ruleset.Ruleset, 1)
			go func() {
				rs, _ := ruleset.Load(main, nil, ruleset.Options{Target: tg, Roots: []string{dir}})
				done <- rs
			}()
			var rs *ruleset.Ruleset
			select {
			case rs = <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("no result after 60 s: the loader hangs")
			}
			errs := rs.Errors()
			if len(errs) == 0 || !strings.Contains(errs.Err().Error(), tc.want) {
				t.Errorf("want an error %q, got %v", tc.want, errs)
			}
			for _, a := range rs.Anchors {
				if a.File != nil && strings.Contains(string(a.File.Source.Bytes), "hunter2") {
					t.Errorf("a file outside the root was read: %s", a.File.Source.Name)
				}
			}
			var out strings.Builder
			if err := printer.Print(&out, rs, printer.Options{}); strings.Contains(out.String(), "hunter2") {
				t.Errorf("a file outside the root was printed (%v):\n%s", err, out.String())
			}
		})
	}
}
