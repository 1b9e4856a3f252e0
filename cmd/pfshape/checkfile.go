package main

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// checkFile returns every error of a parsed file: syntax errors, and the
// errors pfctl reports while it reads and loads the queues and rules that
// need no machine state, sorted by position.
func checkFile(f *grammar.File, t target.Target) grammar.ErrorList {
	errs := append(grammar.ErrorList(nil), f.Errors...)
	m, _ := model.Build(f)
	errs = append(errs, m.Check(t)...)
	errs.Sort()
	return errs
}
