package translate_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/translate"
)

// The goldens of the queue translation live in testdata/queues/, apart
// from the prio goldens (whose test reads testdata/*.conf). Each input
// names its release (`# from: R`), the translation (`# to: queues|both`)
// and, optionally, interface speeds (`# ifspeed: em0=100M em1=1G`).
var (
	toLine      = regexp.MustCompile(`(?m)^# to: (\S+)$`)
	ifspeedLine = regexp.MustCompile(`(?m)^# ifspeed: (.+)$`)
)

// queueOptions reads the `# to:` and `# ifspeed:` lines of an input.
func queueOptions(t *testing.T, src []byte) translate.Options {
	t.Helper()
	opts := translate.Options{Target: latest}
	m := toLine.FindSubmatch(src)
	if m == nil {
		t.Fatal("the input names no translation in a `# to:` line")
	}
	mode, err := translate.ParseMode(string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	opts.To = mode
	if m := ifspeedLine.FindSubmatch(src); m != nil {
		opts.IfSpeed = map[string]uint64{}
		for _, f := range strings.Fields(string(m[1])) {
			name, bits, err := translate.ParseIfSpeed(f)
			if err != nil {
				t.Fatal(err)
			}
			opts.IfSpeed[name] = bits
		}
	}
	return opts
}

func TestQueuesGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/queues/*.conf")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs in testdata/queues")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, _ := os.ReadFile(in)
			opts := queueOptions(t, src)
			f, mod, res, out := runGolden(t, in, opts)
			if res.LeftBehind() {
				return
			}
			if msgs := checkQueuesOutput(f, mod, res, out, opts); len(msgs) > 0 {
				t.Errorf("%s", strings.Join(msgs, "\n"))
			}
		})
	}
}

func outputs(t *testing.T, res *translate.Result) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, src := range res.Sources {
		b, err := res.Output(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b
	}
	return out
}

// checkQueuesOutput returns what is wrong with a queue translation that
// left nothing behind: it must load on the target, hold no ALTQ and no
// percentage, give the children of every parent the bandwidth they shared
// in ALTQ, and translating it again must change nothing.
func checkQueuesOutput(f *grammar.File, m *model.Model, res *translate.Result, out map[string][]byte, opts translate.Options) []string {
	var msgs []string
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
	nf, _ := grammar.Parse(f.Source.Name, main, grammar.Options{Target: opts.Target, ReadFile: read})
	nm, merrs := model.Build(nf)
	if errs := append(append(nf.Errors, merrs...), nm.Check(opts.Target)...); len(errs) > 0 {
		msgs = append(msgs, fmt.Sprintf("the translation does not load on %s:\n%v", opts.Target, errs))
	}
	if len(nm.Interfaces) > 0 || len(nm.QueueDefs) > 0 {
		msgs = append(msgs, "ALTQ definitions left in the output")
	}
	for name, b := range out {
		for _, line := range bytes.Split(b, []byte("\n")) {
			if l := bytes.TrimSpace(line); bytes.HasPrefix(l, []byte("queue ")) && bytes.Contains(l, []byte("%")) {
				msgs = append(msgs, fmt.Sprintf("%s: a percentage in %q", filepath.Base(name), l))
			}
		}
	}
	if len(opts.IfSpeed) > 0 {
		m, _ = m.WithInterfaceSpeeds(opts.IfSpeed)
	}
	msgs = append(msgs, sharesKept(m, nm)...)
	again := translate.Translate(nf, nm, opts)
	for name, edits := range again.Edits {
		if len(edits) > 0 {
			msgs = append(msgs, fmt.Sprintf("translating again changes %s: %v", filepath.Base(name), edits))
		}
	}
	return msgs
}

// weight is the share of its parent an ALTQ queue has: its link-share
// rate (HFSC, FAIRQ with a curve), else its bandwidth.
func weight(q *model.Queue) uint64 {
	if q.Linkshare != nil && (q.Linkshare.M2.Bits > 0 || q.Linkshare.M1.Bits > 0) {
		return q.Linkshare.M2.Bits
	}
	return q.Rate.Bits
}

// sharesKept compares every translated ALTQ tree with its new tree: the
// root has the interface's bandwidth, every queue the same children, and
// their bandwidths add up to what they added up to in ALTQ.
func sharesKept(old, nm *model.Model) []string {
	var msgs []string
	roots := map[string]*model.NewQueueNode{}
	for _, r := range nm.QueueTrees {
		roots[r.Interface] = r
	}
	for _, iface := range old.Interfaces {
		if iface.Root == nil {
			continue // PRIQ became set prio
		}
		root := roots[iface.Name]
		if root == nil {
			msgs = append(msgs, fmt.Sprintf("%s: no root queue in the output", iface.Name))
			continue
		}
		if bw := root.Def.Bandwidth; bw == nil || bw.M2.Bits != iface.Rate.Bits {
			msgs = append(msgs, fmt.Sprintf("%s: the root queue does not have the interface's bandwidth %d", iface.Name, iface.Rate.Bits))
		}
		var walk func(q *model.Queue, n *model.NewQueueNode)
		walk = func(q *model.Queue, n *model.NewQueueNode) {
			var oldNames, newNames []string
			var oldSum, newSum uint64
			byName := map[string]*model.NewQueueNode{}
			for _, c := range q.Children {
				oldNames = append(oldNames, c.Name)
				oldSum += weight(c)
			}
			for _, c := range n.Children {
				newNames = append(newNames, c.Def.Name)
				byName[c.Def.Name] = c
				if c.Def.Bandwidth != nil {
					newSum += c.Def.Bandwidth.M2.Bits
				}
			}
			sort.Strings(oldNames)
			sort.Strings(newNames)
			if strings.Join(oldNames, " ") != strings.Join(newNames, " ") {
				msgs = append(msgs, fmt.Sprintf("%s: %s has children %v, was %v", iface.Name, q.Name, newNames, oldNames))
				return
			}
			if oldSum != newSum {
				msgs = append(msgs, fmt.Sprintf("%s: the children of %s add up to %d bit/s, were %d", iface.Name, q.Name, newSum, oldSum))
			}
			for _, c := range q.Children {
				walk(c, byName[c.Name])
			}
		}
		walk(iface.Root, root)
	}
	return msgs
}
