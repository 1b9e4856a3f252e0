package model

// The assumed /etc/protocols, /etc/services and pfctl's ICMP names: the
// one home of these tables, read by the filter view here and by the
// printer (through the exported functions in filter.go and below).

import (
	"strconv"
	"sync"
)

// protocols is the assumed /etc/protocols: the canonical name of each
// protocol number, as getprotobynumber returns it, and the aliases
// getprotobyname also accepts.
var protocols = []struct {
	num     uint8
	name    string
	aliases []string
}{
	{0, "ip", []string{"IP"}},
	{1, "icmp", []string{"ICMP"}},
	{2, "igmp", []string{"IGMP"}},
	{3, "ggp", []string{"GGP"}},
	{4, "ipencap", []string{"IP-ENCAP"}},
	{5, "st", []string{"ST"}},
	{6, "tcp", []string{"TCP"}},
	{8, "egp", []string{"EGP"}},
	{9, "igp", []string{"IGP"}},
	{12, "pup", []string{"PUP"}},
	{17, "udp", []string{"UDP"}},
	{20, "hmp", []string{"HMP"}},
	{22, "xns-idp", []string{"XNS-IDP"}},
	{27, "rdp", []string{"RDP"}},
	{29, "iso-tp4", []string{"ISO-TP4"}},
	{36, "xtp", []string{"XTP"}},
	{37, "ddp", []string{"DDP"}},
	{38, "idpr-cmtp", []string{"IDPR-CMTP"}},
	{41, "ipv6", []string{"IPV6"}},
	{43, "ipv6-route", []string{"IPV6-ROUTE"}},
	{44, "ipv6-frag", []string{"IPV6-FRAG"}},
	{45, "idrp", []string{"IDRP"}},
	{46, "rsvp", []string{"RSVP"}},
	{47, "gre", []string{"GRE"}},
	{50, "esp", []string{"ESP"}},
	{51, "ah", []string{"AH"}},
	{57, "skip", []string{"SKIP"}},
	{58, "ipv6-icmp", []string{"IPV6-ICMP", "icmp6"}},
	{59, "ipv6-nonxt", []string{"IPV6-NONXT"}},
	{60, "ipv6-opts", []string{"IPV6-OPTS"}},
	{73, "rspf", []string{"RSPF", "CPHB"}},
	{81, "vmtp", []string{"VMTP"}},
	{88, "eigrp", []string{"EIGRP"}},
	{89, "ospf", []string{"OSPFIGP"}},
	{93, "ax.25", []string{"AX.25"}},
	{94, "ipip", []string{"IPIP"}},
	{97, "etherip", []string{"ETHERIP"}},
	{98, "encap", []string{"ENCAP"}},
	{103, "pim", []string{"PIM"}},
	{108, "ipcomp", []string{"IPCOMP"}},
	{112, "carp", []string{"CARP", "vrrp"}},
	{115, "l2tp", []string{"L2TP"}},
	{124, "isis", []string{"ISIS"}},
	{132, "sctp", []string{"SCTP"}},
	{133, "fc", []string{"FC"}},
	{135, "mobility", []string{"MOBILITY"}},
	{136, "udplite", []string{"UDPLITE"}},
	{137, "mpls-in-ip", []string{"MPLS-IN-IP"}},
	{240, "pfsync", []string{"PFSYNC"}},
}

func protoByName(s string) (uint8, bool) {
	for _, p := range protocols {
		if p.name == s {
			return p.num, true
		}
		for _, a := range p.aliases {
			if a == s {
				return p.num, true
			}
		}
	}
	return 0, false
}

func protoName(n uint8) (string, bool) {
	for _, p := range protocols {
		if p.num == n {
			return p.name, true
		}
	}
	return "", false
}

// protoString is how pfctl prints a protocol: its name, or its number.
func protoString(n uint8) string {
	if s, ok := protoName(n); ok {
		return s
	}
	return strconv.Itoa(int(n))
}

// service is one entry of the assumed /etc/services.
type service struct {
	name     string
	port     uint16
	tcp, udp bool
	aliases  []string
}

// services is the assumed /etc/services (the well-known ports pf.conf
// files name). The canonical names are FreeBSD's, which is the only
// pfctl that prints port names; OpenBSD's spellings are aliases.
var services = []service{
	{"tcpmux", 1, true, true, nil},
	{"compressnet", 2, true, true, nil},
	{"echo", 7, true, true, nil},
	{"discard", 9, true, true, []string{"sink", "null"}},
	{"systat", 11, true, true, []string{"users"}},
	{"daytime", 13, true, true, nil},
	{"netstat", 15, true, false, nil},
	{"qotd", 17, true, true, []string{"quote"}},
	{"chargen", 19, true, true, []string{"ttytst", "source"}},
	{"ftp-data", 20, true, true, nil},
	{"ftp", 21, true, true, nil},
	{"ssh", 22, true, true, nil},
	{"telnet", 23, true, true, nil},
	{"smtp", 25, true, true, []string{"mail"}},
	{"time", 37, true, true, []string{"timserver"}},
	{"nameserver", 42, true, true, []string{"name"}},
	{"whois", 43, true, true, []string{"nicname"}},
	{"msg-icp", 29, true, true, nil},
	{"mpm-flags", 44, true, true, nil},
	{"tacacs", 49, true, true, nil},
	{"domain", 53, true, true, []string{"nameserver"}},
	{"bootps", 67, true, true, []string{"dhcps"}},
	{"bootpc", 68, true, true, []string{"dhcpc"}},
	{"tftp", 69, true, true, nil},
	{"gopher", 70, true, true, nil},
	{"finger", 79, true, true, nil},
	{"http", 80, true, true, []string{"www", "www-http"}},
	{"kerberos", 88, true, true, []string{"kerberos-sec", "kerberos5", "krb5"}},
	{"pop2", 109, true, true, []string{"postoffice", "pop-2"}},
	{"pop3", 110, true, true, []string{"pop-3"}},
	{"sunrpc", 111, true, true, []string{"rpcbind", "portmapper"}},
	{"auth", 113, true, true, []string{"ident", "tap", "authentication"}},
	{"sftp", 115, true, true, nil},
	{"nntp", 119, true, true, []string{"usenet", "readnews", "untp"}},
	{"ntp", 123, true, true, nil},
	{"netbios-ns", 137, true, true, nil},
	{"netbios-dgm", 138, true, true, nil},
	{"netbios-ssn", 139, true, true, nil},
	{"imap", 143, true, true, []string{"imap2", "imap4"}},
	{"snmp", 161, true, true, nil},
	{"snmptrap", 162, true, true, []string{"snmp-trap"}},
	{"xdmcp", 177, true, true, nil},
	{"bgp", 179, true, true, nil},
	{"irc", 194, true, true, nil},
	{"ldap", 389, true, true, nil},
	{"https", 443, true, true, nil},
	{"microsoft-ds", 445, true, true, nil},
	{"kpasswd", 464, true, true, nil},
	{"isakmp", 500, true, true, nil},
	{"pip", 321, true, true, nil},
	{"exec", 512, true, false, nil},
	{"biff", 512, false, true, []string{"comsat"}},
	{"login", 513, true, false, nil},
	{"who", 513, false, true, []string{"whod"}},
	{"shell", 514, true, false, []string{"cmd"}},
	{"syslog", 514, false, true, nil},
	{"printer", 515, true, true, []string{"spooler"}},
	{"talk", 517, false, true, nil},
	{"ntalk", 518, false, true, nil},
	{"route", 520, false, true, []string{"router", "routed"}},
	{"uucp", 540, true, true, []string{"uucpd"}},
	{"submission", 587, true, true, nil},
	{"ldaps", 636, true, true, nil},
	{"rsync", 873, true, true, nil},
	{"ftps-data", 989, true, true, nil},
	{"ftps", 990, true, true, nil},
	{"imaps", 993, true, true, nil},
	{"pop3s", 995, true, true, nil},
	{"socks", 1080, true, true, nil},
	{"openvpn", 1194, true, true, nil},
	{"ms-sql-s", 1433, true, true, nil},
	{"radius", 1812, true, true, nil},
	{"radacct", 1813, true, true, nil},
	{"nfsd", 2049, true, true, []string{"nfs"}},
	{"cvspserver", 2401, true, true, nil},
	{"mysql", 3306, true, true, nil},
	{"rdp", 3389, true, true, nil},
	{"ipsec-nat-t", 4500, true, true, nil},
	{"sip", 5060, true, true, nil},
	{"postgresql", 5432, true, true, []string{"postgres"}},
	{"x11", 6000, true, true, nil},
	{"ircd", 6667, true, false, nil},
	{"spamd", 8025, true, false, nil},
	{"spamd-cfg", 8026, true, false, nil},
	{"http-alt", 8080, true, true, []string{"webcache"}},
	{"git", 9418, true, false, nil},
}

// servicesByName indexes services by name and alias, built on first use
// (most runs name no service, and none needs it at start-up).
var servicesByName = sync.OnceValue(func() map[string][]int {
	m := map[string][]int{}
	for i, s := range services {
		m[s.name] = append(m[s.name], i)
		for _, a := range s.aliases {
			m[a] = append(m[a], i)
		}
	}
	return m
})

// serviceByName is getservbyname for tcp or udp.
func serviceByName(name, proto string) (uint16, bool) {
	for _, i := range servicesByName()[name] {
		s := services[i]
		if proto == "tcp" && !s.tcp || proto == "udp" && !s.udp {
			continue
		}
		return s.port, true
	}
	return 0, false
}

// serviceByPort is getservbyport for tcp or udp.
func serviceByPort(port uint16, proto string) (string, bool) {
	for _, s := range services {
		if proto == "tcp" && !s.tcp || proto == "udp" && !s.udp {
			continue
		}
		if s.port == port {
			return s.name, true
		}
	}
	return "", false
}

// icmpTypes are pfctl's ICMP type names, in pfctl's table order.
var icmpTypes = []struct {
	name string
	num  uint8
}{
	{"echoreq", 8}, {"echorep", 0}, {"unreach", 3}, {"squench", 4},
	{"redir", 5}, {"althost", 6}, {"routeradv", 9}, {"routersol", 10},
	{"timex", 11}, {"paramprob", 12}, {"timereq", 13}, {"timerep", 14},
	{"inforeq", 15}, {"inforep", 16}, {"maskreq", 17}, {"maskrep", 18},
	{"trace", 30}, {"dataconv", 31}, {"mobredir", 32}, {"ipv6-where", 33},
	{"ipv6-here", 34}, {"mobregreq", 35}, {"mobregrep", 36}, {"skip", 39},
	{"photuris", 40},
}

// icmp6Types are pfctl's ICMPv6 type names.
var icmp6Types = []struct {
	name string
	num  uint8
}{
	{"unreach", 1}, {"toobig", 2}, {"timex", 3}, {"paramprob", 4},
	{"echoreq", 128}, {"echorep", 129}, {"groupqry", 130}, {"listqry", 130},
	{"grouprep", 131}, {"listenrep", 131}, {"groupterm", 132}, {"listendone", 132},
	{"routersol", 133}, {"routeradv", 134}, {"neighbrsol", 135}, {"neighbradv", 136},
	{"redir", 137}, {"routrrenum", 138}, {"wrureq", 139}, {"wrurep", 140},
	{"fqdnreq", 139}, {"fqdnrep", 140}, {"niqry", 139}, {"nirep", 140},
	{"mtraceresp", 200}, {"mtrace", 201}, {"listenrepv2", 143},
}

type icmpCode struct {
	name      string
	typ, code uint8
}

var icmpCodes = []icmpCode{
	{"net-unr", 3, 0}, {"host-unr", 3, 1}, {"proto-unr", 3, 2}, {"port-unr", 3, 3},
	{"needfrag", 3, 4}, {"srcfail", 3, 5}, {"net-unk", 3, 6}, {"host-unk", 3, 7},
	{"isolate", 3, 8}, {"net-prohib", 3, 9}, {"host-prohib", 3, 10}, {"net-tos", 3, 11},
	{"host-tos", 3, 12}, {"filter-prohib", 3, 13}, {"host-preced", 3, 14},
	{"cutoff-preced", 3, 15}, {"redir-net", 5, 0}, {"redir-host", 5, 1},
	{"redir-tos-net", 5, 2}, {"redir-tos-host", 5, 3}, {"normal-adv", 9, 0},
	{"common-adv", 9, 16}, {"transit", 11, 0}, {"reassemb", 11, 1},
	{"badhead", 12, 0}, {"optmiss", 12, 1}, {"badlen", 12, 2},
	{"unknown-ind", 40, 1}, {"auth-fail", 40, 2}, {"decrypt-fail", 40, 3},
}

var icmp6Codes = []icmpCode{
	{"admin-unr", 1, 1}, {"noroute-unr", 1, 0}, {"notnbr-unr", 1, 2}, {"beyond-unr", 1, 2},
	{"addr-unr", 1, 3}, {"port-unr", 1, 4}, {"transit", 3, 0}, {"reassemb", 3, 1},
	{"badhead", 4, 0}, {"nxthdr", 4, 1}, {"redironlink", 137, 0}, {"redirrouter", 137, 1},
}

func icmpTypeByName(s string, af int) (uint8, bool) {
	if af == 6 {
		for _, t := range icmp6Types {
			if t.name == s {
				return t.num, true
			}
		}
		return 0, false
	}
	for _, t := range icmpTypes {
		if t.name == s {
			return t.num, true
		}
	}
	return 0, false
}

func icmpTypeName(n uint8, af int) (string, bool) {
	if af == 6 {
		for _, t := range icmp6Types {
			if t.num == n {
				return t.name, true
			}
		}
		return "", false
	}
	for _, t := range icmpTypes {
		if t.num == n {
			return t.name, true
		}
	}
	return "", false
}

func icmpCodeTable(af int, freebsd bool) []icmpCode {
	if af != 6 {
		return icmpCodes
	}
	if freebsd {
		return icmp6Codes
	}
	// OpenBSD dropped notnbr-unr: code 2 is beyond-unr.
	out := make([]icmpCode, 0, len(icmp6Codes))
	for _, c := range icmp6Codes {
		if c.name != "notnbr-unr" {
			out = append(out, c)
		}
	}
	return out
}

func icmpCodeByName(typ uint8, s string, af int, freebsd bool) (uint8, bool) {
	for _, c := range icmpCodeTable(af, freebsd) {
		if c.typ == typ && c.name == s {
			return c.code, true
		}
	}
	return 0, false
}

func icmpCodeName(typ, code uint8, af int, freebsd bool) (string, bool) {
	for _, c := range icmpCodeTable(af, freebsd) {
		if c.typ == typ && c.code == code {
			return c.name, true
		}
	}
	return "", false
}

// ProtoName is getprotobynumber's name of a protocol number.
func ProtoName(n uint8) (string, bool) { return protoName(n) }

// ServiceByPort is getservbyport's name of a port for tcp or udp.
func ServiceByPort(port uint16, proto string) (string, bool) { return serviceByPort(port, proto) }

// ICMPCodeName is the name pfctl prints for an ICMP code of a type.
func ICMPCodeName(typ, code uint8, af int, freebsd bool) (string, bool) {
	return icmpCodeName(typ, code, af, freebsd)
}
