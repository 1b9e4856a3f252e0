package msgcheck

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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

var updateCodes = flag.Bool("update-codes", false, "rewrite docs/codes.md")

// TestCodesPage checks that docs/codes.md lists the declared codes
// (go test ./internal/msgcheck -update-codes rewrites it).
func TestCodesPage(t *testing.T) {
	root := moduleRoot(t)
	var b strings.Builder
	b.WriteString("# Error codes\n\n")
	b.WriteString("<!-- Generated from the code files by go test ./internal/msgcheck -update-codes. Do not edit. -->\n\n")
	b.WriteString("Every error pfshape reports in pfctl's words carries a stable code beside the words, which may\n")
	b.WriteString("change (pfctl's differ between releases). `pfshape lint --format json` gives it as `code`, SARIF\n")
	b.WriteString("as the `pfctlCode` property; lint rules claim errors by it. See [the rules](rules/README.md).\n")
	for _, f := range CodeFiles {
		codes, err := DeclaredCodes(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "\n## %s\n\n| Code | What |\n|---|---|\n", f)
		for _, c := range codes {
			fmt.Fprintf(&b, "| `%s` | %s |\n", c.Value, strings.ReplaceAll(c.Doc, "|", `\|`))
		}
	}
	path := filepath.Join(root, "docs", "codes.md")
	if *updateCodes {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != b.String() {
		t.Errorf("docs/codes.md is stale or missing: go test ./internal/msgcheck -update-codes")
	}
}
