package printer

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	loader "github.com/pfshape/pfshape/internal/ruleset"

	"github.com/pfshape/pfshape/internal/corpus"
	"github.com/pfshape/pfshape/internal/target"
)

// corpusFolders are the regression suites whose .ok files are pfctl -nv
// output, with the share of exact matches each must keep.
var corpusFolders = []struct {
	path string
	min  float64
}{
	{"openbsd-regress/regress/sbin/pfctl", 0.90},
	{"openbsd-regress-altq/regress/sbin/pfctl", 0.90},
	{"freebsd-pfctl-tests-12.1/sbin/pfctl/tests/files", 0},
	{"freebsd-pfctl-tests-main-index/sbin/pfctl/tests/files", 0},
}

const (
	reasonVlanAddress = "the address of the test machine's vlanN interface is not known to pfshape (the name is printed)"
)

// knownMismatches lists every corpus file pfshape does not print exactly
// as pfctl did, and why. A mismatch missing here fails the test, and so
// does an entry that now matches: the list stays honest.
var knownMismatches = map[string]string{
	"openbsd-regress/pf113":     "pfctl's optimizer turns a loaded anchor's 10-address list into the table <__automatic_>; pfshape does not optimize",
	"openbsd-regress-altq/pf46": "OpenBSD 5.1 drops the hex source-hash key of a reply-to pool; the cause is not understood",
	"freebsd-12.1/pf0089":       "port 8080: FreeBSD's /etc/services has no name for it in that release (pfshape's table says http-alt)",
	"freebsd-12.1/pf0100":       "FreeBSD 12 prints only the last component of an anchor path (\"/b\" for a/b)",
	"freebsd-12.1/pf0102":       "FreeBSD caps a dynamic address's printed mask at 32 bits for (self)/40",
	"freebsd-main/pf1005":       "the .in and .ok come from different revisions (the .ok has no rdr rule; `(lo0 ?)`)",
	"freebsd-main/pf1026":       "af-to with route-to: the routing pool's family is the translated one; pfshape reports an af mismatch",
	"freebsd-main/pf1027":       "af-to: FreeBSD prints the target family and no pool type",
	"freebsd-main/pf1057":       reasonVlanAddress,
	"freebsd-main/pf1058":       reasonVlanAddress,
	"freebsd-main/pf1061":       reasonVlanAddress,
	"freebsd-main/pf1062":       reasonVlanAddress,
	"freebsd-main/pf1076":       "the .in and .ok come from different revisions: the .in gives the limiter action `(no-match)`, the .ok predates FreeBSD's limiter-action change (8716d8c) and prints none",
	"freebsd-main/pf1079":       "FreeBSD 15 prints both nat-to and rdr-to on one rule; OpenBSD's print_rule, which pfshape follows, prints one",
}

// shortFolder is the key prefix of a folder in knownMismatches.
func shortFolder(path string) string {
	switch {
	case strings.HasPrefix(path, "openbsd-regress-altq"):
		return "openbsd-regress-altq"
	case strings.HasPrefix(path, "openbsd-regress/"):
		return "openbsd-regress"
	case strings.HasPrefix(path, "freebsd-pfctl-tests-12.1"):
		return "freebsd-12.1"
	case strings.HasPrefix(path, "freebsd-pfctl-tests-main"):
		return "freebsd-main"
	}
	return path
}

func folderTarget(t *testing.T, path string) target.Target {
	for _, f := range corpus.Folders {
		if f.Path == path {
			return target.MustParse(f.Target)
		}
	}
	t.Fatalf("folder %s is not in corpus.Folders", path)
	return target.Target{}
}

var okName = regexp.MustCompile(`^pf(altq)?[0-9]+\.ok$`)

// TestCorpusPrint compares print with pfctl -nv output (pfctl -nvv for the
// pfaltqN queue-id tests) for every regression file of the corpus.
func TestCorpusPrint(t *testing.T) {
	dir := corpus.Dir(t)
	seen := map[string]bool{}
	for _, cf := range corpusFolders {
		folder := filepath.Join(dir, cf.path)
		ents, err := os.ReadDir(folder)
		if err != nil {
			t.Logf("%s: %v (skipped)", cf.path, err)
			continue
		}
		tg := folderTarget(t, cf.path)
		var names []string
		for _, e := range ents {
			if okName.MatchString(e.Name()) {
				base := strings.TrimSuffix(e.Name(), ".ok")
				if _, err := os.Stat(filepath.Join(folder, base+".in")); err == nil {
					names = append(names, base)
				}
			}
		}
		sort.Strings(names)
		match := 0
		for _, base := range names {
			key := shortFolder(cf.path) + "/" + base
			seen[key] = true
			in := filepath.Join(folder, base+".in")
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(folder, base+".ok"))
			if err != nil {
				t.Fatal(err)
			}
			rs := loader.LoadBytes(in, src, loader.Options{Target: tg})
			got := String(rs, Options{Verbose2: strings.HasPrefix(base, "pfaltq")})
			reason, known := knownMismatches[key]
			switch {
			case got == string(want) && known:
				t.Errorf("%s now matches pfctl; remove it from knownMismatches (%s)", key, reason)
				match++
			case got == string(want):
				match++
			case !known:
				t.Errorf("%s: print differs from pfctl -nv:\n%s", key, firstDiff(string(want), got))
			}
		}
		share := 0.0
		if len(names) > 0 {
			share = float64(match) / float64(len(names))
		}
		t.Logf("%s (%s): %d of %d match exactly (%.0f%%)", cf.path, tg, match, len(names), 100*share)
		if len(names) > 0 && share < cf.min {
			t.Errorf("%s: %.0f%% match, want at least %.0f%%", cf.path, 100*share, 100*cf.min)
		}
	}
	for key := range knownMismatches {
		if !seen[key] {
			t.Errorf("knownMismatches names %s, which is not in the corpus", key)
		}
	}
}

// firstDiff shows the first lines where two outputs differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 4; i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("  pfctl:   " + a + "\n  pfshape: " + c + "\n")
			shown++
		}
	}
	return b.String()
}
