package printer

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// tableDef prints `table <name> …` as print_tabledef does: flags first
// (const, persist, counters), then the address lists (consecutive lists
// merged) and files in the order written.
func (p *printer) tableDef(t *grammar.TableDef, rs *ruleset) {
	var b strings.Builder
	fmt.Fprintf(&b, "table <%s>", strings.TrimSpace(t.Name.Text()))
	var cons, persist, counters bool
	for _, o := range t.Options {
		switch o.Flag {
		case "const":
			cons = true
		case "persist":
			persist = true
		case "counters":
			counters = true
		}
	}
	if cons {
		b.WriteString(" const")
	}
	if persist {
		b.WriteString(" persist")
	}
	if counters {
		b.WriteString(" counters")
	}
	inList := false
	for _, o := range t.Options {
		switch {
		case o.File != nil:
			if inList {
				b.WriteString(" }")
				inList = false
			}
			fmt.Fprintf(&b, " file \"%s\"", o.File.Text())
		case o.Entries != nil:
			if !inList {
				b.WriteString(" {")
				inList = true
			}
			for _, e := range o.Entries {
				for _, h := range p.hostsOf(e) {
					b.WriteString(tableEntry(h))
				}
			}
		}
	}
	if inList {
		b.WriteString(" }")
	}
	b.WriteString("\n")
	p.head.WriteString(b.String())
}

func tableEntry(h host) string {
	s := " "
	if h.not {
		s = " !"
	}
	s += formatAddr(h.addr, h.af, false)
	if h.ifname != "" {
		s += "@" + h.ifname
	}
	return s
}

// autoTable makes the table pfctl makes for a translation or route pool
// of several addresses, printing it.
func (p *printer) autoTable(hs []host) string {
	name := fmt.Sprintf("__automatic_%d", p.autoTables)
	p.autoTables++
	var b strings.Builder
	fmt.Fprintf(&b, "table <%s> const {", name)
	for _, h := range hs {
		h.not = false
		b.WriteString(tableEntry(h))
	}
	b.WriteString(" }\n")
	p.head.WriteString(b.String())
	return name
}
