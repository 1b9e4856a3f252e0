package fastgen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// source is what the generator reads from the grammar package: its struct
// types with their fields, the unions registered with participle, the
// token types participle knows by name, and the node arena's chunks.
type source struct {
	structs map[string]*ast.StructType
	// unions maps an interface type registered with participle.Union
	// (FilterOpt) to its members, in the order participle tries them.
	unions map[string][]unionMember
	// symbols maps a token type's name in the grammar (Word) to the Go
	// constant that holds it (ptWord).
	symbols map[string]string
	// slabs maps a node type (FilterRule, Str) to the field of the arena
	// type that hands out nodes of it (filterRule).
	slabs map[string]string
	// strings are the named types whose underlying type is string (Str).
	strings map[string]bool
	// custom are the types that tell participle how to read them with a
	// method (Parse, Capture, UnmarshalText): their grammar is not in
	// tags.
	custom map[string]bool
	// offset is the package's type of a node's position (Config.Offset).
	offset string
}

// unionMember is a member of a union as written in participle.Union's
// arguments: &OptUser{} is the struct type OptUser, given as a pointer.
// typ is "" for an argument that is not such a literal.
type unionMember struct {
	typ string
	ptr bool
}

// load parses the package's Go files in dir, leaving out tests and the
// generated file.
func load(dir, out, arena string) (*source, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == out {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	src := &source{structs: map[string]*ast.StructType{}, unions: map[string][]unionMember{}, symbols: map[string]string{}, slabs: map[string]string{}, strings: map[string]bool{}, custom: map[string]bool{}}
	fset := token.NewFileSet()
	for _, n := range names {
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		pkg := participleName(f)
		var uerr error
		ast.Inspect(f, func(nd ast.Node) bool {
			switch nd := nd.(type) {
			case *ast.TypeSpec:
				if id, ok := nd.Type.(*ast.Ident); ok && id.Name == "string" {
					src.strings[nd.Name.Name] = true
				}
				if st, ok := nd.Type.(*ast.StructType); ok && nd.TypeParams == nil {
					src.structs[nd.Name.Name] = st
					if nd.Name.Name == arena {
						src.readArena(st)
					}
				}
			case *ast.CompositeLit:
				src.readSymbols(nd)
			case *ast.CallExpr:
				if err := src.readUnion(nd, pkg); err != nil && uerr == nil {
					uerr = fmt.Errorf("%s: %v", n, err)
				}
			case *ast.FuncDecl:
				switch nd.Name.Name {
				case "Parse", "Capture", "UnmarshalText":
					if nd.Recv != nil && len(nd.Recv.List) == 1 {
						src.custom[strings.TrimPrefix(exprString(nd.Recv.List[0].Type), "*")] = true
					}
				}
			}
			return true
		})
		if uerr != nil {
			return nil, uerr
		}
	}
	if len(src.symbols) == 0 {
		return nil, fmt.Errorf("no map of participle token types (map[string]plexer.TokenType) in %s", dir)
	}
	return src, nil
}

// readSymbols reads a map[string]plexer.TokenType literal: the symbols of
// the participle lexer definition.
func (s *source) readSymbols(cl *ast.CompositeLit) {
	mt, ok := cl.Type.(*ast.MapType)
	if !ok || exprString(mt.Key) != "string" || !strings.HasSuffix(exprString(mt.Value), ".TokenType") {
		return
	}
	for _, e := range cl.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		k, ok := kv.Key.(*ast.BasicLit)
		if !ok || k.Kind != token.STRING {
			continue
		}
		name, err := strconv.Unquote(k.Value)
		if err == nil {
			s.symbols[name] = exprString(kv.Value)
		}
	}
}

// participleName is the name under which file f imports participle, or
// "" when it does not.
func participleName(f *ast.File) string {
	for _, im := range f.Imports {
		if path, err := strconv.Unquote(im.Path.Value); err != nil || path != participlePath {
			continue
		}
		if im.Name != nil {
			return im.Name.Name
		}
		return "participle"
	}
	return ""
}

const participlePath = "github.com/alecthomas/participle/v2"

// readUnion reads a call participle.Union[T](members...), which makes
// the interface type T a choice of its members, tried in their order.
func (s *source) readUnion(c *ast.CallExpr, pkg string) error {
	ix, ok := c.Fun.(*ast.IndexExpr)
	if !ok || pkg == "" {
		return nil
	}
	sel, ok := ix.X.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Union" || exprString(sel.X) != pkg {
		return nil
	}
	name := exprString(ix.Index)
	if _, dup := s.unions[name]; dup {
		return fmt.Errorf("union %s is registered twice", name)
	}
	ms := []unionMember{}
	for _, a := range c.Args {
		var m unionMember
		if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
			m.ptr, a = true, u.X
		}
		if cl, ok := a.(*ast.CompositeLit); ok && len(cl.Elts) == 0 {
			if id, ok := cl.Type.(*ast.Ident); ok {
				m.typ = id.Name
			}
		}
		ms = append(ms, m)
	}
	s.unions[name] = ms
	return nil
}

// readArena reads the arena type's fields `name slab[T]`.
func (s *source) readArena(st *ast.StructType) {
	for _, f := range st.Fields.List {
		ix, ok := f.Type.(*ast.IndexExpr)
		if !ok || exprString(ix.X) != "slab" {
			continue
		}
		for _, n := range f.Names {
			s.slabs[exprString(ix.Index)] = n.Name
		}
	}
}

// exprString writes a type expression the way it is spelled in source.
func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.StarExpr:
		return "*" + exprString(e.X)
	case *ast.ArrayType:
		if e.Len == nil {
			return "[]" + exprString(e.Elt)
		}
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	case *ast.IndexExpr:
		return exprString(e.X) + "[" + exprString(e.Index) + "]"
	}
	return fmt.Sprintf("%T", e)
}

// packageName is the package clause of the Go files in dir.
func packageName(dir, out string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == out {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, n), nil, parser.PackageClauseOnly)
		if err != nil {
			return "", err
		}
		return f.Name.Name, nil
	}
	return "", fmt.Errorf("no Go files in %s", dir)
}
