package msgcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
)

// CodeFiles are the files that declare the codes of errors (grammar.Code).
var CodeFiles = []string{"grammar/codes.go", "internal/model/codes.go", "internal/printer/codes.go", "internal/ruleset/codes.go"}

// Code is one declared code.
type Code struct {
	Name, Value string
	Pos         token.Position
	Documented  bool
	// Doc is the comment without the constant's name: what it is.
	Doc string
}

// DeclaredCodes reads the constants of type Code (or grammar.Code) of a
// file.
func DeclaredCodes(path string) ([]Code, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var out []Code
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if !isCodeType(vs.Type) {
				continue
			}
			for i, id := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					continue
				}
				v, _ := strconv.Unquote(lit.Value)
				c := Code{Name: id.Name, Value: v, Pos: fset.Position(id.Pos())}
				if vs.Doc != nil {
					doc := strings.Join(strings.Fields(vs.Doc.Text()), " ")
					if rest, ok := strings.CutPrefix(doc, id.Name+" is "); ok {
						c.Documented, c.Doc = true, strings.TrimSuffix(rest, ".")
					} else if strings.HasPrefix(doc, id.Name+" ") {
						c.Documented, c.Doc = true, strings.TrimSuffix(doc, ".")
					}
				}
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func isCodeType(e ast.Expr) bool {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name == "Code"
	case *ast.SelectorExpr:
		return t.Sel.Name == "Code"
	}
	return false
}
