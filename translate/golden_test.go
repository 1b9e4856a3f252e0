package translate_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var fromLine = regexp.MustCompile(`(?m)^# from: (\S+)$`)

var latest = target.MustParse("openbsd-7.8")

// report renders what a translation did as the golden file holds it: each
// changed file, then the mappings and notes.
func report(f *grammar.File, res *translate.Result, out map[string][]byte) string {
	var b strings.Builder
	names := []string{f.Source.Name}
	for name := range out {
		if name != f.Source.Name {
			names = append(names, name)
		}
	}
	sort.Strings(names[1:])
	for _, name := range names {
		fmt.Fprintf(&b, "==> %s <==\n", filepath.Base(name))
		if o, ok := out[name]; ok {
			b.Write(o)
		} else {
			b.WriteString("(unchanged)\n")
		}
	}
	b.WriteString("==> stderr <==\n")
	for _, m := range res.Mappings {
		fmt.Fprintln(&b, m)
	}
	for _, n := range res.Notes {
		left := ""
		if n.Left {
			left = " [left in place]"
		}
		fmt.Fprintf(&b, "%s:%d:%d: note: %s%s\n", filepath.Base(n.Pos.File), n.Pos.Line, n.Pos.Column, n.Msg, left)
	}
	return b.String()
}

// runGolden translates one golden input, whose `# from:` line names its
// release, with opts, and compares the report with NAME.golden (-update
// rewrites it, to be reviewed as a diff). It returns what it made, for the
// checks every translation must pass.
func runGolden(t *testing.T, in string, opts translate.Options) (*grammar.File, *model.Model, *translate.Result, map[string][]byte) {
	t.Helper()
	src, _ := os.ReadFile(in)
	fm := fromLine.FindSubmatch(src)
	if fm == nil {
		t.Fatal("the input names no release in a `# from:` line")
	}
	from := target.MustParse(string(fm[1]))
	f, err := grammar.ParseFile(in, grammar.Options{Target: from})
	if err != nil {
		t.Fatalf("%s does not parse as %s: %v", in, from, err)
	}
	m, errs := model.Build(f)
	if errs = append(errs, m.Check(from)...); len(errs) > 0 {
		t.Fatalf("%s does not load on %s: %v", in, from, errs)
	}
	res := translate.Translate(f, m, opts)
	out := outputs(t, res)
	got := report(f, res, out)
	golden := strings.TrimSuffix(in, ".conf") + ".golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./translate -update and review the result)", err)
	}
	if got != string(want) {
		t.Errorf("translation differs from %s:\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
	return f, m, res, out
}

func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/*.conf")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			f, _, res, out := runGolden(t, in, translate.Options{Target: latest})
			checkOutput(t, f, res, out)
		})
	}
}

// checkOutput asserts what every translation must hold: the result loads
// on the latest OpenBSD unless something was left behind, holds no queue
// definitions, and translating it again changes nothing.
func checkOutput(t *testing.T, f *grammar.File, res *translate.Result, out map[string][]byte) {
	t.Helper()
	main, ok := out[f.Source.Name]
	if !ok {
		main = f.Source.Bytes
	}
	read := func(p string) ([]byte, error) {
		if b, ok := out[p]; ok {
			return b, nil
		}
		return os.ReadFile(p)
	}
	nf, _ := grammar.Parse(f.Source.Name, main, grammar.Options{Target: latest, ReadFile: read})
	nm, merrs := model.Build(nf)
	errs := append(append(nf.Errors, merrs...), nm.Check(latest)...)
	if !res.LeftBehind() && len(errs) > 0 {
		t.Errorf("the translation does not load on %s:\n%v", latest, errs)
	}
	if res.LeftBehind() {
		return
	}
	if len(nm.Interfaces) > 0 || len(nm.QueueDefs) > 0 {
		t.Errorf("queue definitions left in the output")
	}
	again := translate.Translate(nf, nm, translate.Options{Target: latest})
	for name, edits := range again.Edits {
		if len(edits) > 0 {
			t.Errorf("translating again changes %s: %v", name, edits)
		}
	}
	for name, b := range out {
		if bytes.Contains(b, []byte("\n\n\n")) && !bytes.Contains(read0(name), []byte("\n\n\n")) {
			t.Errorf("%s: the translation leaves a double blank line", name)
		}
	}
}

func read0(p string) []byte {
	b, _ := os.ReadFile(p)
	return b
}
