package fastgen

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
)

// emitter writes the Go source of the parsers.
type emitter struct {
	g        *grammar
	parser   string // the receiver type: ruleParser
	out      bytes.Buffer
	preds    map[string]string // first set key -> predicate method name
	predSets []firstSet
	helpers  []string // generated methods besides the struct parsers
	ptrs     map[string]bool
	vars     int
}

func (e *emitter) printf(format string, args ...any) { fmt.Fprintf(&e.out, format, args...) }

// parseFunc is the name of the method that parses struct name.
func parseFunc(name string) string { return "parse" + name }

// newNode is the expression that allocates a zeroed T: from the arena if
// it has a chunk of T.
func (e *emitter) newNode(t string) string {
	if f, ok := e.g.src.slabs[t]; ok {
		return "take(&p.a." + f + ")"
	}
	return "new(" + t + ")"
}

func (e *emitter) structParser(d *structDef) {
	name := d.name
	if why, ok := e.g.delegated[name]; ok {
		e.printf("\n// %s goes to participle: the generator does not compile %s.\n", parseFunc(name), why)
		if d.union {
			e.printf("func (p *%s) %s() %s { return *delegate(p, participle%s()) }\n", e.parser, parseFunc(name), name, name)
		} else {
			e.printf("func (p *%s) %s() *%s { return delegate(p, participle%s()) }\n", e.parser, parseFunc(name), name, name)
		}
		e.printf("\nvar participle%s = lazyParser[%s]()\n", name, name)
		return
	}
	if d.union {
		// The member parsed is stored in s, the union's value.
		e.printf("\nfunc (p *%s) %s() %s {\n", e.parser, parseFunc(name), name)
		e.printf("var s %s\n", name)
		e.node(d, d.expr, nil, nil)
		e.printf("return s\n}\n")
		return
	}
	e.printf("\nfunc (p *%s) %s() *%s {\n", e.parser, parseFunc(name), name)
	e.printf("s := %s\n", e.newNode(name))
	if d.hasPos {
		e.printf("s.Pos = p.pos()\n")
	}
	sites := captureSites(d.expr)
	e.node(d, d.expr, nil, sites)
	if d.hasEndPos {
		e.printf("s.EndPos = p.pos()\n")
	}
	e.printf("return s\n}\n")
}

// site counts the captures into a field and whether one is repeated.
type site struct {
	n        int
	repeated bool
}

func captureSites(x expr) map[string]*site {
	out := map[string]*site{}
	eachStore(x, false, func(path string, isCapture, inLoop bool) {
		if !isCapture {
			return
		}
		s := out[path]
		if s == nil {
			s = &site{}
			out[path] = s
		}
		s.n++
		s.repeated = s.repeated || inLoop
	})
	return out
}

// eachStore calls fn for each capture (@) and parse into a field (@@) of
// x, in order, with whether it is inside a repetition other than ?.
func eachStore(x expr, inLoop bool, fn func(path string, isCapture, inLoop bool)) {
	switch x := x.(type) {
	case seq:
		for _, y := range x {
			eachStore(y, inLoop, fn)
		}
	case alt:
		for _, y := range x {
			eachStore(y, inLoop, fn)
		}
	case rep:
		eachStore(x.x, inLoop || x.mode != '?', fn)
	case capture:
		fn(x.field.path, true, inLoop)
	case sub:
		fn(x.field.path, false, inLoop)
	}
}

// singleToken reports whether x matches exactly one token, and which:
// a literal, a token type, or a choice of those.
func singleToken(x expr) bool {
	switch x := x.(type) {
	case lit, ref:
		return true
	case alt:
		for _, y := range x {
			if !singleToken(y) {
				return false
			}
		}
		return true
	}
	return false
}

// node writes the code that parses x at the current token, declining if
// it does not match. known, if not nil, is a set the current token is
// known to be in (x was chosen on it).
func (e *emitter) node(d *structDef, x expr, known *firstSet, sites map[string]*site) {
	g := e.g
	switch x := x.(type) {
	case seq:
		for i, y := range x {
			if i > 0 {
				known = nil
			}
			e.node(d, y, known, sites)
		}
	case lit, ref:
		f := g.firstOf(x)
		if known == nil || !known.subset(f) {
			e.printf("if !(%s) {\np.decline()\n}\n", e.pred(f))
		}
		e.printf("p.next()\n")
	case capture:
		e.capture(d, x, known, sites)
	case sub:
		call := "p." + parseFunc(x.field.elem()) + "()"
		if d.union {
			e.printf("s = %s\n", call)
		} else if strings.HasPrefix(x.field.typ, "[]") {
			e.printf("s.%s = append(s.%s, %s)\n", x.field.path, x.field.path, call)
		} else {
			e.printf("s.%s = %s\n", x.field.path, call)
		}
	case rep:
		f := g.firstOf(x.x)
		cannotFail := singleToken(x.x) || (isCaptureOfSingle(x.x))
		// body reads one match of the part. One that may fail after its
		// first token is a branch, as in participle: where it fails,
		// try puts the cursor back and the part's stores are undone,
		// and the part ends there (then).
		body := func(then string) {
			if cannotFail {
				e.node(d, x.x, &f, sites)
				return
			}
			n, saved := e.save(d, x.x)
			e.printf("if !p.try(func() {\n")
			e.node(d, x.x, &f, sites)
			e.printf("}) {\n")
			for i, fp := range saved {
				e.printf("%s = saved%d_%d\n", fp, n, i)
			}
			e.printf("%s}\n", then)
		}
		switch x.mode {
		case '?':
			if g.nullable(x.x) {
				e.node(d, x.x, known, sites)
				return
			}
			e.printf("if %s {\n", e.pred(f))
			body("")
			e.printf("}\n")
		case '*':
			e.printf("for %s {\n", e.pred(f))
			body("break\n")
			e.printf("}\n")
		case '+':
			e.node(d, x.x, known, sites)
			e.printf("for %s {\n", e.pred(f))
			body("break\n")
			e.printf("}\n")
		default:
			panic("unchecked repetition")
		}
	case alt:
		e.alt(d, x, known, sites)
	default:
		panic(fmt.Sprintf("unchecked %T", x))
	}
}

// save writes the copies of what x may store, before a branch that
// reads x, and returns the stores to undo if it fails: each field x
// captures or parses into, or a union's value. The copies are named
// savedN_i, with the n returned.
func (e *emitter) save(d *structDef, x expr) (n int, stores []string) {
	if d.union {
		stores = []string{"s"}
	} else {
		seen := map[string]bool{}
		eachStore(x, false, func(path string, _, _ bool) {
			if !seen[path] {
				seen[path] = true
				stores = append(stores, "s."+path)
			}
		})
	}
	e.vars++
	for i, fp := range stores {
		e.printf("saved%d_%d := %s\n", e.vars, i, fp)
	}
	return e.vars, stores
}

func isCaptureOfSingle(x expr) bool {
	c, ok := x.(capture)
	return ok && singleToken(c.x)
}

// capture writes @x into its field.
func (e *emitter) capture(d *structDef, c capture, known *firstSet, sites map[string]*site) {
	kind := e.g.valueKind(c.field)
	base := strings.TrimPrefix(strings.TrimPrefix(c.field.typ, "[]"), "*")
	s := sites[c.field.path]
	accumulate := s.n > 1 || s.repeated
	fp := "s." + c.field.path
	var v string
	if singleToken(c.x) {
		f := e.g.firstOf(c.x)
		if known == nil || !known.subset(f) {
			e.printf("if !(%s) {\np.decline()\n}\n", e.pred(f))
		}
		v = "p.next().Value"
		if kind == "bool" {
			e.printf("p.next()\n")
		}
	} else {
		e.vars++
		start := fmt.Sprintf("i%d", e.vars)
		e.printf("%s := p.i\n", start)
		e.node(d, c.x, known, sites)
		if kind == "[]str" || kind == "[]int" {
			e.printf("for _, t := range p.toks[%s:p.i] {\n", start)
			defer e.printf("}\n")
			v = "t.Value"
		} else {
			v = fmt.Sprintf("p.text(%s)", start)
		}
	}
	conv := func(v string) string {
		if base == "string" {
			return v
		}
		return base + "(" + v + ")"
	}
	switch kind {
	case "bool":
		e.printf("%s = true\n", fp)
	case "str":
		if accumulate {
			e.printf("%s += %s\n", fp, conv(v))
		} else {
			e.printf("%s = %s\n", fp, conv(v))
		}
	case "*str":
		e.ptrs[base] = true
		if accumulate {
			e.printf("if %s == nil {\n%s = p.new%s()\n}\n*%s += %s\n", fp, fp, title(base), fp, conv(v))
		} else {
			e.printf("%s = p.new%s()\n*%s = %s\n", fp, title(base), fp, conv(v))
		}
	case "[]str":
		e.printf("%s = append(%s, %s)\n", fp, fp, conv(v))
	case "int":
		e.printf("%s = p.atoi(%s)\n", fp, v)
	case "*int":
		e.ptrs["int"] = true
		e.printf("%s = p.newInt()\n*%s = p.atoi(%s)\n", fp, fp, v)
	case "[]int":
		e.printf("%s = append(%s, p.atoi(%s))\n", fp, fp, v)
	default:
		panic("unchecked capture into " + c.field.typ)
	}
}

func title(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
