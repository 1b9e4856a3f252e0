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
				if !isPunct(toks.At(i), "<") || !isPunct(toks.At(i+2), ">") || toks.At(i+1).Kind == grammar.Punct {
					continue
				}
				name := toks.At(i + 1).Text
				if defined[name] || (i > 0 && toks.At(i-1).Text == "overload") {
					continue
				}
				if i > 0 && (isPunct(toks.At(i-1), "port") || toks.At(i-1).Text == "port") {
					continue
				}
				sp := grammar.Span{Start: toks.At(i).Span.Start, End: toks.At(i + 2).Span.End}
				p.Reportf(p.SpanRange(s.Source, sp), "table <%s> is used but not defined: pfctl creates it empty%s", name, suggestion(name, names))
			}
		}
	},
}

func isPunct(t grammar.Token, s string) bool { return t.Kind == grammar.Punct && t.Text == s }
