package fastgen

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/scanner"
)

// literals are the texts of every literal ("pass", "(") in the parser
// tags of the package's struct types, sorted and each once: the only token
// values participle compares (a literal, a typed literal or a negated one
// matches by the token's text; everything else by its type). The grammar
// package's memo of participle's errors (fallback_memo.go) keys a
// statement's other words by their type alone.
func literals(src *source) ([]string, error) {
	names := make([]string, 0, len(src.structs))
	for n := range src.structs {
		names = append(names, n)
	}
	sort.Strings(names)
	seen := map[string]bool{}
	for _, n := range names {
		var toks []tagToken
		if err := tagTokens(src, src.structs[n], "", &toks, &structDef{name: n}); err != nil {
			return nil, fmt.Errorf("%s: %v", n, err)
		}
		for _, t := range toks {
			if t.kind == scanner.String {
				seen[t.text] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out, nil
}

// literalsDecl is the Go declaration of the literals as a sorted array,
// which needs no work when the program starts.
func literalsDecl(lits []string) string {
	var b strings.Builder
	b.WriteString("\n// grammarLiterals are the texts of the literals of the grammar's tags,\n")
	b.WriteString("// sorted: the token values participle tells apart (fallback_memo.go).\n")
	b.WriteString("var grammarLiterals = [...]string{")
	for i, s := range lits {
		if i%8 == 0 {
			b.WriteString("\n\t")
		} else {
			b.WriteString(" ")
		}
		b.WriteString(strconv.Quote(s))
		b.WriteString(",")
	}
	b.WriteString("\n}\n")
	return b.String()
}
