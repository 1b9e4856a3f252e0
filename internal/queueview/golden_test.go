package queueview

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
	"github.com/pfshape/pfshape/translate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenCase is one ruleset drawn with one set of options, in the formats
// listed (text always).
type goldenCase struct {
	name, file, from string
	to               translate.Mode
	ifspeed          map[string]uint64
	formats          []string
}

var goldenCases = []goldenCase{
	{name: "priq", file: "priq.conf", from: "openbsd-5.4", formats: []string{"json", "dot", "svg"}},
	{name: "cbq-nested", file: "cbq-nested.conf", from: "openbsd-5.4", formats: []string{"json", "dot", "svg"}},
	{name: "hfsc-curves", file: "hfsc-curves.conf", from: "openbsd-5.4", formats: []string{"json", "dot", "svg"}},
	{name: "hfsc-curves-freebsd", file: "hfsc-curves.conf", from: "freebsd"},
	{name: "multi", file: "multi.conf", from: "openbsd-5.4", formats: []string{"dot", "svg"}},
	{name: "multi-ifspeed", file: "multi.conf", from: "openbsd-5.4", ifspeed: map[string]uint64{"em1": 1e9, "em2": 1e9, "em3": 40e6}},
	{name: "newqueues", file: "newqueues.conf", from: "openbsd", formats: []string{"json", "dot", "svg"}},
	{name: "names", file: "names.conf", from: "openbsd", formats: []string{"json", "dot", "svg"}},
	{name: "cbq-to-prio", file: "cbq-nested.conf", from: "openbsd-5.4", to: translate.ToPrio, formats: []string{"json", "svg"}},
	{name: "cbq-to-queues", file: "cbq-nested.conf", from: "openbsd-5.4", to: translate.ToQueues, formats: []string{"json", "dot", "svg"}},
	{name: "cbq-to-both", file: "cbq-nested.conf", from: "openbsd-5.4", to: translate.ToBoth},
	{name: "hfsc-to-queues", file: "hfsc-curves.conf", from: "openbsd-5.4", to: translate.ToQueues},
	{name: "hfsc-to-prio", file: "hfsc-curves.conf", from: "openbsd-5.4", to: translate.ToPrio},
	{name: "priq-to-queues", file: "priq.conf", from: "openbsd-5.4", to: translate.ToQueues},
	{name: "multi-to-queues", file: "multi.conf", from: "openbsd-5.4", to: translate.ToQueues},
	{name: "multi-to-queues-ifspeed", file: "multi.conf", from: "openbsd-5.4", to: translate.ToQueues, ifspeed: map[string]uint64{"em3": 40e6}},
	{name: "multi-to-prio", file: "multi.conf", from: "openbsd-5.4", to: translate.ToPrio},
}

// load parses a test file for its release and draws it.
func load(t testing.TB, path, from string, opts Options) *View {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ft := target.MustParse(from)
	rs := ruleset.LoadBytes(path, src, ruleset.Options{Target: ft})
	if len(rs.File.Errors) > 0 {
		t.Fatalf("%s does not parse as %s: %v", path, from, rs.File.Errors)
	}
	if opts.Target == (target.Target{}) {
		opts.Target = target.Default
	}
	v, errs := Load(rs, opts)
	if len(errs) > 0 {
		t.Fatalf("%s does not load: %v", path, errs)
	}
	return v
}

func render(t testing.TB, v *View, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch format {
	case "txt":
		err = Text(&b, v, TextOptions{})
	case "json":
		err = JSON(&b, v)
	case "dot":
		err = Dot(&b, v)
	case "svg":
		err = SVG(&b, v)
	default:
		t.Fatalf("unknown format %s", format)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestQueuesGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			v := load(t, filepath.Join("testdata", c.file), c.from, Options{To: c.to, IfSpeed: c.ifspeed})
			for _, format := range append([]string{"txt"}, c.formats...) {
				got := render(t, v, format)
				checkWellFormed(t, format, got)
				golden := filepath.Join("testdata", "golden", c.name+"."+format)
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/queueview -update to write it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (go test ./internal/queueview -update rewrites it; review the diff):\n%s", format, golden, got)
				}
			}
		})
	}
}

// checkWellFormed checks what every output of a format must be: JSON
// that reads back, XML without errors, a dot graph with balanced braces.
func checkWellFormed(t testing.TB, format string, out []byte) {
	t.Helper()
	switch format {
	case "json":
		var v View
		if err := json.Unmarshal(out, &v); err != nil {
			t.Errorf("json does not read back: %v", err)
		}
	case "svg":
		if err := wellFormedXML(out); err != nil {
			t.Errorf("svg is not well-formed XML: %v", err)
		}
	case "dot":
		if !bytes.HasPrefix(out, []byte("digraph ")) || !bytes.HasSuffix(out, []byte("}\n")) {
			t.Errorf("dot is not one digraph:\n%s", out)
		}
	case "txt":
		if bytes.ContainsRune(out, 0x1b) {
			t.Errorf("text without colour holds an ESC:\n%q", out)
		}
	}
}

func wellFormedXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// svgText is the text an SVG shows, its <text> elements in order.
func svgText(t testing.TB, b []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var out []string
	in := false
	var cur strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == "text" {
				in = true
				cur.Reset()
			}
		case xml.CharData:
			if in {
				cur.Write(x)
			}
		case xml.EndElement:
			if x.Name.Local == "text" {
				in = false
				out = append(out, cur.String())
			}
		}
	}
}

// TestQueuesSVGShowsEveryQueue reads the text of each SVG back: every
// queue name is on the picture, as the first line of its box.
func TestQueuesSVGShowsEveryQueue(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			v := load(t, filepath.Join("testdata", c.file), c.from, Options{To: c.to, IfSpeed: c.ifspeed})
			texts := svgText(t, render(t, v, "svg"))
			shown := map[string]bool{}
			for _, s := range texts {
				shown[strings.TrimSuffix(s, " (default)")] = true
			}
			for _, name := range v.Names() {
				if !shown[Escape(name)] {
					t.Errorf("queue %s is not a line of the SVG: %q", name, texts)
				}
			}
		})
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestQueuesTextColor: with colour, the text is the same once the colour
// codes are taken out (the columns stay aligned), and it has some.
func TestQueuesTextColor(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			v := load(t, filepath.Join("testdata", c.file), c.from, Options{To: c.to, IfSpeed: c.ifspeed})
			var plain, colored bytes.Buffer
			if err := Text(&plain, v, TextOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := Text(&colored, v, TextOptions{Color: true}); err != nil {
				t.Fatal(err)
			}
			if !ansi.Match(colored.Bytes()) {
				t.Error("no colour")
			}
			if got := ansi.ReplaceAll(colored.Bytes(), nil); !bytes.Equal(got, plain.Bytes()) {
				t.Errorf("coloured text differs from plain text once uncoloured:\n%s\nwant:\n%s", got, plain.Bytes())
			}
		})
	}
}
