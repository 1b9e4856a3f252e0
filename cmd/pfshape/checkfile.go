package main

import (
	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// checkFile returns every error of a parsed file: syntax errors, then the
// load-time checks.
func checkFile(f *grammar.File, _ target.Target) grammar.ErrorList {
	return f.Errors
}
