package main

import (
	"bytes"
	"fmt"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/translate"
)

// translatedError writes an error of the translated text (which does not
// load on the target) at the place of the input it comes from, since
// that is the file the user has, and, when the translation wrote the line,
// names the output's line and quotes it, as the proof names output lines:
// `pf.conf:3:1: error: os only applies to tcp (output line 1: pass os A
// set prio 3)`. maps keeps each file's mapping for the next error.
func translatedError(e *grammar.Error, res *translate.Result, outputs map[string][]byte, maps map[string]*edit.Mapping) string {
	src, ok := res.Sources[e.Pos.File]
	out, written := outputs[e.Pos.File]
	if !ok || !written || e.Pos.Offset < 0 || e.Pos.Offset > len(out) {
		return e.Error()
	}
	m := maps[e.Pos.File]
	if m == nil {
		m = edit.NewMapping(len(src.Bytes), res.Edits[e.Pos.File])
		maps[e.Pos.File] = m
	}
	at := *e
	at.Pos = src.Position(m.Before(e.Pos.Offset))
	translated := lineAround(out, e.Pos.Offset)
	if translated == lineAround(src.Bytes, at.Pos.Offset) {
		return at.Error()
	}
	return fmt.Sprintf("%s (output line %d: %s)", at.Error(), e.Pos.Line, translated)
}

// lineAround is the line of text that holds offset off, without its newline.
func lineAround(text []byte, off int) string {
	start := bytes.LastIndexByte(text[:off], '\n') + 1
	end := bytes.IndexByte(text[off:], '\n')
	if end < 0 {
		return string(text[start:])
	}
	return string(text[start : off+end])
}
