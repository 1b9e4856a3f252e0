package lint

import (
	"github.com/pfshape/pfshape/grammar"
)

var unusedMacro = &Rule{
	ID:       "PF302",
	Name:     "unused-macro",
	Severity: Warning,
	Summary:  "a macro that is defined and never used",
	Doc: `A macro nobody expands is dead text, or the sign of a typo where it was
meant to be used (a rule that names the interface directly, or another
macro). The fix deletes the definition when it stands alone on its lines.
Macros given with -D are not reported.`,
	Bad: `ext_if = "em0"
int_if = "em1"
pass out on $ext_if
`,
	Good: `ext_if = "em0"
pass out on $ext_if
`,
	Fixable: true,
	Run: func(p *Pass) {
		type definition struct {
			name string
			at   grammar.Position
		}
		defs := map[definition]*grammar.Statement{}
		for _, s := range p.Statements() {
			if s.Stmt != nil && s.Macro != nil {
				defs[definition{s.Macro.Name.Text(), s.Pos()}] = s
			}
		}
		for _, m := range p.File.Macros.All() {
			if m.Used || m.Override {
				continue
			}
			def := defs[definition{m.Name, m.Defined}]
			if def == nil {
				continue
			}
			d := Diagnostic{Range: p.SpanRange(def.Source, def.Span),
				Message: "macro " + m.Name + " is defined but never used"}
			if sp, ok := wholeLines(def.Source, def.Span); ok && !fromMacro(def, def.Span) {
				d.Fixes = []Fix{{Message: "delete the definition of " + m.Name, Edits: []FileEdit{p.Edit(def.Source, sp, "")}}}
			}
			p.Report(d)
		}
	},
}

// wholeLines widens a span to the lines it stands on, newline included,
// when nothing else but blanks (and a comment after it) is on them.
func wholeLines(src *grammar.Source, sp grammar.Span) (grammar.Span, bool) {
	b := src.Bytes
	start := sp.Start
	for start > 0 && b[start-1] != '\n' {
		start--
		if b[start] != ' ' && b[start] != '\t' {
			return sp, false
		}
	}
	end := sp.End
	for end < len(b) && b[end] != '\n' {
		if b[end] == '#' {
			for end < len(b) && b[end] != '\n' {
				end++
			}
			break
		}
		if b[end] != ' ' && b[end] != '\t' && b[end] != '\r' {
			return sp, false
		}
		end++
	}
	if end < len(b) {
		end++
	}
	return grammar.Span{Start: start, End: end}, true
}
