package lint

import (
	"github.com/pfshape/pfshape/grammar"
)

var undefinedTable = &Rule{
	ID:       "PF303",
	Name:     "undefined-table",
	Severity: Warning,
	Summary:  "a <table> used but not defined",
	Doc: `pfctl creates a table that a rule uses but no table statement defines,
empty: the rule then matches nothing until someone runs pfctl -t NAME -T add.
That is by design for tables filled at run time (overload <bad> fills its
own, and such references are not reported), and a typo otherwise. Define
it: table <name> persist { … } or table <name> persist file "/etc/name".`,
	Bad:  "block in quick from <bruteforce>\n",
	Good: "table <bruteforce> persist\nblock in quick from <bruteforce>\n",
	Run: func(p *Pass) {
		defined := map[string]bool{}
		var names []string
		for _, s := range p.Statements() {
			if s.Stmt != nil && s.Table != nil {
				defined[s.Table.Name.Text()] = true
				names = append(names, s.Table.Name.Text())
			}
		}
		for _, s := range p.Statements() {
			if s.Stmt == nil || s.Table != nil {
				continue
			}
			toks := s.Tokens
			for i := 0; i+2 < toks.Len(); i++ {
				if !isPunctAt(toks, i, "<") || !isPunctAt(toks, i+2, ">") || toks.Kind(i+1) == grammar.Punct {
					continue
				}
				name := toks.Text(i + 1)
				if defined[name] || (i > 0 && (toks.Text(i-1) == "overload" || toks.Text(i-1) == "port")) {
					continue
				}
				sp := grammar.Span{Start: toks.Span(i).Start, End: toks.Span(i + 2).End}
				p.Reportf(p.SpanRange(s.Source, sp), "table <%s> is used but not defined: pfctl creates it empty%s", name, suggestion(name, names))
			}
		}
	},
}

func isPunct(t grammar.Token, s string) bool { return t.Kind == grammar.Punct && t.Text == s }

// isPunctAt is isPunct of token i, without building the token.
func isPunctAt(toks grammar.Tokens, i int, s string) bool {
	return toks.Kind(i) == grammar.Punct && toks.Text(i) == s
}
