package printer

import (
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// portNumber reads one port as pfctl's getservice does: a number (any C
// base), or a service name looked up for tcp, then udp.
func portNumber(s string) (uint16, bool) {
	if n, err := strconv.ParseUint(s, 0, 32); err == nil {
		if n > 65535 {
			return 0, false
		}
		return uint16(n), true
	}
	if n, ok := serviceByName(s, "tcp"); ok {
		return n, true
	}
	return serviceByName(s, "udp")
}

var opNames = map[string]portOp{
	"=": opEQ, "!=": opNE, "<": opLT, "<=": opLE, ">": opGT, ">=": opGE,
	"><": opIRG, "<>": opXRG, ":": opRRG,
}

// portSpecs reads `port …` into port comparisons in list order.
func (p *printer) portSpecs(ps *grammar.PortSpec) []portSpec {
	if ps == nil {
		return nil
	}
	var out []portSpec
	for _, it := range ps.Items {
		if msg := model.PortMessage(it); msg != "" {
			p.errorf(model.PortInvalid, "%s", msg)
			continue
		}
		spec, ok := portItem(it)
		if !ok {
			p.errorf(PortUnknown, "unknown port %s", it.From.Text())
			continue
		}
		out = append(out, spec)
	}
	return out
}

func portItem(it *grammar.PortItem) (portSpec, bool) {
	from := it.From.Text()
	if it.Rng != "" && it.To != nil {
		a, ok1 := portNumber(from)
		b, ok2 := portNumber(it.To.Text())
		return portSpec{op: opNames[it.Rng], a: a, b: b}, ok1 && ok2
	}
	if i := strings.IndexByte(from, ':'); i > 0 {
		a, ok1 := portNumber(from[:i])
		if from[i+1:] == "*" {
			return portSpec{op: opRRG, a: a}, ok1
		}
		b, ok2 := portNumber(from[i+1:])
		return portSpec{op: opRRG, a: a, b: b}, ok1 && ok2
	}
	a, ok := portNumber(from)
	op := opEQ
	if it.Op != "" {
		op = opNames[it.Op]
	}
	return portSpec{op: op, a: a, b: a}, ok
}

// idSpecs reads `user …` or `group …`.
func (p *printer) idSpecs(l *grammar.IDList, names map[string]uint32) []idSpec {
	if l == nil {
		return nil
	}
	var out []idSpec
	for _, it := range l.Items {
		look := func(s string) (uint32, bool) {
			if s == "unknown" {
				return 0xffffffff, true
			}
			if n, err := strconv.ParseUint(s, 10, 32); err == nil {
				return uint32(n), true
			}
			n, ok := names[s]
			return n, ok
		}
		from := it.From.Text()
		if it.Rng != "" && it.To != nil {
			a, _ := look(from)
			b, _ := look(it.To.Text())
			out = append(out, idSpec{op: opNames[it.Rng], a: a, b: b})
			continue
		}
		a, ok := look(from)
		if !ok {
			p.errorf(UserOrGroupUnknown, "unknown user or group %s", from)
			continue
		}
		op := opEQ
		if it.Op != "" {
			op = opNames[it.Op]
		}
		out = append(out, idSpec{op: op, a: a, b: a})
	}
	return out
}
