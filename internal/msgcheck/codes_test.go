package msgcheck

import (
	"path/filepath"
	"regexp"
	"testing"
)

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9.]+)*$`)

// TestCodesDeclared checks the codes of errors: declared in the code
// files, each documented, kebab-case and given to one constant only (a
// complaint shared by several messages shares the constant).
func TestCodesDeclared(t *testing.T) {
	root := moduleRoot(t)
	seen := map[string]Code{}
	n := 0
	for _, f := range CodeFiles {
		codes, err := DeclaredCodes(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range codes {
			n++
			if !c.Documented {
				t.Errorf("%s: %s has no comment saying what it is", c.Pos, c.Name)
			}
			if !kebab.MatchString(c.Value) {
				t.Errorf("%s: %s = %q is not kebab-case", c.Pos, c.Name, c.Value)
			}
			if o, dup := seen[c.Value]; dup {
				t.Errorf("%s: %s = %q, as %s (%s)", c.Pos, c.Name, c.Value, o.Name, o.Pos)
			}
			seen[c.Value] = c
		}
	}
	if n < 100 {
		t.Errorf("%d codes declared: the code files were not read", n)
	}
	t.Logf("%d codes declared", n)
}
