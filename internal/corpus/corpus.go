// Package corpus finds the shared corpus of real pf.conf files
// (../shared/corpus beside the repository) for tests, and describes its
// folders: which target each is checked with and what its files expect.
// The corpus is never copied into the repository; tests that need it skip
// with a message when it is absent.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Dir returns the corpus folder, or skips the test with a message saying
// that the corpus is absent. PFSHAPE_CORPUS overrides the location.
func Dir(t testing.TB) string {
	t.Helper()
	d, err := Find()
	if err != nil {
		t.Skipf("corpus not found (%v): the conformance tests need ../shared/corpus beside the repository", err)
	}
	return d
}

// Find returns the corpus folder, or an error when it is absent, for
// tests that have other work to do without it.
func Find() (string, error) {
	if d := os.Getenv("PFSHAPE_CORPUS"); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(dir, "..", "shared", "corpus")
			if _, err := os.Stat(c); err != nil {
				return "", err
			}
			return c, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// Folder is one folder of the corpus and the target its files are for.
type Folder struct {
	Path   string // relative to the corpus
	Target string
}

// Folders lists the corpus folders of pf.conf files with their targets, as
// the corpus README gives them.
var Folders = []Folder{
	{"openbsd-regress/regress/sbin/pfctl", "openbsd-7.8"},
	{"openbsd-regress-altq/regress/sbin/pfctl", "openbsd-5.1"},
	{"openbsd-share-pf-2008/share/pf", "openbsd-4.2"},
	{"freebsd-pfctl-tests-12.1/sbin/pfctl/tests/files", "freebsd-12.1"},
	{"freebsd-pfctl-tests-main-index/sbin/pfctl/tests/files", "freebsd-15.0"},
	{"freebsd-share-examples-pf/share/examples/pf", "freebsd-12.1"},
	{"dragonfly-share-examples-pf/share/examples/pf", "freebsd-12.1"},
	{"realworld/autumnjolitz+cerberus_gateway/files", "freebsd-12.1"},
	{"realworld/delan+config/daria/etc", "openbsd"},
	{"realworld/northox+openbsd-apu2/etc", "openbsd"},
	{"realworld/martinbaillie+homebrew-openbsd-pcengines-router/templates", "openbsd"},
}

// Ruleset is one pf.conf file of the corpus and what pfctl does with it.
type Ruleset struct {
	Rel    string // path relative to the corpus
	Path   string // full path
	Folder Folder
	// Fail is set when pfctl rejects the file (an OpenBSD pfailN.in, or a
	// FreeBSD file with a .fail beside it); Expect is then the file holding
	// pfctl's messages (.ok or .fail), "" when there is none.
	Fail   bool
	Expect string
	// Template is set for a file that is a template, not pf.conf.
	Template bool
}

var (
	rulesetName = regexp.MustCompile(`^pf(altq|opt|setup|chksum|simple)?\d+\.in$`)
	failName    = regexp.MustCompile(`^pfail\d+\.in$`)
	freebsdName = regexp.MustCompile(`^pf\d{4}\.in$`)
)

// Rulesets lists every ruleset of the corpus in dir, folder by folder:
// in the regression suites the files that are pf.conf (pfN.in, pfaltqN.in,
// pfoptN.in, …, pfailN.in, FreeBSD's pfNNNN.in; not the table, interface
// and command inputs pfrN, pfiN, pfcmdN), and every file of the example and
// real-world folders.
func Rulesets(dir string) ([]Ruleset, error) {
	var out []Ruleset
	for _, fo := range Folders {
		entries, err := os.ReadDir(filepath.Join(dir, fo.Path))
		if err != nil {
			return nil, fmt.Errorf("corpus folder %s: %w", fo.Path, err)
		}
		regress := strings.Contains(fo.Path, "regress") || strings.Contains(fo.Path, "tests/files")
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || name == "MANIFEST.tsv" {
				continue
			}
			r := Ruleset{Rel: filepath.Join(fo.Path, name), Path: filepath.Join(dir, fo.Path, name), Folder: fo}
			base := strings.TrimSuffix(r.Path, ".in")
			switch {
			case !regress:
				r.Template = strings.HasSuffix(name, ".j2")
			case failName.MatchString(name):
				r.Fail = true
				if _, err := os.Stat(base + ".ok"); err == nil {
					r.Expect = base + ".ok"
				}
			case rulesetName.MatchString(name) || freebsdName.MatchString(name):
				if _, err := os.Stat(base + ".fail"); err == nil {
					r.Fail, r.Expect = true, base+".fail"
				}
			default:
				continue
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// Loadable lists the rulesets pfctl loads for their folder's target.
func Loadable(dir string) ([]Ruleset, error) {
	all, err := Rulesets(dir)
	var out []Ruleset
	for _, r := range all {
		if !r.Fail && !r.Template {
			out = append(out, r)
		}
	}
	return out, err
}

// Failing lists the rulesets pfctl rejects and the example and real-world
// files (not templates): the inputs with the most to report, which the
// tests that compare findings across builds run on.
func Failing(dir string) ([]Ruleset, error) {
	all, err := Rulesets(dir)
	var out []Ruleset
	for _, r := range all {
		regress := strings.Contains(r.Folder.Path, "regress") || strings.Contains(r.Folder.Path, "tests/files")
		if !r.Template && (r.Fail || !regress) {
			out = append(out, r)
		}
	}
	return out, err
}
