package printer

import (
	"strconv"
	"strings"
)

// expandLabel replaces the macros pfctl expands in labels and tags:
// $if, $srcaddr, $dstaddr, $srcport, $dstport, $proto ($nr comes later,
// once the rule has its number).
func expandLabel(label, ifname string, af int, src host, sp portSpec, dst host, dp portSpec, proto uint8) string {
	if !strings.Contains(label, "$") {
		return label
	}
	if strings.Contains(label, "$if") {
		v := ifname
		if v == "" {
			v = "any"
		}
		label = strings.ReplaceAll(label, "$if", v)
	}
	label = replaceIf(label, "$srcaddr", func() string { return labelAddr(src, af) })
	label = replaceIf(label, "$dstaddr", func() string { return labelAddr(dst, af) })
	label = replaceIf(label, "$srcport", func() string { return labelPort(sp) })
	label = replaceIf(label, "$dstport", func() string { return labelPort(dp) })
	label = replaceIf(label, "$proto", func() string { return protoString(proto) })
	return label
}

func replaceIf(s, name string, v func() string) string {
	if !strings.Contains(s, name) {
		return s
	}
	return strings.ReplaceAll(s, name, v())
}

func labelAddr(h host, af int) string {
	var s string
	switch h.addr.typ {
	case addrDynIf:
		s = "(" + h.addr.name + ")"
	case addrTable:
		s = "<" + h.addr.name + ">"
	case addrNoRoute:
		s = "no-route"
	case addrURPF:
		s = "urpf-failed"
	case addrMask:
		if af == 0 || (h.addr.addr.zero(af) && h.addr.mask.zero(af)) {
			s = "any"
		} else {
			s = addrString(af, h.addr.addr)
			bits := unmask(h.addr.mask)
			if (af == afInet && bits < 32) || (af == afInet6 && bits < 128) {
				s += "/" + strconv.Itoa(bits)
			}
		}
	case addrName:
		s = h.addr.name
	default:
		s = "?"
	}
	if h.not {
		return "! " + s
	}
	return s
}

func labelPort(ps portSpec) string {
	a1, a2 := strconv.Itoa(int(ps.a)), strconv.Itoa(int(ps.b))
	switch ps.op {
	case opIRG:
		return a1 + "><" + a2
	case opXRG:
		return a1 + "<>" + a2
	case opEQ:
		return a1
	case opNE:
		return "!=" + a1
	case opLT:
		return "<" + a1
	case opLE:
		return "<=" + a1
	case opGT:
		return ">" + a1
	case opGE:
		return ">=" + a1
	}
	return ""
}

// expandNr replaces $nr with the rule's number in its ruleset.
func expandNr(r *rule) {
	n := strconv.Itoa(r.nr)
	r.label = strings.ReplaceAll(r.label, "$nr", n)
	r.tag = strings.ReplaceAll(r.tag, "$nr", n)
	r.matchTag = strings.ReplaceAll(r.matchTag, "$nr", n)
}

// tagText is ` tag T` and ` [!] tagged M`, as pfctl prints them after a
// rule's other options; empty for a rule with neither.
func tagText(tag, matchTag string, not bool) string {
	s := ""
	if tag != "" {
		s += " tag " + tag
	}
	if matchTag != "" {
		if not {
			s += " !"
		}
		s += " tagged " + matchTag
	}
	return s
}
