package printer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// setOption prints a `set …` option as pfctl -v does while it parses, one
// line per value set, and remembers what later rules depend on.
func (p *printer) setOption(o *grammar.SetOption) {
	words := flatArgs(o.Args)
	w := p.head
	switch o.Name {
	case "timeout", "limit":
		for i := 0; i+1 < len(words); i += 2 {
			fmt.Fprintf(w, "set %s %s %s\n", o.Name, words[i], words[i+1])
		}
	case "hostid":
		n, _ := strconv.ParseUint(first(words), 0, 32)
		fmt.Fprintf(w, "set hostid 0x%08x\n", n)
	case "block-policy":
		p.blockReturn = first(words) == "return"
		fmt.Fprintf(w, "set block-policy %s\n", first(words))
	case "reassemble":
		p.reassemble = first(words) == "yes"
		rest := ""
		if len(words) > 1 {
			rest = strings.Join(words[1:], " ")
		}
		fmt.Fprintf(w, "set reassemble %s %s\n", first(words), rest)
	case "skip":
		if len(words) > 0 && words[0] == "on" {
			words = words[1:]
		}
		if len(words) == 1 && words[0] == "none" {
			fmt.Fprintf(w, "set skip on none\n")
			return
		}
		fmt.Fprintf(w, "set skip on {")
		for _, s := range words {
			fmt.Fprintf(w, " %s", s)
		}
		fmt.Fprintf(w, " }\n")
	case "state-defaults":
		p.stateDefaults = stateOpts(words)
	case "fingerprints":
		fmt.Fprintf(w, "set fingerprints \"%s\"\n", first(words))
	case "require-order":
	default:
		fmt.Fprintf(w, "set %s %s\n", o.Name, strings.Join(words, " "))
	}
}
