package msgcheck

import (
	"go/ast"
	"go/printer"
	"go/token"
	"io"
)

func printExpr(w io.Writer, e ast.Expr) error {
	return printer.Fprint(w, token.NewFileSet(), e)
}
