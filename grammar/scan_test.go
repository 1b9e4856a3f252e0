package grammar

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/gen"
	"github.com/pfshape/pfshape/internal/target"
)

// readerShape renders what the reader made of a file, for comparing the
// scan's reading with the lexer's: every statement's span, body and
// tokens (kind, text, span, the macro each came from, whether it is a
// keyword of another release), the comments, the errors and which macros
// were used.
func readerShape(f *File) string {
	var sb strings.Builder
	var stmts func([]*Statement)
	stmts = func(list []*Statement) {
		for _, s := range list {
			fmt.Fprintf(&sb, "%s %v body=%t parsed=%t\n", s.Source.Name, s.Span, s.HasBody, s.Stmt != nil)
			for i, t := range s.Tokens.All() {
				fmt.Fprintf(&sb, "  %s %q %v ever=%t", t.Kind, t.Text, t.Span, s.Tokens.everKeyword(i))
				if t.Macro != nil {
					fmt.Fprintf(&sb, " $%s%v", t.Macro.Name, t.Macro.Span)
				}
				sb.WriteByte('\n')
			}
			stmts(s.Body)
			if s.Included != nil {
				fmt.Fprintf(&sb, "include %v\n", s.Included.Comments)
				stmts(s.Included.Statements)
			}
		}
	}
	stmts(f.Statements)
	fmt.Fprintf(&sb, "comments %v\nerrors %s\n", f.Comments, f.Errors.Error())
	for _, m := range f.Macros.All() {
		fmt.Fprintf(&sb, "macro %s used=%t\n", m.Name, m.Used)
	}
	return sb.String()
}

// TestScanMatchesLexer reads generated rulesets of every shape and every
// corpus file with the reader's fast path and without it, and fails
// unless the two readings are the same.
func TestScanMatchesLexer(t *testing.T) {
	inputs := seedInputs()
	for _, tg := range []string{"openbsd", "openbsd-5.4", "freebsd"} {
		for _, sh := range gen.Shapes {
			inputs = append(inputs, readInput{"gen-" + tg + "-" + string(sh), gen.RulesetShape(2_000, target.MustParse(tg), sh), target.MustParse(tg)})
		}
	}
	for _, cf := range corpusFiles(t) {
		inputs = append(inputs, readInput{cf.name, cf.src, target.MustParse(cf.folder.Target)})
	}
	scanned := 0
	for _, in := range inputs {
		opts := fuzzOptions(0)
		opts.Target = in.tg
		fast, _ := Parse(in.name, in.src, opts)
		opts.noScan = true
		slow, _ := Parse(in.name, in.src, opts)
		if a, b := readerShape(fast), readerShape(slow); a != b {
			t.Fatalf("%s: the scan and the lexer read it differently:\n%s", in.name, firstLineDiff(a, b))
		}
		scanned++
	}
	t.Logf("%d files read alike both ways", scanned)
}

// firstLineDiff shows the first line where a and b differ, with its
// neighbours.
func firstLineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			lo := max(i-3, 0)
			return fmt.Sprintf("scan:\n%s\nlexer:\n%s", strings.Join(al[lo:min(i+3, len(al))], "\n"), strings.Join(bl[lo:min(i+3, len(bl))], "\n"))
		}
	}
	return fmt.Sprintf("lengths differ: %d and %d lines", len(al), len(bl))
}

// TestWordTable checks every target's word table against its keyword
// table: each keyword of any release is found with its class, and words
// that are no keyword (near misses among them) are not.
func TestWordTable(t *testing.T) {
	lists := keywordLists()
	everKeyword := map[string]bool{}
	for _, list := range lists {
		for _, w := range strings.Fields(list) {
			everKeyword[w] = true
		}
	}
	if len(wordClassSets) != len(lists) {
		t.Errorf("%d word tables for %d keyword lists", len(wordClassSets), len(lists))
	}
	for name, list := range lists {
		set := map[string]bool{}
		for _, w := range strings.Fields(list) {
			set[w] = true
		}
		tbl := wordClassSets[name]()
		for w := range everKeyword {
			want := otherKeyword
			if set[w] {
				want = targetKeyword
			}
			if got := tbl.class(w); got != want {
				t.Errorf("%s: %q is class %d, want %d", name, w, got, want)
			}
			for _, near := range []string{w + "s", w[1:], w[:len(w)-1], strings.ToUpper(w)} {
				if everKeyword[near] {
					continue
				}
				if got := tbl.class(near); got != 0 {
					t.Errorf("%s: %q is class %d, want none", name, near, got)
				}
			}
		}
		for _, w := range []string{"", "a", "em0", "10.0.0.1", "ssh", "persist", strings.Repeat("x", maxWordLen+1)} {
			if got := tbl.class(w); got != 0 && !everKeyword[w] {
				t.Errorf("%s: %q is class %d, want none", name, w, got)
			}
		}
	}
}
