package model

import (
	"net/netip"
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// family is what pfctl knows of a host's address family when it parses
// the rule: none (any, tables, dynamic interface addresses, route labels:
// node_host.af 0), inet or inet6 (literal addresses), or unknown here
// (a name that pfctl resolves through interfaces or DNS, or a scoped IPv6
// address whose interface index only the machine knows).
type family uint8

const (
	afNone family = iota
	afInet
	afInet6
	afUnknown
)

func (f family) String() string {
	switch f {
	case afInet:
		return "inet"
	case afInet6:
		return "inet6"
	}
	return ""
}

// ruleFamily is the family written in the rule (`inet`, `inet6`).
func ruleFamily(af string) family {
	switch af {
	case "inet":
		return afInet
	case "inet6":
		return afInet6
	}
	return afNone
}

// literalFamily is the family of an address written as a literal, as
// pfctl's host() finds it without the machine: an IPv4 or IPv6 address,
// or the short IPv4 network forms inet_net_pton takes with a mask
// ("10/8", "172.16/12").
func literalFamily(name string, masked bool) family {
	if a, err := netip.ParseAddr(name); err == nil {
		if a.Zone() != "" {
			return afUnknown
		}
		if a.Is4() {
			return afInet
		}
		return afInet6
	}
	if masked && name != "" && strings.Trim(name, "0123456789.") == "" {
		return afInet
	}
	return afUnknown
}

// hostFamily is the family of one from/to host.
func hostFamily(h *grammar.Host) family {
	switch {
	case h == nil:
		return afNone
	case h.Address != nil:
		return literalFamily(h.Address.Name.Text(), h.Address.Mask != nil)
	}
	return afNone
}

// redirFamily is the family of one address of a translation or routing
// spec; `(if addr)` (the older route-to form) counts by its address.
func redirFamily(h *grammar.RedirHost) family {
	switch {
	case h.Address != nil:
		return literalFamily(h.Address.Name.Text(), h.Address.Mask != nil)
	case h.Dynamic != nil && len(h.Dynamic.Hosts) > 0:
		f := afNone
		eachHost(h.Dynamic.Hosts[0], func(_ bool, x *grammar.Host) { f = hostFamily(x) })
		return f
	}
	return afNone
}

// eachHost visits the hosts of an address list, nested lists flattened,
// as pfctl's host_list joins them.
func eachHost(e *grammar.HostEntry, fn func(not bool, h *grammar.Host)) {
	if e == nil {
		return
	}
	if e.Host != nil {
		fn(e.Not, e.Host)
	}
	for _, c := range e.List {
		eachHost(c, fn)
	}
}

// hostList is a from/to address list as pfctl's expand_rule sees it: nil
// for `any` or no address (pfctl's ipspec turns `any`, even inside a
// list, into an empty list).
func hostList(hp *grammar.HostPort) []*grammar.Host {
	if hp == nil || hp.Hosts == nil {
		return nil
	}
	var out []*grammar.Host
	anyHost := false
	eachHost(hp.Hosts, func(_ bool, h *grammar.Host) {
		anyHost = anyHost || h.Any
		out = append(out, h)
	})
	if anyHost {
		return nil
	}
	return out
}

// familySet is a set of families, one bit each.
type familySet uint8

func (s familySet) has(f family) bool { return s&(1<<f) != 0 }
func (s *familySet) add(f family)     { *s |= 1 << f }

func hostFamilies(hosts []*grammar.Host) familySet {
	var s familySet
	if len(hosts) == 0 {
		s.add(afNone)
	}
	for _, h := range hosts {
		s.add(hostFamily(h))
	}
	return s
}

// decideFamily is pfctl's decide_address_family: a rule without `inet` or
// `inet6` takes the family of its address list when all the list's
// addresses share it. ok is false when a name in the list leaves it to
// the machine.
func decideFamily(af family, hosts []*grammar.Host) (family, bool) {
	if af != afNone || len(hosts) == 0 {
		return af, true
	}
	first := hostFamily(hosts[0])
	for _, h := range hosts {
		f := hostFamily(h)
		if f == afUnknown {
			return afNone, false
		}
		if f != first {
			return afNone, true
		}
	}
	return first, true
}

// combos summarises the address-family side of pfctl's expand_rule: the
// loop over source and destination addresses skips a combination whose
// families disagree with each other or with the rule's. sure[f] is set
// when some combination is certainly kept with rule family f; maybe when
// some combination may be kept.
type combos struct {
	af    family // the rule's family before the loop; valid when known
	known bool
	sure  [3]bool
	maybe bool
}

func expandFamilies(af family, known bool, src, dst []*grammar.Host) combos {
	c := combos{af: af, known: known}
	if !known {
		c.maybe = true
		return c
	}
	ss, ds := hostFamilies(src), hostFamilies(dst)
	for s := afNone; s <= afUnknown; s++ {
		if !ss.has(s) {
			continue
		}
		for d := afNone; d <= afUnknown; d++ {
			if !ds.has(d) {
				continue
			}
			if s == afUnknown || d == afUnknown {
				c.maybe = true
				continue
			}
			if (af != afNone && s != afNone && s != af) ||
				(af != afNone && d != afNone && d != af) ||
				(s != afNone && d != afNone && s != d) {
				continue
			}
			res := af
			if res == afNone {
				res = s
			}
			if res == afNone {
				res = d
			}
			c.sure[res] = true
			c.maybe = true
		}
	}
	return c
}

// hostParse mirrors the errors pfctl's `host` and `dynaddr` productions
// report while reading one address, in the order it reads them. It
// reports the first and returns false.
func (b *builder) hostParse(s *grammar.Statement, h *grammar.Host) bool {
	switch {
	case h == nil:
		return true
	case h.Address != nil:
		return b.addressParse(s, h.Address)
	case h.Dynamic != nil:
		return b.dynaddrParse(s, h.Dynamic)
	case h.Table != nil && len(h.Table.Text()) > tableNameMax:
		// host: '<' STRING '>'
		b.parseErr(TableNameTooLong, b.at(s, h.Pos), "table name '%s' too long", h.Table.Text())
		return false
	}
	return true
}

// addressParse is host() in pfctl_parser.c: a mask over 128 bits is
// rejected before the name is looked at (the message goes to stderr
// without a line), and the rule reports "could not parse host
// specification".
func (b *builder) addressParse(s *grammar.Statement, a *grammar.Address) bool {
	if a.Mask == nil || *a.Mask <= 128 {
		return true
	}
	pos := s.Position(a.Pos)
	if netmaskTooLargeWording(b.t) {
		b.parseErr(NetmaskTooLarge, pos, "netmask is too large: /%d", *a.Mask)
	} else {
		b.parseErr(NetmaskInvalid, pos, "invalid netmask '/%d'", *a.Mask)
	}
	b.parseErr(HostInvalid, pos, "could not parse host specification")
	return false
}

// dynaddrParse is pfctl's dynaddr production, `(ifname[:modifier…])`: the
// name must start with a letter (which catches `($ext_ip)` written for
// `($ext_if)`), and each `:modifier` must be one pfctl knows.
func (b *builder) dynaddrParse(s *grammar.Statement, d *grammar.Dynamic) bool {
	if len(d.Hosts) > 0 {
		return true // the older `(if addr)` route host, not a dynaddr
	}
	name := d.Iface.Text()
	pos := s.Position(d.Pos)
	if name == "" || !isASCIILetter(name[0]) {
		b.parseErr(InterfaceNameInvalid, pos, "invalid interface name '%s'", name)
		return false
	}
	rest := name
	for {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		switch rest[i+1:] {
		case "network", "broadcast", "peer", "0":
		default:
			b.parseErr(InterfaceBadModifier, pos, "interface %s has bad modifier", rest)
			return false
		}
		rest = rest[:i]
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// hostEntryParse checks every address of a list, in order.
func (b *builder) hostEntryParse(s *grammar.Statement, e *grammar.HostEntry) bool {
	ok := true
	eachHost(e, func(_ bool, h *grammar.Host) {
		if ok {
			ok = b.hostParse(s, h)
		}
	})
	return ok
}

// redirParse checks the addresses of a translation or routing spec.
func (b *builder) redirParse(s *grammar.Statement, r *grammar.RedirSpec) bool {
	if r == nil {
		return true
	}
	for _, h := range r.Hosts {
		switch {
		case h.Address != nil:
			if !b.addressParse(s, h.Address) {
				return false
			}
		case h.Dynamic != nil:
			if len(h.Dynamic.Hosts) > 0 {
				if !b.hostEntryParse(s, h.Dynamic.Hosts[0]) {
					return false
				}
			} else if !b.dynaddrParse(s, h.Dynamic) {
				return false
			}
		}
	}
	return true
}

// checkNetmasks is pfctl's check_netmask, run on each combination
// expand_rule keeps: an IPv4 address with a mask of more than 32 bits is
// rejected ("netmask N invalid for IPv4 address", printed without a
// line; the rule is then skipped). The combinations of an IPv4 source
// are kept when the rule is not inet6 and some destination can be IPv4.
func (b *builder) checkNetmasks(s *grammar.Statement, c combos, src, dst []*grammar.Host) bool {
	if !c.known || c.af == afInet6 {
		return false
	}
	bad := func(hosts, other []*grammar.Host) (*grammar.Address, bool) {
		of := hostFamilies(other)
		if !of.has(afNone) && !of.has(afInet) {
			return nil, false
		}
		for _, h := range hosts {
			if a := h.Address; a != nil && a.Mask != nil && *a.Mask > 32 && hostFamily(h) == afInet {
				return a, true
			}
		}
		return nil, false
	}
	reported, last := false, -1
	for _, pair := range [2][2][]*grammar.Host{{src, dst}, {dst, src}} {
		if a, ok := bad(pair[0], pair[1]); ok && *a.Mask != last {
			last = *a.Mask
			b.parseErr(NetmaskInvalid, b.at(s, a.Pos), "netmask %d invalid for IPv4 address", *a.Mask)
			reported = true
		}
	}
	return reported
}

// at is where an error pfctl reports at the end of a statement goes: on
// the node when it is on the statement's last line (pfctl's line), else
// at the start of that line.
func (b *builder) at(s *grammar.Statement, p grammar.Offset) grammar.Position {
	end := b.endPos(s)
	if pos := s.Position(p); pos.Line == end.Line && pos.File == end.File {
		return pos
	}
	return end
}
