package lint

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

var undefinedMacro = &Rule{
	ID:       "PF301",
	Name:     "undefined-macro",
	Severity: Error,
	Summary:  "a $macro used before it is defined, or never defined",
	Doc: `pfctl expands $name as it reads, so a macro must be defined above its
first use, and an undefined one is an error ("macro 'ext_if' not defined").
The message suggests the closest defined name, or the line where the macro
is defined too late.`,
	Bad: `ext_if = "em0"
pass out on $ext_fi
`,
	Good: `ext_if = "em0"
pass out on $ext_if
`,
	Claims: func(_ target.Target, msg string) bool {
		return strings.HasPrefix(msg, "macro '") && strings.HasSuffix(msg, "' not defined")
	},
	Run: func(p *Pass) {
		var names []string
		byName := map[string]*grammar.Macro{}
		for _, m := range p.File.Macros.All() {
			names = append(names, m.Name)
			byName[m.Name] = m
		}
		for _, e := range p.Claimed() {
			name := strings.TrimSuffix(strings.TrimPrefix(e.Msg, "macro '"), "' not defined")
			msg := e.Msg
			later := false
			if m := byName[name]; m != nil && !m.Override && m.Defined.Line > 0 {
				msg += fmt.Sprintf(": it is defined later, on line %d; pfctl reads macros in order, so move the definition up", m.Defined.Line)
				later = true
			}
			if !later {
				msg += suggestion(name, names)
			}
			p.Reportf(p.ErrorRange(e), "%s", msg)
		}
	},
}
