package printer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// TestLoadAnchorHostile: `load anchor` files that load themselves, that
// fan out, or that lie outside the include root end in an error, not a
// hang, an exhausted memory or a file read elsewhere.
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
		}, "more than 4096 files loaded"},
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
			f, _ := grammar.ParseFile(main, grammar.Options{Target: tg, IncludeRoot: dir})
			var out strings.Builder
			done := make(chan error, 1)
			go func() { done <- Print(&out, f, Options{Target: tg, IncludeRoot: dir}) }()
			var err error
			select {
			case err = <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("no result after 60 s: the printer hangs")
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("want an error %q, got %v", tc.want, err)
			}
			if strings.Contains(out.String(), "hunter2") {
				t.Errorf("a file outside the root was printed:\n%s", out.String())
			}
		})
	}
}
