package msgcheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// messageFields are the field names that hold a message.
var messageFields = map[string]bool{"Msg": true, "Message": true}

// textFuncs are the functions of package strings that look into text.
var textFuncs = map[string]bool{
	"Contains": true, "ContainsAny": true, "ContainsRune": true, "ContainsFunc": true,
	"HasPrefix": true, "HasSuffix": true, "CutPrefix": true, "CutSuffix": true, "Cut": true,
	"TrimPrefix": true, "TrimSuffix": true, "Index": true, "IndexAny": true, "IndexByte": true,
	"IndexRune": true, "IndexFunc": true, "LastIndex": true, "LastIndexAny": true, "LastIndexByte": true,
	"EqualFold": true, "Fields": true, "FieldsFunc": true, "Split": true, "SplitN": true,
	"SplitAfter": true, "SplitAfterN": true, "Count": true, "Compare": true,
}

// regexpMethods are the methods of *regexp.Regexp that match text.
var regexpMethods = map[string]bool{
	"MatchString": true, "FindString": true, "FindStringIndex": true, "FindStringSubmatch": true,
	"FindStringSubmatchIndex": true, "FindAllString": true, "FindAllStringIndex": true,
	"FindAllStringSubmatch": true, "FindAllStringSubmatchIndex": true, "ReplaceAllString": true,
	"ReplaceAllStringFunc": true, "ReplaceAllLiteralString": true, "Split": true, "Match": true,
}

// reporters are the methods that report an error with its code first.
var reporters = map[string]bool{"Add": true, "Addf": true, "NewError": true, "parseErr": true, "loadErr": true,
	"exitErr": true, "errorAt": true, "syntax": true, "errorf": true}

// Finding is one use of a message's words.
type Finding struct {
	Pos  token.Position
	What string
}

func (f Finding) String() string { return fmt.Sprintf("%s: %s", f.Pos, f.What) }

// CheckDir checks every non-test .go file under root, skipping testdata
// and hidden folders.
func CheckDir(root string) ([]Finding, error) {
	var out []Finding
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fs, err := CheckFile(path, nil)
		out = append(out, fs...)
		return err
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Pos.String() < out[j].Pos.String() })
	return out, err
}

// CheckFile checks one file (src, when not nil, is its text).
func CheckFile(path string, src any) ([]Finding, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	ok := map[int]bool{} // lines with a msgcheck:ok comment
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.Contains(c.Text, "msgcheck:ok") {
				ok[fset.Position(c.Pos()).Line] = true
			}
		}
	}
	c := &checker{fset: fset, ok: ok, imports: imports(f)}
	for _, decl := range f.Decls {
		ast.Inspect(decl, func(n ast.Node) bool {
			if fn, isFunc := n.(*ast.FuncDecl); isFunc {
				c.vars = map[string]bool{}
				c.params(fn.Type)
				c.collect(fn)
			}
			if fl, isLit := n.(*ast.FuncLit); isLit {
				if c.vars == nil {
					c.vars = map[string]bool{}
				}
				c.params(fl.Type)
				c.collect(fl)
			}
			c.visit(n)
			return true
		})
		c.vars = nil
	}
	return c.out, nil
}

// imports maps the names a file imports packages under to their paths.
func imports(f *ast.File) map[string]string {
	out := map[string]string{}
	for _, im := range f.Imports {
		p := strings.Trim(im.Path.Value, `"`)
		name := p[strings.LastIndex(p, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		out[name] = p
	}
	return out
}

type checker struct {
	fset    *token.FileSet
	ok      map[int]bool
	imports map[string]string
	// vars are the variables of the function being checked that hold a
	// message (assigned from one).
	vars map[string]bool
	out  []Finding
}

// params marks the parameters named msg or message: what a caller hands
// over as a message (claims(t, e.Msg)) is one.
func (c *checker) params(ft *ast.FuncType) {
	if ft.Params == nil {
		return
	}
	for _, f := range ft.Params.List {
		for _, id := range f.Names {
			if n := strings.ToLower(id.Name); n == "msg" || n == "message" {
				c.vars[id.Name] = true
			}
		}
	}
}

// collect finds the variables of a function assigned from a message,
// until no more are found (msg := e.Msg; m := msg + "…").
func (c *checker) collect(fn ast.Node) {
	for changed := true; changed; {
		changed = false
		ast.Inspect(fn, func(n ast.Node) bool {
			var lhs, rhs []ast.Expr
			switch s := n.(type) {
			case *ast.AssignStmt:
				lhs, rhs = s.Lhs, s.Rhs
			case *ast.ValueSpec:
				for _, id := range s.Names {
					lhs = append(lhs, id)
				}
				rhs = s.Values
			case *ast.RangeStmt:
				if s.Value != nil && c.isMessageSlice(s.X) {
					lhs, rhs = []ast.Expr{s.Value}, []ast.Expr{s.X}
				}
			default:
				return true
			}
			if len(lhs) != len(rhs) {
				return true
			}
			for i, l := range lhs {
				id, isIdent := l.(*ast.Ident)
				if !isIdent || id.Name == "_" || c.vars[id.Name] {
					continue
				}
				if c.isMessage(rhs[i]) || c.isMessageSlice(rhs[i]) {
					c.vars[id.Name] = true
					changed = true
				}
			}
			return true
		})
	}
}

// isMessage reports whether an expression is, or is made from, a
// message.
func (c *checker) isMessage(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.SelectorExpr:
		return messageFields[x.Sel.Name]
	case *ast.Ident:
		return c.vars[x.Name]
	case *ast.ParenExpr:
		return c.isMessage(x.X)
	case *ast.BinaryExpr:
		return x.Op == token.ADD && (c.isMessage(x.X) || c.isMessage(x.Y))
	case *ast.SliceExpr:
		return c.isMessage(x.X)
	case *ast.IndexExpr:
		return c.isMessage(x.X)
	case *ast.CallExpr:
		// strings.ToLower(msg), strings.TrimSpace(msg), string(msg)…
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
			if pkg, ok := sel.X.(*ast.Ident); ok && c.imports[pkg.Name] == "strings" {
				for _, a := range x.Args {
					if c.isMessage(a) {
						return true
					}
				}
			}
		}
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "string" && len(x.Args) == 1 {
			return c.isMessage(x.Args[0])
		}
	}
	return false
}

// isMessageSlice reports whether an expression is a slice of a message's
// parts (strings.Fields(msg), strings.Split(msg, …)).
func (c *checker) isMessageSlice(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || c.imports[pkg.Name] != "strings" {
		return false
	}
	for _, a := range call.Args {
		if c.isMessage(a) {
			return true
		}
	}
	return false
}

func (c *checker) report(n ast.Node, format string, args ...any) {
	pos := c.fset.Position(n.Pos())
	if c.ok[pos.Line] || c.ok[pos.Line-1] {
		return
	}
	c.out = append(c.out, Finding{Pos: pos, What: fmt.Sprintf(format, args...)})
}

func (c *checker) visit(n ast.Node) {
	switch x := n.(type) {
	case *ast.CallExpr:
		sel, ok := x.Fun.(*ast.SelectorExpr)
		if !ok {
			return
		}
		name := sel.Sel.Name
		if reporters[name] && len(x.Args) >= 2 {
			if lit, ok := x.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				c.report(x, "%s is given the code %s as a literal: declare it as a constant in one of the code files", name, lit.Value)
			}
		}
		pkg, isPkg := sel.X.(*ast.Ident)
		switch {
		case isPkg && c.imports[pkg.Name] == "strings" && textFuncs[name],
			isPkg && c.imports[pkg.Name] == "regexp" && strings.HasPrefix(name, "Match"),
			!(isPkg && c.imports[pkg.Name] != "") && regexpMethods[name]:
			for _, a := range x.Args {
				if c.isMessage(a) {
					c.report(x, "%s looks into the words of a message (%s): decide on a code or a subject", name, c.text(a))
					return
				}
			}
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			if c.isMessage(x.X) || c.isMessage(x.Y) {
				c.report(x, "%s compares the words of a message: decide on a code or a subject", c.text(x))
			}
		}
	case *ast.SwitchStmt:
		if x.Tag != nil && c.isMessage(x.Tag) {
			c.report(x, "switch on the words of a message (%s): decide on a code or a subject", c.text(x.Tag))
		}
	}
}

func (c *checker) text(e ast.Expr) string {
	var b strings.Builder
	_ = printExpr(&b, e)
	return b.String()
}
