package lsp

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/fingerprint"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/lint"
)

var updateFingerprints = flag.Bool("update", false, "rewrite testdata/actions.fingerprint")

// TestCodeActionsIgnoreMessageText proves that no code action depends on
// a message's words: .ci/run runs it again with -tags pfshape_reword,
// which rewords every message, and the fingerprints of the diagnostics
// and the actions (codes, ranges, related places, kinds and edits; no titles, no
// messages) must stay those of testdata/actions.fingerprint (-update
// rewrites it).
func TestCodeActionsIgnoreMessageText(t *testing.T) {
	dir := corpus.Dir(t)
	type input struct {
		name string
		text []byte
		tg   target.Target
	}
	var in []input
	for _, r := range lint.All() {
		in = append(in, input{r.ID + "-bad.conf", []byte(r.Bad), r.ExampleTarget()})
	}
	examples, _ := filepath.Glob("../../testdata/examples/*.conf")
	for _, p := range examples {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range []string{"openbsd-5.4", "openbsd"} {
			in = append(in, input{"examples/" + filepath.Base(p), b, target.MustParse(tg)})
		}
	}
	rs, err := corpus.Failing(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		b, err := os.ReadFile(r.Path)
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, input{r.Rel, b, target.MustParse(r.Folder.Target)})
	}
	clients := map[target.Target]*client{}
	var out []string
	for i, f := range in {
		c := clients[f.tg]
		if c == nil {
			c = newClient(t, Settings{Target: f.tg, UpgradeTarget: target.Default}, nil)
			clients[f.tg] = c
		}
		name := fmt.Sprintf("f%d/%s", i, filepath.Base(f.name))
		uri := c.open(name, string(f.text))
		whole := protocol.Range{End: protocol.Position{Line: uint32(strings.Count(string(f.text), "\n") + 1)}}
		var lines []string
		for _, d := range c.diagnostics(uri) {
			l := fmt.Sprintf("diagnostic %v %s", d.Code, rangeKey(d.Range))
			for _, r := range d.RelatedInformation {
				l += fmt.Sprintf(" related=%s:%s", strings.TrimPrefix(string(r.Location.URI), string(pathURI(c.dir))), rangeKey(r.Location.Range))
			}
			lines = append(lines, l)
		}
		for _, a := range codeActions(t, c, uri, whole) {
			lines = append(lines, actionKey(a, c.dir))
		}
		sort.Strings(lines)
		out = append(out, fmt.Sprintf("== %s %s", f.name, f.tg))
		out = append(out, lines...)
	}
	fingerprint.Check(t, filepath.Join("testdata", "actions.fingerprint"), out, *updateFingerprints, "code actions")
}

func rangeKey(r protocol.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
}

// actionKey is an action without its title: kind, whether preferred or
// disabled, the diagnostics it fixes, and its edits.
func actionKey(a testCodeAction, dir string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "action %s preferred=%v disabled=%v", *a.Kind, a.IsPreferred != nil && *a.IsPreferred, a.Disabled != nil)
	for _, d := range a.Diagnostics {
		fmt.Fprintf(&b, " fixes=%v@%s", d.Code, rangeKey(d.Range))
	}
	if a.Edit != nil {
		uris := make([]string, 0, len(a.Edit.Changes))
		for u := range a.Edit.Changes {
			uris = append(uris, string(u))
		}
		sort.Strings(uris)
		for _, u := range uris {
			file := strings.TrimPrefix(u, string(pathURI(dir)))
			for _, e := range a.Edit.Changes[protocol.DocumentUri(u)] {
				fmt.Fprintf(&b, " edit=%s:%s:%q", file, rangeKey(e.Range), e.NewText)
			}
		}
	}
	return b.String()
}
