package engine

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/internal/model"
)

// PacketSpec is a packet written like a rule: what is missing is any
// value, except the tag (a packet carries none unless `tagged NAME`).
type PacketSpec struct {
	Iface  string
	Dir    string
	AF     int
	Proto  *uint8
	Src    *netip.Prefix
	Dst    *netip.Prefix
	Sport  *uint16
	Dport  *uint16
	Type   *uint8
	Code   *uint8
	Flags  *uint8
	Tag    string
	Tagged bool
}

// PacketError is a malformed packet: which word is wrong, and why.
type PacketError struct {
	Word int // 1-based
	Text string
	Msg  string
}

func (e *PacketError) Error() string {
	if e.Text == "" {
		return fmt.Sprintf("packet: %s", e.Msg)
	}
	return fmt.Sprintf("packet: word %d %q: %s", e.Word, e.Text, e.Msg)
}

// ParsePacket reads a packet written like a rule:
//
//	[in|out] [on IF] [inet|inet6] [proto P] [from ADDR [port N]]
//	[to ADDR [port N]] [flags F] [icmp-type T [code C]]
//	[icmp6-type T [code C]] [tagged NAME]
//
// ADDR is an address or a network (a network is every address in it).
func ParsePacket(words []string, freebsd bool) (*PacketSpec, error) {
	p := &PacketSpec{}
	i := 0
	bad := func(msg string, args ...any) error {
		if i >= len(words) {
			return &PacketError{Word: i + 1, Msg: fmt.Sprintf(msg, args...)}
		}
		return &PacketError{Word: i + 1, Text: words[i], Msg: fmt.Sprintf(msg, args...)}
	}
	next := func(what string) (string, error) {
		i++
		if i >= len(words) {
			return "", &PacketError{Word: i + 1, Msg: "missing " + what + " after " + strconv.Quote(words[i-1])}
		}
		return words[i], nil
	}
	seen := map[string]bool{}
	var icmpType string
	var icmpAF int
	for ; i < len(words); i++ {
		w := words[i]
		key := w
		if w == "inet6" {
			key = "inet"
		}
		if w == "icmp6-type" {
			key = "icmp-type"
		}
		if w == "out" {
			key = "in"
		}
		if seen[key] && w != "port" && w != "code" {
			return nil, bad("given twice")
		}
		seen[key] = true
		switch w {
		case "in", "out":
			p.Dir = w
		case "on":
			v, err := next("an interface")
			if err != nil {
				return nil, err
			}
			if v == "any" || v == "all" || v == "{" || v == "!" {
				return nil, bad("not an interface name (a packet crosses one interface; groups, lists and `any` are for rules)")
			}
			p.Iface = v
		case "inet":
			p.AF = 4
		case "inet6":
			p.AF = 6
		case "proto":
			v, err := next("a protocol")
			if err != nil {
				return nil, err
			}
			n, ok := model.ProtoByName(v)
			if !ok {
				return nil, bad("unknown protocol")
			}
			p.Proto = &n
		case "from", "to":
			v, err := next("an address")
			if err != nil {
				return nil, err
			}
			var pre *netip.Prefix
			if v != "any" {
				x, err := parsePrefix(v)
				if err != nil {
					return nil, bad("%v", err)
				}
				pre = &x
			}
			if w == "from" {
				p.Src = pre
			} else {
				p.Dst = pre
			}
			if i+1 < len(words) && words[i+1] == "port" {
				i++
				v, err := next("a port")
				if err != nil {
					return nil, err
				}
				n, ok := packetPort(v)
				if !ok {
					return nil, bad("not a port number or a known service name")
				}
				if w == "from" {
					p.Sport = &n
				} else {
					p.Dport = &n
				}
			}
		case "flags":
			v, err := next("TCP flags")
			if err != nil {
				return nil, err
			}
			f, ok := model.ParseTCPFlags(v)
			if !ok || strings.Contains(v, "/") {
				return nil, bad("TCP flags are letters of FSRPAUEW (a packet's flags, not a mask)")
			}
			p.Flags = &f
		case "icmp-type", "icmp6-type":
			v, err := next("an ICMP type")
			if err != nil {
				return nil, err
			}
			icmpAF = 4
			if w == "icmp6-type" {
				icmpAF = 6
			}
			t, ok := model.ICMPTypeByName(v, icmpAF)
			if !ok {
				return nil, bad("unknown %s", w)
			}
			p.Type, icmpType = &t, v
			if i+1 < len(words) && words[i+1] == "code" {
				i++
				v, err := next("an ICMP code")
				if err != nil {
					return nil, err
				}
				c, ok := model.ICMPCodeByName(t, v, icmpAF, freebsd)
				if !ok {
					return nil, bad("unknown code for %s %s", w, icmpType)
				}
				p.Code = &c
			}
		case "tagged":
			v, err := next("a tag")
			if err != nil {
				return nil, err
			}
			p.Tag, p.Tagged = v, true
		default:
			return nil, bad("not a packet word (in, out, on, inet, inet6, proto, from, to, port, flags, icmp-type, icmp6-type, code, tagged)")
		}
	}
	// The family: given, or that of the addresses, which must agree.
	for _, a := range []*netip.Prefix{p.Src, p.Dst} {
		if a == nil {
			continue
		}
		af := 4
		if a.Addr().Is6() {
			af = 6
		}
		if p.AF != 0 && p.AF != af {
			return nil, &PacketError{Msg: "the addresses' families disagree with each other or with inet/inet6"}
		}
		p.AF = af
	}
	if icmpAF != 0 {
		want := uint8(1)
		if icmpAF == 6 {
			want = 58
		}
		if p.Proto == nil {
			p.Proto = &want
		}
		if *p.Proto != want || p.AF != 0 && p.AF != icmpAF {
			return nil, &PacketError{Msg: "icmp-type goes with proto icmp and inet, icmp6-type with proto icmp6 and inet6"}
		}
		p.AF = icmpAF
	}
	if (p.Sport != nil || p.Dport != nil) && (p.Proto == nil || *p.Proto != 6 && *p.Proto != 17) {
		return nil, &PacketError{Msg: "ports need proto tcp or proto udp"}
	}
	if p.Flags != nil && (p.Proto == nil || *p.Proto != 6) {
		return nil, &PacketError{Msg: "flags need proto tcp"}
	}
	return p, nil
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return p, fmt.Errorf("not an address or network")
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("not an address (a packet's addresses are literals)")
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func packetPort(s string) (uint16, bool) {
	if n, err := strconv.ParseUint(s, 10, 16); err == nil {
		return uint16(n), true
	}
	return model.ServiceByName(s, "tcp")
}

// Class is the set of packets the spec describes, on any machine.
func (e *Engine) Class(p *PacketSpec) Class {
	f := fullFields(len(e.ifaces), len(e.tags))
	if p.Iface != "" {
		i := uint64(e.ifaceIndex(p.Iface))
		f[fIface] = rng64(i, i)
	}
	if p.Dir != "" {
		d := uint64(0)
		if p.Dir == "out" {
			d = 1
		}
		f[fDir] = rng64(d, d)
	}
	switch p.AF {
	case 4:
		f[fAF] = rng64(0, 0)
	case 6:
		f[fAF] = rng64(1, 1)
	}
	set8 := func(k field, v *uint8) {
		if v != nil {
			f[k] = rng64(uint64(*v), uint64(*v))
		}
	}
	set16 := func(k field, v *uint16) {
		if v != nil {
			f[k] = rng64(uint64(*v), uint64(*v))
		}
	}
	set8(fProto, p.Proto)
	set8(fType, p.Type)
	set8(fCode, p.Code)
	set8(fFlags, p.Flags)
	set16(fSport, p.Sport)
	set16(fDport, p.Dport)
	for k, a := range map[field]*netip.Prefix{fSrc: p.Src, fDst: p.Dst} {
		if a != nil {
			f[k] = rng(addrU128(a.Addr()), addrU128(model.LastAddr(*a)))
		}
	}
	t := uint64(e.tagIdx(p.Tag))
	f[fTag] = rng64(t, t)
	c := newCube(f)
	cl := Class{c: c}
	if p.Iface != "" {
		cl.driver = strings.TrimRightFunc(p.Iface, func(r rune) bool { return r < 'a' || r > 'z' })
		if i := strings.IndexAny(p.Iface, "0123456789"); i > 0 {
			cl.driver = p.Iface[:i]
		}
	}
	return cl
}

// Contains reports whether the class holds packet p on a machine where
// assume holds.
func (e *Engine) Contains(cl Class, p Packet, assume Assume) bool {
	v, ok := e.point(p)
	if !ok {
		return false
	}
	for k := field(0); k < nFields; k++ {
		if !cl.c.at(k).has(v[k]) {
			return false
		}
	}
	for _, a := range cl.c.atoms {
		if assume(a.name) != a.val {
			return false
		}
	}
	return true
}

// point is a packet's value in each field.
func (e *Engine) point(p Packet) ([nFields]u128, bool) {
	var v [nFields]u128
	v[fIface] = u(uint64(e.ifaceIndex(p.Iface)))
	if p.Dir == "out" {
		v[fDir] = u(1)
	}
	if p.AF == 6 {
		v[fAF] = u(1)
	}
	v[fProto] = u(uint64(p.Proto))
	v[fSrc], v[fDst] = addrU128(p.Src), addrU128(p.Dst)
	v[fSport], v[fDport] = u(uint64(p.Sport)), u(uint64(p.Dport))
	v[fType], v[fCode] = u(uint64(p.Type)), u(uint64(p.Code))
	v[fFlags] = u(uint64(p.Flags))
	v[fTag] = u(uint64(e.tagIdx(p.Tag)))
	return v, true
}

// Assumptions are the unknowns a class fixes: "NAME" when it holds,
// "not: NAME" when it does not.
func (cl Class) Assumptions() []string { return cl.c.assumptions() }
