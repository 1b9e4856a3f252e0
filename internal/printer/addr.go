package printer

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Address families, as pf numbers them only in spirit: zero is "any".
const (
	afAny   = 0
	afInet  = 4
	afInet6 = 6
)

// addrType is the kind of a pf_addr_wrap.
type addrType int

const (
	addrMask    addrType = iota // address and mask (any when both are zero)
	addrDynIf                   // (interface), resolved by the kernel
	addrTable                   // <table>
	addrNoRoute                 // no-route
	addrURPF                    // urpf-failed
	addrRange                   // a - b
	addrRTLabel                 // route "label"
	addrName                    // a name pfshape cannot resolve, printed as written
	addrNone                    // no address at all (an unset pool)
)

// Dynamic interface address flags, pfctl's PFI_AFLAG_*.
const (
	aflagNetwork = 1 << iota
	aflagBroadcast
	aflagPeer
	aflagNoAlias
)

// pfAddr is an IPv4 or IPv6 address as pf stores it: 16 bytes, IPv4 in
// the first four.
type pfAddr [16]byte

func (a pfAddr) zero(af int) bool {
	n := 16
	if af == afInet {
		n = 4
	}
	for i := 0; i < n; i++ {
		if a[i] != 0 {
			return false
		}
	}
	return true
}

// addrWrap is pf's pf_addr_wrap: what a rule matches in one address slot.
type addrWrap struct {
	typ    addrType
	addr   pfAddr // address; range start
	mask   pfAddr // mask; range end
	name   string // interface, table, route label, or unresolved name
	iflags int
}

// host is pfctl's node_host: one element of an address list.
type host struct {
	addr    addrWrap
	af      int
	not     bool
	ifindex int    // non-zero for a scoped (link-local) IPv6 address
	ifname  string // `addr@if`
	weight  int
}

// maskBits builds a mask of bits ones for af.
func maskBits(bits, af int) pfAddr {
	var m pfAddr
	if bits < 0 {
		bits = 128
		if af == afInet {
			bits = 32
		}
	}
	for i := 0; i < 16 && bits > 0; i++ {
		if bits >= 8 {
			m[i] = 0xff
			bits -= 8
		} else {
			m[i] = byte(0xff << (8 - bits))
			bits = 0
		}
	}
	return m
}

// unmask counts the leading ones of a mask.
func unmask(m pfAddr) int {
	n := 0
	for _, b := range m {
		for i := 7; i >= 0; i-- {
			if b&(1<<i) == 0 {
				return n
			}
			n++
		}
	}
	return n
}

// setMask sets the host's mask to bits (-1: all ones for its family) and
// masks off the address bits that will never be used, as set_ipmask does.
func (h *host) setMask(bits int) {
	h.addr.mask = maskBits(bits, h.af)
	if h.addr.typ == addrMask {
		for i := range h.addr.addr {
			h.addr.addr[i] &= h.addr.mask[i]
		}
	}
}

// addrString prints an address as inet_ntop does.
func addrString(af int, a pfAddr) string {
	if af == afInet {
		return netip.AddrFrom4([4]byte{a[0], a[1], a[2], a[3]}).String()
	}
	ip := netip.AddrFrom16(a)
	s := ip.String()
	// inet_ntop prints IPv4-mapped addresses in dotted form, as Go does;
	// Go's "::ffff:" form matches. Nothing else differs for printing.
	return s
}

// formatAddr is print_addr: how pfctl prints an address slot for a rule
// of family af.
func formatAddr(w addrWrap, af int, verbose bool) string {
	var b strings.Builder
	switch w.typ {
	case addrDynIf:
		b.WriteString("(" + w.name)
		if w.iflags&aflagNetwork != 0 {
			b.WriteString(":network")
		}
		if w.iflags&aflagBroadcast != 0 {
			b.WriteString(":broadcast")
		}
		if w.iflags&aflagPeer != 0 {
			b.WriteString(":peer")
		}
		if w.iflags&aflagNoAlias != 0 {
			b.WriteString(":0")
		}
		if verbose {
			b.WriteString(":*")
		}
		b.WriteString(")")
	case addrTable:
		if verbose {
			return "<" + w.name + ":*>"
		}
		return "<" + w.name + ">"
	case addrRange:
		return addrString(af, w.addr) + " - " + addrString(af, w.mask)
	case addrMask:
		if w.addr.zero(afInet6) && w.mask.zero(afInet6) {
			return "any"
		}
		b.WriteString(addrString(af, w.addr))
	case addrNoRoute:
		return "no-route"
	case addrURPF:
		return "urpf-failed"
	case addrRTLabel:
		return fmt.Sprintf("route %q", w.name)
	case addrName:
		b.WriteString(w.name)
	default:
		return "?"
	}
	if !(w.addr.zero(afInet6) && w.mask.zero(afInet6)) || w.typ == addrDynIf {
		bits := unmask(w.mask)
		limit := 128
		if af == afInet {
			limit = 32
		}
		if bits < limit {
			b.WriteString("/" + strconv.Itoa(bits))
		}
	}
	return b.String()
}

// parseIP reads a numeric address the way host_ip does: IPv4 with
// inet_net_pton (so `10` and `10.1` are networks), IPv6 with an optional
// %scope.
func parseIP(s string) (pfAddr, int, string, bool) {
	var a pfAddr
	if v4, ok := parseInetNet(s); ok {
		copy(a[:4], v4[:])
		return a, afInet, "", true
	}
	scope := ""
	if i := strings.IndexByte(s, '%'); i >= 0 {
		s, scope = s[:i], s[i+1:]
	}
	if !strings.Contains(s, ":") {
		return a, 0, "", false
	}
	ip, err := netip.ParseAddr(s)
	if err != nil || !ip.Is6() {
		return a, 0, "", false
	}
	return ip.As16(), afInet6, scope, true
}

// parseInetNet is inet_net_pton for AF_INET without a mask: one to four
// decimal (or 0x hex) octets, the rest zero.
func parseInetNet(s string) ([4]byte, bool) {
	var out [4]byte
	if s == "" {
		return out, false
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return out, false
	}
	for i, p := range parts {
		if p == "" {
			return out, false
		}
		base := 10
		if strings.HasPrefix(p, "0x") || strings.HasPrefix(p, "0X") {
			base, p = 16, p[2:]
		}
		n, err := strconv.ParseUint(p, base, 8)
		if err != nil {
			return out, false
		}
		out[i] = byte(n)
	}
	return out, true
}
