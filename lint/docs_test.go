package lint

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite the rule pages under docs/rules")

// docsDir is where the rule pages are, from the lint folder.
const docsDir = "../docs/rules"

// rulePage is a rule's help page: what the rule finds, why, its examples
// and what lint says about the bad one, all from the catalogue.
func rulePage(t *testing.T, r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", r.ID, r.Name)
	fmt.Fprintf(&b, "<!-- Generated from the rule catalogue (lint/rule_*.go) by go test ./lint -update-docs. Do not edit. -->\n\n")
	fmt.Fprintf(&b, "**%s.** Severity: %s", r.Summary, r.Severity)
	switch {
	case r.Fixable && r.UnsafeFixes:
		b.WriteString("; `pfshape lint --fix --unsafe-fixes` fixes it (the fix guesses what was meant: review it; the editor offers it as a quick fix)")
	case r.Fixable:
		b.WriteString("; `pfshape lint --fix` fixes it")
	}
	b.WriteString(".\n\n")
	b.WriteString(r.Doc + "\n\n")
	tg := r.ExampleTarget()
	fmt.Fprintf(&b, "## Bad\n\nFor %s:\n\n```pf\n%s```\n\n", tg, r.Bad)
	b.WriteString("`pfshape lint --target " + tg.String() + "` says:\n\n```\n")
	for _, d := range withRule(lintText(t, r.Bad, r.Target), r.ID) {
		fmt.Fprintf(&b, "%d:%d: %s: %s [%s]\n", d.Range.Start.Line, d.Range.Start.Column, d.Severity, d.Message, d.Rule)
		for _, f := range d.Fixes {
			fmt.Fprintf(&b, "\tfix: %s\n", f.Message)
		}
	}
	fmt.Fprintf(&b, "```\n\n## Good\n\n```pf\n%s```\n\n", r.Good)
	fmt.Fprintf(&b, "See `pfshape explain %s`, and [all rules](README.md).\n", r.ID)
	return b.String()
}

// rulesIndex is docs/rules/README.md: the catalogue as a table.
func rulesIndex() string {
	var b strings.Builder
	b.WriteString("# Lint rules\n\n")
	b.WriteString("<!-- Generated from the rule catalogue (lint/rule_*.go) by go test ./lint -update-docs. Do not edit. -->\n\n")
	b.WriteString("One page per rule of `pfshape lint`; `pfshape rules` lists them and `pfshape explain ID` prints a page.\n\n")
	b.WriteString("| ID | Name | Severity | Fix | Finds |\n|---|---|---|---|---|\n")
	for _, r := range All() {
		fix := ""
		switch {
		case r.Fixable && r.UnsafeFixes:
			fix = "unsafe"
		case r.Fixable:
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Name, r.Severity, fix, strings.ReplaceAll(r.Summary, "|", `\|`))
	}
	return b.String()
}

// TestRulePages checks that docs/rules holds one current page per rule
// and an index, and nothing else (go test ./lint -update-docs rewrites
// them).
func TestRulePages(t *testing.T) {
	want := map[string]string{"README.md": rulesIndex()}
	for _, r := range All() {
		want[r.ID+".md"] = rulePage(t, r)
		if u := DocURL(r.ID); !strings.HasSuffix(u, "/docs/rules/"+r.ID+".md") {
			t.Errorf("DocURL(%s) = %s: not the page", r.ID, u)
		}
	}
	if *updateDocs {
		if err := os.MkdirAll(docsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		old, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
		for _, p := range old {
			if _, ok := want[filepath.Base(p)]; !ok {
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, text := range want {
			if err := os.WriteFile(filepath.Join(docsDir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	have, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
	for _, p := range have {
		if _, ok := want[filepath.Base(p)]; !ok {
			t.Errorf("%s is not a rule's page: remove it (go test ./lint -update-docs)", p)
		}
	}
	for name, text := range want {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil || string(got) != text {
			t.Errorf("docs/rules/%s is stale or missing: go test ./lint -update-docs", name)
		}
	}
}
