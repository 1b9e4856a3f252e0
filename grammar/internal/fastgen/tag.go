package fastgen

import (
	"fmt"
	"go/ast"
	"reflect"
	"strconv"
	"strings"
	"text/scanner"
)

// The grammar of a struct is the concatenation of its fields' `parser`
// tags, read as participle reads them (participle's grammar.go): a field
// embedded without a name adds its own fields' tags in place, and `@`
// captures into the field whose tag it is written in.

// expr is a node of a struct's grammar.
type expr interface{}

type (
	// seq matches its items one after the other.
	seq []expr
	// alt matches the first of its alternatives that matches.
	alt []expr
	// rep is x?, x*, x+ (mode '?', '*', '+') or x! (non-empty).
	rep struct {
		x    expr
		mode rune
	}
	// lit is a literal, "pass", matched by the token's text.
	lit struct{ text string }
	// ref is a token type, Word, matched by the token's type.
	ref struct{ typ string }
	// capture is @x: the tokens x matches, stored in field.
	capture struct {
		field *field
		x     expr
	}
	// sub is @@: the struct of field's type, parsed and stored in field.
	sub struct{ field *field }
	// unsupported is a construct the generator does not compile (negation,
	// lookahead, a typed literal); a struct that has one is parsed by
	// participle.
	unsupported struct{ what string }
)

// field is a field of a struct that its grammar captures into.
type field struct {
	path string // Go selector from the struct: Dir, or RuleHead.Dir
	typ  string // the Go type as written: Str, *Str, []*FromToPart, []FilterOpt
}

// elem is the struct or union type a @@ field holds: FromTo for *FromTo,
// FilterOpt for []FilterOpt.
func (f *field) elem() string {
	return strings.TrimPrefix(strings.TrimPrefix(f.typ, "[]"), "*")
}

// tagToken is one token of a tag, with the field it belongs to.
type tagToken struct {
	kind  rune // scanner.String, scanner.Ident or the character
	text  string
	field *field
}

// structDef is a struct type of the grammar.
type structDef struct {
	name      string
	hasPos    bool
	hasEndPos bool
	tokens    bool // a Tokens field, which participle fills with the tokens matched
	// union is set for an interface type registered with
	// participle.Union: expr is the choice of its members (union.go).
	union bool
	expr  expr
}

// readStruct reads the grammar of the struct type or union name.
func readStruct(src *source, name string) (*structDef, error) {
	if _, ok := src.unions[name]; ok {
		return unionDef(src, name)
	}
	st, ok := src.structs[name]
	if !ok {
		return nil, fmt.Errorf("struct type %s not found", name)
	}
	d := &structDef{name: name}
	var toks []tagToken
	if err := tagTokens(src, st, "", &toks, d); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	p := &tagParser{toks: toks}
	e, err := p.alternatives()
	if err == nil && p.i < len(toks) {
		err = fmt.Errorf("unexpected %q", toks[p.i].text)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	d.expr = e
	return d, nil
}

// tagTokens lexes the tags of st's fields in order, descending into
// embedded structs.
func tagTokens(src *source, st *ast.StructType, prefix string, out *[]tagToken, d *structDef) error {
	for _, f := range st.Fields.List {
		typ := exprString(f.Type)
		if len(f.Names) == 0 {
			if emb, ok := src.structs[typ]; ok {
				if err := tagTokens(src, emb, prefix+typ+".", out, d); err != nil {
					return err
				}
			}
			continue
		}
		// participle fills a Pos or EndPos of its lexer.Position; the
		// generated parser fills those and the package's offset type.
		pos := strings.HasSuffix(typ, ".Position") || (src.offset != "" && typ == src.offset)
		for _, n := range f.Names {
			// participle finds these by name, promoted ones too.
			switch {
			case n.Name == "Pos" && pos:
				d.hasPos = true
			case n.Name == "EndPos" && pos:
				d.hasEndPos = true
			case n.Name == "Tokens" && strings.HasSuffix(typ, ".Token"):
				d.tokens = true
			}
		}
		if f.Tag == nil {
			continue
		}
		raw, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			return err
		}
		tag, ok := reflect.StructTag(raw).Lookup("parser")
		if !ok {
			continue
		}
		if len(f.Names) != 1 {
			return fmt.Errorf("a tagged field declaration must name one field")
		}
		fld := &field{path: prefix + f.Names[0].Name, typ: typ}
		var s scanner.Scanner
		s.Init(strings.NewReader(tag))
		s.Error = func(*scanner.Scanner, string) {}
		for r := s.Scan(); r != scanner.EOF; r = s.Scan() {
			t := tagToken{kind: r, text: s.TokenText(), field: fld}
			if r == scanner.String || r == scanner.RawString || r == scanner.Char {
				v, err := strconv.Unquote(t.text)
				if err != nil {
					return fmt.Errorf("field %s: %v", fld.path, err)
				}
				t.kind, t.text = scanner.String, v
			}
			*out = append(*out, t)
		}
	}
	return nil
}

// tagParser reads tokens into an expr the way participle's
// generatorContext does.
type tagParser struct {
	toks []tagToken
	i    int
}

func (p *tagParser) peek() rune {
	if p.i < len(p.toks) {
		return p.toks[p.i].kind
	}
	return scanner.EOF
}

func (p *tagParser) alternatives() (expr, error) {
	var out alt
	for {
		s, err := p.sequence()
		if err != nil {
			return nil, err
		}
		if s == nil {
			return nil, fmt.Errorf("alternative %d is empty", len(out)+1)
		}
		out = append(out, s)
		if p.peek() != '|' {
			break
		}
		p.i++
	}
	if len(out) == 1 {
		return out[0], nil
	}
	return out, nil
}

func (p *tagParser) sequence() (expr, error) {
	var out seq
	for {
		switch p.peek() {
		case scanner.EOF, '|', ')':
			switch len(out) {
			case 0:
				return nil, nil
			case 1:
				return out[0], nil
			}
			return out, nil
		}
		t, err := p.term()
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
}

func (p *tagParser) term() (expr, error) {
	t, err := p.termNoModifier()
	if err != nil {
		return nil, err
	}
	switch m := p.peek(); m {
	case '?', '*', '+', '!':
		p.i++
		return rep{x: t, mode: m}, nil
	}
	return t, nil
}

func (p *tagParser) termNoModifier() (expr, error) {
	if p.i >= len(p.toks) {
		return nil, fmt.Errorf("unexpected end of tag")
	}
	t := p.toks[p.i]
	p.i++
	switch t.kind {
	case '@':
		if p.peek() == '@' {
			p.i++
			return sub{field: t.field}, nil
		}
		x, err := p.termNoModifier()
		if err != nil {
			return nil, err
		}
		return capture{field: t.field, x: x}, nil
	case scanner.String:
		if p.peek() == ':' {
			p.i += 2
			return unsupported{"typed literal " + strconv.Quote(t.text)}, nil
		}
		return lit{t.text}, nil
	case scanner.Ident:
		return ref{t.text}, nil
	case '(':
		lookahead := p.peek() == '?'
		if lookahead {
			p.i += 2 // ?= or ?!
		}
		x, err := p.alternatives()
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, fmt.Errorf("expected )")
		}
		p.i++
		if lookahead {
			return unsupported{"lookahead group"}, nil
		}
		return x, nil
	case '[', '{':
		closer, mode := ']', '?'
		if t.kind == '{' {
			closer, mode = '}', '*'
		}
		x, err := p.alternatives()
		if err != nil {
			return nil, err
		}
		if p.peek() != closer {
			return nil, fmt.Errorf("expected %c", closer)
		}
		p.i++
		return rep{x: x, mode: mode}, nil
	case '!', '~':
		x, err := p.termNoModifier()
		if err != nil {
			return nil, err
		}
		return unsupported{fmt.Sprintf("negation %c%v", t.kind, x)}, nil
	}
	return nil, fmt.Errorf("unexpected %q", t.text)
}
