package printer

import (
	"fmt"

	"github.com/pfshape/pfshape/grammar"
)

// macro prints a macro definition as pfctl -v does while it parses:
// `name = "value"`, the value with the macros it uses expanded. pfctl
// prints the file's definition even when -D overrides it.
func (p *printer) macro(m *grammar.MacroDef) {
	fmt.Fprintf(p.head, "%s = \"%s\"\n", m.Name.Text(), m.Value())
}
