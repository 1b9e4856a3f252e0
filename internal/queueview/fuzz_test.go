package queueview

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

// FuzzRender draws any ruleset that loads, as ALTQ (OpenBSD 5.4) or with
// OpenBSD's queues (the latest), plain and with each --to, in every
// format: no panic, JSON that reads back, well-formed SVG, one dot graph,
// and text without a control character but the newline. Seeded from the
// test rulesets, the examples and the corpus's ALTQ and queue files.
func FuzzRender(f *testing.F) {
	var seeds []string
	for _, glob := range []string{"testdata/*.conf", "../../testdata/examples/*.conf"} {
		paths, _ := filepath.Glob(glob)
		seeds = append(seeds, paths...)
	}
	if dir, err := corpus.Find(); err == nil {
		if rs, err := corpus.Loadable(dir); err == nil {
			for _, r := range rs {
				if src, err := os.ReadFile(r.Path); err == nil && (bytes.Contains(src, []byte("altq on")) || bytes.Contains(src, []byte("parent"))) {
					seeds = append(seeds, r.Path)
				}
			}
		}
	}
	for i, p := range seeds {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, uint8(i))
	}
	f.Add([]byte("altq on em0 priq bandwidth 1Mb queue { \"a\x1b]0;x\x07\" b }\nqueue \"a\x1b]0;x\x07\" priority 2 priq(default)\nqueue b priority 1\npass out queue \"a\x1b]0;x\x07\"\n"), uint8(0))
	f.Add([]byte("queue \"<r&\\\"\" on \"e\\\"m0\" bandwidth 10M\nqueue \"q\xff\" parent \"<r&\\\"\" bandwidth 5M default\n"), uint8(1))
	modes := []translate.Mode{"", translate.ToPrio, translate.ToQueues, translate.ToBoth}
	releases := []target.Target{target.MustParse("openbsd-5.4"), target.Default}
	f.Fuzz(func(t *testing.T, src []byte, sel uint8) {
		rel := releases[int(sel)%len(releases)]
		mode := modes[int(sel/2)%len(modes)]
		rs := ruleset.LoadBytes("fuzz.conf", src, ruleset.Options{Target: rel, ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
		if len(rs.File.Errors) > 0 {
			return
		}
		v, errs := Load(rs, Options{Target: target.Default, To: mode, IfSpeed: map[string]uint64{"em0": 100e6}, NoLint: sel%3 == 0})
		if len(errs) > 0 {
			return
		}
		var b bytes.Buffer
		if err := Text(&b, v, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, c := range b.Bytes() {
			if c < 0x20 && c != '\n' || c == 0x7f {
				t.Fatalf("text holds control character %#x:\n%q", c, b.String())
			}
		}
		b.Reset()
		if err := JSON(&b, v); err != nil {
			t.Fatal(err)
		}
		var back View
		if err := json.Unmarshal(b.Bytes(), &back); err != nil {
			t.Fatalf("json does not read back: %v\n%s", err, b.String())
		}
		b.Reset()
		if err := SVG(&b, v); err != nil {
			t.Fatal(err)
		}
		if err := wellFormedXML(b.Bytes()); err != nil {
			t.Fatalf("svg: %v\n%s", err, b.String())
		}
		b.Reset()
		if err := Dot(&b, v); err != nil {
			t.Fatal(err)
		}
		checkWellFormed(t, "dot", b.Bytes())
	})
}
