package shapediff

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var fromLine = regexp.MustCompile(`(?m)^# from: (\S+)$`)

func buildFile(t *testing.T, path string) *model.Model {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := fromLine.FindSubmatch(src)
	if m == nil {
		t.Fatalf("%s names no release in a `# from:` line", path)
	}
	f, err := grammar.Parse(filepath.Base(path), src, grammar.Options{Target: target.MustParse(string(m[1]))})
	if err != nil {
		t.Fatal(err)
	}
	mod, errs := model.Build(f)
	if errs = append(errs, mod.Check(f.Target)...); len(errs) > 0 {
		t.Fatal(errs)
	}
	return mod
}

// TestGolden compares the changes between testdata/NAME.old.conf and
// testdata/NAME.new.conf with testdata/NAME.golden (-update rewrites it;
// review the diff).
func TestGolden(t *testing.T) {
	olds, _ := filepath.Glob("testdata/*.old.conf")
	if len(olds) == 0 {
		t.Fatal("no golden pairs")
	}
	for _, old := range olds {
		name := strings.TrimSuffix(old, ".old.conf")
		t.Run(filepath.Base(name), func(t *testing.T) {
			var lines []string
			for _, c := range Diff(buildFile(t, old), buildFile(t, name+".new.conf")) {
				lines = append(lines, c.String())
			}
			got := strings.Join(lines, "\n") + "\n"
			if *update {
				if err := os.WriteFile(name+".golden", []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(name + ".golden")
			if err != nil {
				t.Fatalf("%v (run go test ./internal/shapediff -update and review the result)", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
