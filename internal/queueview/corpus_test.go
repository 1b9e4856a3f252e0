package queueview

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

// TestQueuesCorpus draws every ruleset of the corpus that pfctl loads and
// that has ALTQ or OpenBSD's queues, in every format, plain and with each
// --to for the ALTQ ones: no error, JSON that reads back, well-formed SVG
// that shows every queue name, dot that Graphviz accepts (when installed).
func TestQueuesCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	loadable, err := corpus.Loadable(dir)
	if err != nil {
		t.Error(err)
	}
	dot, _ := exec.LookPath("dot")
	var altq, newq, views, queues, dotChecked int
	for _, r := range loadable {
		src, err := os.ReadFile(r.Path)
		if err != nil {
			t.Error(err)
			continue
		}
		from := target.MustParse(r.Folder.Target)
		rs := ruleset.LoadBytes(r.Path, src, ruleset.Options{Target: from})
		if len(rs.File.Errors) > 0 {
			continue // TestCorpus of grammar counts these
		}
		m := rs.Model
		if len(m.Interfaces) == 0 && len(m.QueueTrees) == 0 {
			continue
		}
		modes := []translate.Mode{""}
		if len(m.Interfaces) > 0 {
			altq++
			modes = append(modes, translate.ToPrio, translate.ToQueues, translate.ToBoth)
		} else {
			newq++
		}
		for _, mode := range modes {
			v, errs := Load(rs, Options{Target: target.Default, To: mode})
			if len(errs) > 0 {
				t.Errorf("%s: does not load: %v", r.Rel, errs)
				continue
			}
			views++
			names := v.Names()
			if mode == "" {
				queues += len(names)
			}
			for _, format := range []string{"txt", "json", "dot", "svg"} {
				out := render(t, v, format)
				checkWellFormed(t, format, out)
				if format == "svg" {
					shown := map[string]bool{}
					for _, s := range svgText(t, out) {
						shown[strings.TrimSuffix(s, " (default)")] = true
					}
					for _, n := range names {
						if !shown[Escape(n)] {
							t.Errorf("%s (--to %q): queue %s is not in the SVG", r.Rel, mode, n)
						}
					}
				}
				if format == "dot" && dot != "" && mode == "" {
					ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
					cmd := exec.CommandContext(ctx, dot, "-Tsvg", "-o", os.DevNull)
					cmd.Stdin = bytes.NewReader(out)
					var stderr bytes.Buffer
					cmd.Stderr = &stderr
					if err := cmd.Run(); err != nil || stderr.Len() > 0 {
						t.Errorf("%s: Graphviz refuses the dot output: %v %s", r.Rel, err, stderr.String())
					}
					cancel()
					dotChecked++
				}
			}
		}
	}
	if altq == 0 || newq == 0 {
		t.Fatalf("corpus: %d ALTQ and %d new-queue rulesets: the selection found nothing to draw", altq, newq)
	}
	graphviz := "Graphviz not installed: dot not checked"
	if dot != "" {
		graphviz = "dot accepted by Graphviz for all " + strconv.Itoa(dotChecked)
	}
	t.Logf("corpus: %d ALTQ and %d new-queue rulesets (%d queues) drawn: %d views (plain, and --to prio/queues/both for ALTQ) × 4 formats without error; %s",
		altq, newq, queues, views, graphviz)
}
