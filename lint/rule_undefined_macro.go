package lint

import (
	"fmt"

	"github.com/pfshape/pfshape/grammar"
)

var undefinedMacro = &Rule{
	ID:       "PF301",
	Name:     "undefined-macro",
	Severity: Error,
	Summary:  "a $macro used before it is defined, or never defined",
	Doc: `pfctl expands $name as it reads, so a macro must be defined above its
first use, and an undefined one is an error ("macro 'ext_if' not defined").
The message suggests the closest defined name (the fix renames the
reference to it), or the line where the macro is defined too late.`,
	Bad: `ext_if = "em0"
pass out on $ext_fi
`,
	Good: `ext_if = "em0"
pass out on $ext_if
`,
	Fixable:     true,
	UnsafeFixes: true,
	Claims:      []grammar.Code{grammar.MacroUndefined},
	Run: func(p *Pass) {
		var names []string
		byName := map[string]*grammar.Macro{}
		for _, m := range p.File.Macros.All() {
			names = append(names, m.Name)
			byName[m.Name] = m
		}
		for _, e := range p.Claimed() {
			name := e.Subject
			d := Diagnostic{Range: p.ErrorRange(e), Code: e.Code, Message: e.Msg}
			later := false
			if m := byName[name]; m != nil && !m.Override && m.Defined.Line > 0 {
				d.Message += fmt.Sprintf(": it is defined later, on line %d; pfctl reads macros in order, so move the definition up", m.Defined.Line)
				d.Related = append(d.Related, Related{Range: macroRange(m.Defined, name), Message: "macro " + name + " is defined here"})
				later = true
			}
			if want := didYouMean(name, names); !later && want != "" {
				d.Message += meant(want)
				if m := byName[want]; m != nil && !m.Override && m.Defined.Line > 0 {
					d.Related = []Related{{Range: macroRange(m.Defined, want), Message: "macro " + want + " is defined here"}}
				}
				d.Fixes = p.renameMacroFix(e, want)
			}
			p.Report(d)
		}
	},
}

// macroRange is the range of a macro's name where it is defined.
func macroRange(at grammar.Position, name string) Range {
	end := at
	end.Offset += len(name)
	end.Column += len(name)
	return Range{Start: at, End: end}
}

// renameMacroFix renames the $name pfctl stopped at to a defined macro.
func (p *Pass) renameMacroFix(e *grammar.Error, want string) []Fix {
	src := p.Source(e.Pos.File)
	at, ref := e.Pos.Offset, "$"+e.Subject
	if src == nil || e.Subject == "" || at+len(ref) > len(src.Bytes) || string(src.Bytes[at:at+len(ref)]) != ref {
		return nil // not written here (a macro inside a macro's value)
	}
	return []Fix{{Message: "rename to the defined macro " + want,
		Edits: []FileEdit{p.Edit(src, grammar.Span{Start: at + 1, End: at + len(ref)}, want)}}}
}
