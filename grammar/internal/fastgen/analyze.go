package fastgen

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// firstSet is what the next token may be when an expr starts to match:
// literal texts, token types, or anything (any).
type firstSet struct {
	lits  []string
	types []string
	any   bool
}

func (f *firstSet) addLit(v string) bool {
	if slices.Contains(f.lits, v) {
		return false
	}
	f.lits = append(f.lits, v)
	return true
}

func (f *firstSet) addType(t string) bool {
	if slices.Contains(f.types, t) {
		return false
	}
	f.types = append(f.types, t)
	return true
}

// union adds g to f and reports whether f grew.
func (f *firstSet) union(g firstSet) bool {
	grew := false
	for _, v := range g.lits {
		grew = f.addLit(v) || grew
	}
	for _, t := range g.types {
		grew = f.addType(t) || grew
	}
	if g.any && !f.any {
		f.any, grew = true, true
	}
	return grew
}

// key identifies the set for sharing predicates.
func (f firstSet) key() string {
	l, t := slices.Clone(f.lits), slices.Clone(f.types)
	sort.Strings(l)
	sort.Strings(t)
	return fmt.Sprintf("%v|%v|%v", l, t, f.any)
}

// subset reports whether every token in f is in g.
func (f firstSet) subset(g firstSet) bool {
	if g.any {
		return true
	}
	if f.any {
		return false
	}
	for _, v := range f.lits {
		if !slices.Contains(g.lits, v) {
			return false
		}
	}
	for _, t := range f.types {
		if !slices.Contains(g.types, t) {
			return false
		}
	}
	return true
}

// grammar is the set of struct types reachable from the root, with what
// the generator knows about each.
type grammar struct {
	src     *source
	order   []string // in the order first reached from the root
	structs map[string]*structDef
	first   map[string]firstSet
	null    map[string]bool
	// delegated holds why a struct is left to participle.
	delegated map[string]string
}

// readGrammar reads every struct reachable from root and works out the
// first sets, which structs can match nothing, and which cannot be
// compiled.
func readGrammar(src *source, root string) (*grammar, error) {
	g := &grammar{src: src, structs: map[string]*structDef{}, first: map[string]firstSet{},
		null: map[string]bool{}, delegated: map[string]string{}}
	var visit func(name string) error
	visit = func(name string) error {
		if _, ok := g.structs[name]; ok {
			return nil
		}
		d, err := readStruct(src, name)
		if err != nil {
			return err
		}
		g.structs[name] = d
		g.order = append(g.order, name)
		var subs []string
		walk(d.expr, func(e expr) {
			if s, ok := e.(sub); ok {
				subs = append(subs, s.field.elem())
			}
		})
		for _, s := range subs {
			if !g.known(s) {
				continue
			}
			if err := visit(s); err != nil {
				return err
			}
		}
		return nil
	}
	if err := visit(root); err != nil {
		return nil, err
	}
	// Fixed point: first sets and nullability of recursive structs.
	for changed := true; changed; {
		changed = false
		for _, n := range g.order {
			f := g.first[n]
			if f.union(g.firstOf(g.structs[n].expr)) {
				g.first[n] = f
				changed = true
			}
			if nl := g.nullable(g.structs[n].expr); nl != g.null[n] {
				g.null[n] = nl
				changed = true
			}
		}
	}
	for _, n := range g.order {
		if why := g.check(g.structs[n]); why != "" {
			g.delegated[n] = why
		}
	}
	for _, n := range g.order {
		var err error
		walk(g.structs[n].expr, func(e expr) {
			if r, ok := e.(ref); ok && src.symbols[r.typ] == "" && err == nil {
				err = fmt.Errorf("%s: unknown token type %s", n, r.typ)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return g, nil
}

// walk calls f on e and every expr inside it.
func walk(e expr, f func(expr)) {
	f(e)
	switch e := e.(type) {
	case seq:
		for _, x := range e {
			walk(x, f)
		}
	case alt:
		for _, x := range e {
			walk(x, f)
		}
	case rep:
		walk(e.x, f)
	case capture:
		walk(e.x, f)
	}
}

func (g *grammar) firstOf(e expr) firstSet {
	var f firstSet
	switch e := e.(type) {
	case seq:
		for _, x := range e {
			f.union(g.firstOf(x))
			if !g.nullable(x) {
				break
			}
		}
	case alt:
		for _, x := range e {
			f.union(g.firstOf(x))
		}
	case rep:
		return g.firstOf(e.x)
	case capture:
		return g.firstOf(e.x)
	case lit:
		f.addLit(e.text)
	case ref:
		f.addType(e.typ)
	case sub:
		if !g.known(e.field.elem()) {
			f.any = true
			return f
		}
		return g.first[e.field.elem()]
	case unsupported:
		f.any = true
	}
	return f
}

func (g *grammar) nullable(e expr) bool {
	switch e := e.(type) {
	case seq:
		for _, x := range e {
			if !g.nullable(x) {
				return false
			}
		}
		return true
	case alt:
		for _, x := range e {
			if g.nullable(x) {
				return true
			}
		}
		return false
	case rep:
		return e.mode == '?' || e.mode == '*' || g.nullable(e.x)
	case capture:
		return g.nullable(e.x)
	case sub:
		if !g.known(e.field.elem()) {
			return true
		}
		return g.null[e.field.elem()]
	}
	return false
}

// known reports whether name is a struct whose grammar is in its tags (not
// a type with its own Parse method) or a union registered with
// participle.Union.
func (g *grammar) known(name string) bool {
	if _, ok := g.src.unions[name]; ok {
		return true
	}
	_, ok := g.src.structs[name]
	return ok && !g.src.custom[name]
}

// subTypes are the field types @@ can store a parsed elem in: a pointer
// or a slice of pointers to a struct, a union's interface or a slice of
// them.
func (g *grammar) subTypes(elem string) []string {
	if _, ok := g.src.unions[elem]; ok {
		return []string{elem, "[]" + elem}
	}
	return []string{"*" + elem, "[]*" + elem}
}

// check says why the struct cannot be compiled to a parser that decides
// on the next token what participle would do, or "" when it can.
func (g *grammar) check(d *structDef) string {
	var why []string
	if d.tokens {
		why = append(why, "a Tokens field")
	}
	if d.union {
		why = append(why, g.unionProblems(d)...)
	}
	walk(d.expr, func(e expr) {
		switch e := e.(type) {
		case unsupported:
			why = append(why, e.what)
		case rep:
			if e.mode == '!' {
				why = append(why, "a non-empty group (!)")
			} else if e.mode != '?' && g.nullable(e.x) {
				why = append(why, "a repetition of something that can match nothing")
			}
		case alt:
			for _, x := range e {
				if g.nullable(x) {
					why = append(why, "an alternative that can match nothing")
				}
			}
		case capture:
			if g.nullable(e.x) {
				why = append(why, "a capture of something that can match nothing")
			}
			walk(e.x, func(x expr) {
				switch x.(type) {
				case sub, capture:
					why = append(why, "a capture around a capture")
				}
			})
			if g.valueKind(e.field) == "" {
				why = append(why, "a capture into a field of type "+e.field.typ)
			}
		case sub:
			t := e.field.typ
			if !g.known(e.field.elem()) || !slices.Contains(g.subTypes(e.field.elem()), t) {
				why = append(why, "@@ into a field of type "+t)
			}
		}
	})
	slices.Sort(why)
	return strings.Join(slices.Compact(why), ", ")
}

// valueKind classifies a field that @ captures tokens into: "str" (a
// string type), "*str", "[]str", "bool", "int", "*int", "[]int"; "" when
// the generator does not handle it.
func (g *grammar) valueKind(f *field) string {
	base := strings.TrimPrefix(strings.TrimPrefix(f.typ, "[]"), "*")
	prefix := f.typ[:len(f.typ)-len(base)]
	switch {
	case g.src.custom[base]:
		return ""
	case base == "string" || g.src.strings[base]:
		base = "str"
	case base == "bool" || base == "int":
	default:
		return ""
	}
	switch prefix + base {
	case "str", "*str", "[]str", "bool", "int", "*int", "[]int":
		return prefix + base
	}
	return ""
}

// compiledReach is the structs the generated parser reaches from root, in
// the grammar's order: through the compiled ones, not into what
// participle parses for a delegated one.
func (g *grammar) compiledReach(root string) []string {
	seen := map[string]bool{}
	var visit func(n string)
	visit = func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		if _, ok := g.delegated[n]; ok {
			return
		}
		walk(g.structs[n].expr, func(e expr) {
			if s, ok := e.(sub); ok {
				visit(s.field.elem())
			}
		})
	}
	visit(root)
	var out []string
	for _, n := range g.order {
		if seen[n] {
			out = append(out, n)
		}
	}
	return out
}
