package fastgen

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// How a choice is written: the alternatives that may start with the next
// token, found by its text and then its type, and the predicates that say
// whether an optional or repeated part starts at the next token.

// candidate is an alternative that may match a token: any token with
// the text the choice switched on (types nil), or one of those types.
type candidate struct {
	i     int
	types []string
}

// alt writes a choice: a switch on the next token's text, and within a
// case, if the token's type matters, on its type; then the alternatives
// that may start with that token, in the grammar's order. When more than
// one may, each but the last is tried and, when it fails where participle
// fails too, undone, as participle's disjunction does.
func (e *emitter) alt(d *structDef, a alt, known *firstSet, sites map[string]*site) {
	g := e.g
	firsts := make([]firstSet, len(a))
	for i, x := range a {
		firsts[i] = g.firstOf(x)
	}
	// byType is the candidate of alternative j for a text it does not
	// list: by the token's type, if any.
	byType := func(j int) (candidate, bool) {
		if firsts[j].any {
			return candidate{j, nil}, true
		}
		return candidate{j, firsts[j].types}, len(firsts[j].types) > 0
	}
	// The candidates for each literal text, in the grammar's order.
	var values []string
	cands := map[string][]candidate{}
	for _, f := range firsts {
		for _, v := range f.lits {
			if _, ok := cands[v]; ok {
				continue
			}
			values = append(values, v)
			for j := range firsts {
				if slices.Contains(firsts[j].lits, v) {
					cands[v] = append(cands[v], candidate{j, nil})
				} else if c, ok := byType(j); ok {
					cands[v] = append(cands[v], c)
				}
			}
		}
	}
	var deflt []candidate
	for j := range firsts {
		if c, ok := byType(j); ok {
			deflt = append(deflt, c)
		}
	}
	// Cases with the same candidates share a clause.
	type clause struct {
		values []string
		cands  []candidate
	}
	same := func(a, b []candidate) bool {
		return slices.EqualFunc(a, b, func(x, y candidate) bool { return x.i == y.i && slices.Equal(x.types, y.types) })
	}
	var clauses []*clause
	for _, v := range values {
		found := false
		for _, cl := range clauses {
			if same(cl.cands, cands[v]) {
				cl.values = append(cl.values, v)
				found = true
				break
			}
		}
		if !found {
			clauses = append(clauses, &clause{[]string{v}, cands[v]})
		}
	}
	// The token types a clause tells apart, and for each the candidates
	// that may match a token of that type; other types get rest.
	type typeGroup struct {
		types []string
		cands []int
	}
	var symbols []string
	for t := range g.src.symbols {
		symbols = append(symbols, t)
	}
	slices.Sort(symbols)
	split := func(cs []candidate) (groups []*typeGroup, rest []int) {
		for _, c := range cs {
			if c.types == nil {
				rest = append(rest, c.i)
			}
		}
		for _, t := range symbols {
			var is []int
			mentioned := false
			for _, c := range cs {
				if c.types == nil || slices.Contains(c.types, t) {
					is = append(is, c.i)
					mentioned = mentioned || c.types != nil
				}
			}
			if !mentioned {
				continue
			}
			found := false
			for _, gr := range groups {
				if slices.Equal(gr.cands, is) {
					gr.types = append(gr.types, t)
					found = true
				}
			}
			if !found {
				groups = append(groups, &typeGroup{[]string{t}, is})
			}
		}
		return groups, rest
	}
	uses := make([]int, len(a))
	count := func(cs []candidate) {
		groups, rest := split(cs)
		for _, gr := range groups {
			for _, i := range gr.cands {
				uses[i]++
			}
		}
		for _, i := range rest {
			uses[i]++
		}
	}
	for _, cl := range clauses {
		count(cl.cands)
	}
	count(deflt)
	bodies := make([]func(), len(a))
	for i, x := range a {
		known := firsts[i]
		if uses[i] > 1 && !d.union {
			// A method, so that its code is written once (a union's
			// alternative is one call).
			name := fmt.Sprintf("%s%d", parseFunc(d.name), len(e.helpers)+1)
			sub := &emitter{g: g, parser: e.parser, preds: e.preds, predSets: e.predSets, ptrs: e.ptrs, vars: e.vars}
			sub.printf("\nfunc (p *%s) %s(s *%s) {\n", e.parser, name, d.name)
			e.helpers = append(e.helpers, "") // reserve the number
			slot := len(e.helpers) - 1
			sub.helpers = e.helpers
			sub.node(d, x, &known, sites)
			sub.printf("}\n")
			e.predSets, e.vars = sub.predSets, sub.vars
			e.helpers = sub.helpers
			e.helpers[slot] = sub.out.String()
			bodies[i] = func() { e.printf("p.%s(s)\n", name) }
		} else {
			bodies[i] = func() { e.node(d, x, &known, sites) }
		}
	}
	// chain writes the alternatives is, tried in order.
	chain := func(is []int) {
		if len(is) == 0 {
			e.printf("p.decline()\n")
			return
		}
		if len(is) == 1 {
			bodies[is[0]]()
			return
		}
		// A failed alternative is undone: the cursor by try, what it
		// stored in s from saved. A union's alternative stores its
		// member only once it is parsed, so there is nothing to undo.
		restore := !d.union
		if restore {
			e.printf("saved := *s\n")
		}
		for k, i := range is {
			if k == len(is)-1 {
				bodies[i]()
				break
			}
			e.printf("if !p.try(func() {\n")
			bodies[i]()
			e.printf("}) {\n")
			if restore {
				e.printf("*s = saved\n")
			}
		}
		for range len(is) - 1 {
			e.printf("}\n")
		}
	}
	choose := func(cs []candidate) {
		groups, rest := split(cs)
		if len(groups) == 0 {
			chain(rest)
			return
		}
		e.printf("switch p.peek().Type {\n")
		for _, gr := range groups {
			ts := make([]string, len(gr.types))
			for i, t := range gr.types {
				ts[i] = g.src.symbols[t]
			}
			e.printf("case %s:\n", strings.Join(ts, ", "))
			chain(gr.cands)
		}
		e.printf("default:\n")
		chain(rest)
		e.printf("}\n")
	}
	if len(clauses) == 0 {
		choose(deflt)
		return
	}
	e.printf("switch p.peek().Value {\n")
	for _, cl := range clauses {
		qs := make([]string, len(cl.values))
		for i, v := range cl.values {
			qs[i] = strconv.Quote(v)
		}
		e.printf("case %s:\n", strings.Join(qs, ", "))
		choose(cl.cands)
	}
	e.printf("default:\n")
	choose(deflt)
	e.printf("}\n")
}

// pred is a Go expression true when the next token is in f.
func (e *emitter) pred(f firstSet) string {
	if f.any {
		return "true"
	}
	if len(f.lits)+len(f.types) <= 3 {
		var parts []string
		for _, v := range f.lits {
			parts = append(parts, "p.is("+strconv.Quote(v)+")")
		}
		for _, t := range f.types {
			parts = append(parts, "p.isType("+e.g.src.symbols[t]+")")
		}
		return strings.Join(parts, " || ")
	}
	k := f.key()
	if name, ok := e.preds[k]; ok {
		return "p." + name + "()"
	}
	name := ""
	for _, n := range e.g.order {
		if e.g.first[n].key() == k && e.preds[k] == "" {
			name = "starts" + n
			break
		}
	}
	if name == "" {
		name = fmt.Sprintf("starts%d", len(e.predSets)+1)
	}
	e.preds[k] = name
	e.predSets = append(e.predSets, f)
	return "p." + name + "()"
}

// predicates writes the methods pred named.
func (e *emitter) predicates() {
	for _, f := range e.predSets {
		name := e.preds[f.key()]
		e.printf("\nfunc (p *%s) %s() bool {\n", e.parser, name)
		if len(f.lits) > 0 {
			qs := make([]string, len(f.lits))
			for i, v := range f.lits {
				qs[i] = strconv.Quote(v)
			}
			e.printf("switch p.peek().Value {\ncase %s:\nreturn true\n}\n", strings.Join(qs, ", "))
		}
		if len(f.types) == 0 {
			e.printf("return false\n}\n")
			continue
		}
		var parts []string
		for _, t := range f.types {
			parts = append(parts, "t == "+e.g.src.symbols[t])
		}
		e.printf("t := p.peek().Type\nreturn %s\n}\n", strings.Join(parts, " || "))
	}
}
