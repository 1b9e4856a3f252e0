package queueview

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestQueuesDotGraphviz feeds every dot output to Graphviz's dot, which
// must accept it without a word on standard error, and reads the queue
// names back from the SVG dot draws.
func TestQueuesDotGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz's dot is not installed (apt-get install graphviz; .ci/run installs it): the dot output is not checked by Graphviz")
	}
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			v := load(t, filepath.Join("testdata", c.file), c.from, Options{To: c.to, IfSpeed: c.ifspeed})
			in := render(t, v, "dot")
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, dot, "-Tsvg")
			cmd.Stdin = bytes.NewReader(in)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Fatalf("dot -Tsvg: %v\n%s\ninput:\n%s", err, stderr.String(), in)
			}
			shown := map[string]bool{}
			for _, s := range svgText(t, stdout.Bytes()) {
				shown[strings.TrimSuffix(s, " (default)")] = true
			}
			for _, name := range v.Names() {
				if !shown[Escape(name)] {
					t.Errorf("queue %s is not in the graph Graphviz drew", name)
				}
			}
		})
	}
}

// chromium finds a Chromium to render SVG with, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("Chromium is not installed (apt-get install chromium; .ci/run installs it): the SVG is not rendered by a browser")
	return ""
}

// runChromium runs headless Chromium with a fresh profile.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	profile := t.TempDir()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + profile}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

// placedText is a <text> of the SVG as Chromium lays it out.
type placedText struct {
	Text   string  `json:"text"`
	Width  float64 `json:"width"`
	Inside bool    `json:"inside"`
}

// The page that measures the SVG in the browser: for every line of every
// box, its rendered width and whether it stays inside its box.
const measurePage = `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">%s<script>
const out = [];
for (const g of document.querySelectorAll('svg g')) {
  const r = g.querySelector('rect').getBoundingClientRect();
  for (const t of g.querySelectorAll('text')) {
    const b = t.getBoundingClientRect();
    out.push({text: t.textContent, width: b.width,
      inside: b.width > 0 && b.left >= r.left - 0.5 && b.right <= r.right + 0.5 && b.top >= r.top - 0.5 && b.bottom <= r.bottom + 0.5});
  }
}
const pre = document.createElement('pre');
pre.id = 'measured';
pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script></body></html>`

var measuredRe = regexp.MustCompile(`(?s)<pre id="measured">(.*?)</pre>`)

// TestQueuesSVGChromium renders the SVG in headless Chromium: every queue
// name is drawn, with some width, and every line of text stays inside its
// box (pfshape sizes the boxes itself); a screenshot of the picture has
// its size and is not blank.
func TestQueuesSVGChromium(t *testing.T) {
	bin := chromium(t)
	for _, name := range []string{"cbq-nested", "hfsc-curves", "multi", "newqueues", "cbq-to-queues", "names"} {
		var c goldenCase
		for _, g := range goldenCases {
			if g.name == name {
				c = g
			}
		}
		t.Run(name, func(t *testing.T) {
			v := load(t, filepath.Join("testdata", c.file), c.from, Options{To: c.to, IfSpeed: c.ifspeed})
			svg := render(t, v, "svg")
			dir := t.TempDir()
			inline := svg[bytes.Index(svg, []byte("<svg")):]
			page := filepath.Join(dir, "measure.html")
			if err := os.WriteFile(page, []byte(fmt.Sprintf(measurePage, inline)), 0o644); err != nil {
				t.Fatal(err)
			}
			dom := runChromium(t, bin, "--dump-dom", "file://"+page)
			m := measuredRe.FindSubmatch(dom)
			if m == nil {
				t.Fatalf("the measuring page wrote nothing:\n%s", dom)
			}
			var placed []placedText
			if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &placed); err != nil {
				t.Fatal(err)
			}
			drawn := map[string]bool{}
			for _, p := range placed {
				if !p.Inside {
					t.Errorf("%q overflows its box (width %.1f)", p.Text, p.Width)
				}
				if p.Width > 0 {
					drawn[strings.TrimSuffix(p.Text, " (default)")] = true
				}
			}
			for _, n := range v.Names() {
				if !drawn[Escape(n)] {
					t.Errorf("queue %s is not drawn", n)
				}
			}

			file := filepath.Join(dir, "queues.svg")
			if err := os.WriteFile(file, svg, 0o644); err != nil {
				t.Fatal(err)
			}
			w, h := svgSize(t, svg)
			shot := filepath.Join(dir, "shot.png")
			runChromium(t, bin, "--hide-scrollbars", fmt.Sprintf("--window-size=%d,%d", w, h), "--screenshot="+shot, "file://"+file)
			checkScreenshot(t, shot, w, h)
		})
	}
}

var sizeRe = regexp.MustCompile(`<svg [^>]*width="(\d+)" height="(\d+)"`)

func svgSize(t *testing.T, svg []byte) (int, int) {
	t.Helper()
	m := sizeRe.FindSubmatch(svg)
	if m == nil {
		t.Fatal("the SVG has no width and height")
	}
	var w, h int
	fmt.Sscan(string(m[1]), &w)
	fmt.Sscan(string(m[2]), &h)
	return w, h
}

// checkScreenshot: the picture fills the window, and between 3% and 60%
// of it is drawn (boxes, lines, text), spread over most of its width and
// height.
func checkScreenshot(t *testing.T, path string, w, h int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != w || b.Dy() != h {
		t.Errorf("screenshot is %dx%d, want the SVG's %dx%d", b.Dx(), b.Dy(), w, h)
	}
	inked, minX, minY, maxX, maxY := 0, b.Max.X, b.Max.Y, b.Min.X, b.Min.Y
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
				minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
			}
		}
	}
	frac := float64(inked) / float64(b.Dx()*b.Dy())
	if frac < 0.03 || frac > 0.6 {
		t.Errorf("%.1f%% of the screenshot is drawn: want 3–60%% (blank, or a blot)", 100*frac)
	}
	if inked > 0 && (float64(maxX-minX) < 0.8*float64(w-40) || float64(maxY-minY) < 0.8*float64(h-40)) {
		t.Errorf("the drawing spans %dx%d of %dx%d: not laid out over the picture", maxX-minX, maxY-minY, w, h)
	}
}
