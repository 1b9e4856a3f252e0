package lint

import (
	"strings"
	"testing"
)

// lintText lints a snippet for a target.
func lintText(t *testing.T, src, tgt string) []Diagnostic {
	t.Helper()
	cfg := Config{Target: (&Rule{Target: tgt}).ExampleTarget(), ReadFile: noIncludes}
	return Lint("pf.conf", []byte(src), cfg).Diagnostics
}

func noIncludes(string) ([]byte, error) { return nil, errNoIncludes }

type errString string

func (e errString) Error() string { return string(e) }

const errNoIncludes = errString("includes are not read in tests")

func withRule(ds []Diagnostic, id string) []Diagnostic {
	var out []Diagnostic
	for _, d := range ds {
		if d.Rule == id {
			out = append(out, d)
		}
	}
	return out
}

// TestDocExamples runs every rule's examples: the bad one must trigger the
// rule, the good one must not.
func TestDocExamples(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID+"-"+r.Name, func(t *testing.T) {
			if r.Bad == "" || r.Good == "" || r.Doc == "" || r.Summary == "" {
				t.Fatalf("%s lacks a doc, a summary or an example", r.ID)
			}
			bad := lintText(t, r.Bad, r.Target)
			if len(withRule(bad, r.ID)) == 0 {
				t.Errorf("bad example does not trigger %s; got %v", r.ID, bad)
			}
			for _, d := range withRule(bad, r.ID) {
				if d.Severity == SeverityDefault {
					t.Errorf("finding without severity: %v", d)
				}
			}
			if good := withRule(lintText(t, r.Good, r.Target), r.ID); len(good) > 0 {
				t.Errorf("good example triggers %s: %v", r.ID, good)
			}
		})
	}
}

// TestCatalogue checks that IDs and names are unique and well formed.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		if seen[r.ID] || seen[r.Name] {
			t.Errorf("%s %s: duplicate", r.ID, r.Name)
		}
		seen[r.ID], seen[r.Name] = true, true
		if len(r.ID) != 5 || !strings.HasPrefix(r.ID, "PF") {
			t.Errorf("%s: IDs are PF and three digits", r.ID)
		}
		if r.Name != strings.ToLower(r.Name) || strings.Contains(r.Name, " ") {
			t.Errorf("%s: name %q is not kebab-case", r.ID, r.Name)
		}
		if r.Run == nil || r.Severity == SeverityDefault {
			t.Errorf("%s: no Run or no severity", r.ID)
		}
		if Lookup(r.ID) != r || Lookup(strings.ToLower(r.ID)) != r || Lookup(r.Name) != r {
			t.Errorf("%s: Lookup does not find it", r.ID)
		}
	}
}
