// Package corpus finds the shared corpus of real pf.conf files
// (../shared/corpus beside the repository) for tests, and describes its
// folders: which target each is checked with and what its files expect.
// The corpus is never copied into the repository; tests that need it skip
// with a message when it is absent.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the corpus folder, or skips the test with a message saying
// that the corpus is absent. PFSHAPE_CORPUS overrides the location.
func Dir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("PFSHAPE_CORPUS"); d != "" {
		return d
	}
	d, err := find()
	if err != nil {
		t.Skipf("corpus not found (%v): the conformance tests need ../shared/corpus beside the repository", err)
	}
	return d
}

func find() (string, error) {
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
