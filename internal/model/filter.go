package model

import "net/netip"

// Filter is the packet filter as pf evaluates it: the main ruleset's
// filter, match and anchor rules in order, inline anchor bodies in place,
// with each statement's lists kept as lists. It is what the packet engine
// (internal/engine) reads.
//
// A statement stays one FilterRule although pfctl's expand_rule makes one
// pf_rule of each combination of its lists (interfaces × protocols ×
// source hosts × source ports × destination hosts × destination ports).
// For verdicts that is the same: the combinations of one statement are
// consecutive, share action, quick, tag and options, so the last (or the
// quick) one among them that matches decides exactly as the statement
// would if it matched when any combination does. Where it is not the
// same, the view says so: combinations whose families disagree are
// dropped by pfctl (the engine matches families per combination, see
// HostsFor), and an anchor rule with lists evaluates its anchor once per
// matching combination, which only matters for counters and logging.
type Filter struct {
	Rules []*FilterRule
	// Skip are the `set skip on` interfaces (and groups).
	Skip []string
	// Tables are the tables defined in the main ruleset by name.
	Tables map[string]*FilterTable
	// Translations are old-style nat, rdr and binat rules (FreeBSD;
	// OpenBSD before 4.7), in file order.
	Translations []*FilterTranslation
}

// FilterRule is one pass, block, match or anchor statement.
type FilterRule struct {
	// Action is pass, block, match or anchor.
	Action string
	Pos    FilterPos
	Text   string
	// Dir is "in", "out" or "" (both).
	Dir string
	// Ifaces are the `on` interfaces; none means every interface.
	Ifaces []FilterIface
	// AF is 4 or 6 when the rule says inet or inet6, else 0.
	AF int
	// Protos are the protocols; none means every protocol.
	Protos []FilterProto
	Src    FilterEnd
	Dst    FilterEnd
	// ICMP are the icmp-type or icmp6-type items (ICMP6 tells which).
	ICMP []FilterICMP
	// Flags is the TCP flags test, given or pfctl's default `flags S/SA`
	// on stateful pass rules; nil when there is none.
	Flags *FilterFlags
	// Tag is what `tag` sets; Tagged/NotTagged what `tagged` tests.
	Tag    string
	Tagged string
	// Queue and Prio are what the rule assigns (`queue`, `set queue`,
	// `set prio`).
	Queue *QueueAssign
	Prio  []int
	// Return is how a block rule blocks: "drop", "return",
	// "return-rst", "return-icmp", "return-icmp6" (with Args), after
	// `set block-policy`.
	Return string
	// NatTo, RdrTo are the translations a rule applies (OpenBSD 4.7
	// and later, FreeBSD 15): empty when none.
	NatTo, RdrTo *FilterRedirect
	// Unknowns are criteria only the machine decides, in pf.conf's
	// words: `user`, `group`, `os`, `probability`, `received-on`, `tos`,
	// `prio`, `once`, `max-pkt-rate`. The rule matches only if they hold.
	Unknowns []string
	// Effects are what the rule does to a packet it decides beyond the
	// fields above (route-to, label, state options, divert-to, af-to,
	// set tos, …), each option as written; a rule with a route option
	// has its whole text there. Two rules whose fields and effects are
	// equal treat a packet they decide alike.
	Effects []string
	// Anchor is set for an anchor rule.
	Anchor *FilterAnchor

	// The flags, together so that they share a word.
	Quick bool
	Log   bool
	ICMP6 bool
	// Fragment is set by `fragment`: the rule matches fragments only.
	Fragment  bool
	NotTagged bool
	// KeepState is set for a pass rule that creates state (the default
	// since OpenBSD 4.1 and FreeBSD 7).
	KeepState bool
	// Sloppy is `keep state (sloppy)`.
	Sloppy bool
}

// FilterPos is where a statement starts: its line, and its offset in
// the file's bytes.
type FilterPos struct {
	File   string
	Line   int
	Offset int
}

// FilterAnchor is the ruleset an anchor rule evaluates.
type FilterAnchor struct {
	Name string
	// Inline is set for `anchor [name] { … }`: Rules is its body.
	// Otherwise its rules are loaded at run time (pfctl -a, load anchor)
	// and the engine treats them as unknown.
	Inline bool
	Rules  []*FilterRule
}

// FilterIface is one item of `on`.
type FilterIface struct {
	// Name is the interface or group name; "any" for `on any`.
	Name string
	Not  bool
}

// FilterProto is one protocol of `proto`: its number, or Unknown when
// the name is not in the assumed /etc/protocols.
type FilterProto struct {
	Num     uint8
	Name    string
	Unknown bool
}

// FilterEnd is the source or destination of a rule: an address list
// (empty for any) and a port list (empty for any port).
type FilterEnd struct {
	Hosts []FilterHost
	Ports []FilterPort
}

// HostKind is what a FilterHost names.
type HostKind uint8

// Kinds of host.
const (
	// HostAny is `any`.
	HostAny HostKind = iota
	// HostNet is an address, network or range: Lo–Hi in family AF.
	HostNet
	// HostTable is `<name>`.
	HostTable
	// HostMachine is what only the machine resolves: an interface
	// name, `self`, `(if)`, a host name.
	HostMachine
	// HostNoRoute, HostUrpfFailed, HostRoute are the routing tests.
	HostNoRoute
	HostUrpfFailed
	HostRoute
)

// FilterHost is one address list element.
type FilterHost struct {
	Not  bool
	Kind HostKind
	// AF is 4 or 6 for HostNet; 0 otherwise (the family is not known
	// at parse time).
	AF     int
	Lo, Hi netip.Addr
	// Name is the table, interface or route label name.
	Name string
	// Text is the element as written (without `!`).
	Text string
}

// FilterPort is one item of a port list: pf's operator and operands.
// Op is one of = != < <= > >= : >< <>.
type FilterPort struct {
	Op   string
	A, B uint16
	// Unknown is set when a service name is not in the assumed
	// /etc/services.
	Unknown bool
	Text    string
}

// FilterICMP is one icmp-type item; Code is -1 for any code.
type FilterICMP struct {
	Type uint8
	Code int
	// Unknown is set when a name is not pfctl's.
	Unknown bool
	Text    string
}

// FilterFlags is `flags F/M`: the packet's flags masked by Mask must
// equal Set. Default marks pfctl's implicit `flags S/SA`.
type FilterFlags struct {
	Set, Mask uint8
	Default   bool
}

// FilterRedirect is the target of nat-to or rdr-to.
type FilterRedirect struct {
	// Addr is the target when it is one literal address; invalid
	// otherwise (a pool, a table, an interface).
	Addr netip.Addr
	// Port is the first port given, 0 when none; PortUnknown is set
	// when it is a service name outside the assumed /etc/services.
	Port        uint16
	PortUnknown bool
	Text        string
}

// FilterTable is a table defined in the ruleset.
type FilterTable struct {
	Name string
	// Known is set when its contents are all given inline: no `file`,
	// no names the machine resolves, and some entries (an empty table
	// that is not const is filled at run time).
	Known   bool
	Entries []FilterHost
}

// FilterTranslation is an old-style nat, rdr or binat rule.
type FilterTranslation struct {
	// Kind is nat, rdr or binat; No is `no nat` …; Pass is `nat pass`.
	Kind     string
	No, Pass bool
	Rule     *FilterRule
	To       *FilterRedirect
}

// TCP flag bits, in pf's order (FSRPAUEW).
const (
	TCPFin uint8 = 1 << iota
	TCPSyn
	TCPRst
	TCPPush
	TCPAck
	TCPUrg
	TCPEce
	TCPCwr
)

// TCPFlagChars are pf's letters for the TCP flags, bit 0 first.
const TCPFlagChars = "FSRPAUEW"

// ParseTCPFlags is pfctl's parse_flags: letters of FSRPAUEW; ok is false
// for any other letter.
func ParseTCPFlags(s string) (uint8, bool) {
	var f uint8
	for _, c := range s {
		i := -1
		for j := 0; j < len(TCPFlagChars); j++ {
			if rune(TCPFlagChars[j]) == c {
				i = j
			}
		}
		if i < 0 {
			return 0, false
		}
		f |= 1 << i
	}
	return f, true
}

// ProtoByName is getprotobyname on the assumed /etc/protocols, or a
// number.
func ProtoByName(s string) (uint8, bool) {
	if n, ok := portNumber(s); ok {
		if n > 255 {
			return 0, false
		}
		return uint8(n), true
	}
	return protoByName(s)
}

// ProtoString is how pfctl prints a protocol.
func ProtoString(n uint8) string { return protoString(n) }

// ICMPTypeByName is pfctl's icmp type name (af 4) or icmp6 (af 6).
func ICMPTypeByName(s string, af int) (uint8, bool) {
	if n, ok := portNumber(s); ok && n < 256 {
		return uint8(n), true
	}
	return icmpTypeByName(s, af)
}

// ICMPTypeName is the name pfctl prints for an ICMP type.
func ICMPTypeName(n uint8, af int) (string, bool) { return icmpTypeName(n, af) }

// ICMPCodeByName is pfctl's icmp code name for a type.
func ICMPCodeByName(typ uint8, s string, af int, freebsd bool) (uint8, bool) {
	if n, ok := portNumber(s); ok && n < 256 {
		return uint8(n), true
	}
	return icmpCodeByName(typ, s, af, freebsd)
}

// ServiceByName is getservbyname for tcp or udp.
func ServiceByName(name, proto string) (uint16, bool) { return serviceByName(name, proto) }
