// Package gen writes synthetic but realistic pf.conf rulesets of a chosen
// size for a chosen target, for benchmarks, fuzz seeds and load tests.
//
// A ruleset holds every kind of statement the target's pfctl takes, in the
// order FreeBSD's pfctl enforces (options, ethernet, normalization,
// queueing, translation, filtering): macros, tables with inline addresses,
// set options, queue trees (ALTQ cbq/priq/hfsc, or the queues that replaced
// ALTQ on OpenBSD 5.5 and later), scrub and nat/rdr/binat rules where the
// target still has them, antispoof, pass/block/match rules with many
// options and queue assignments, and anchors with inline bodies. Comments,
// blank lines, continuation lines and multi-line lists are mixed in as
// real files have them.
//
// Output is deterministic: the same size, target and seed give the same
// bytes on every run and every platform (math/rand/v2's PCG, no map
// iteration), so benchmark figures compare like with like.
//
// It does not promise that pfctl would load the result on a real machine
// (interfaces, DNS and files named in it do not exist), only that it is
// well-formed for the target and plausible: queues that rules assign
// exist, tables and macros are defined before use, percentages of a parent
// add up to less than 100.
//
// Supported targets are OpenBSD 4.7 and later and FreeBSD 12 and later;
// for older releases the output is a best effort.
package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/pfshape/pfshape/internal/target"
)

// Seed is the seed Ruleset uses.
const Seed uint64 = 0x7066_7368_6170_6521 // "pfshape!"

// Ruleset returns a ruleset of exactly lines lines (each ending in a
// newline) for t, generated from Seed.
func Ruleset(lines int, t target.Target) []byte { return RulesetSeed(lines, t, Seed) }

// RulesetSeed is Ruleset with a chosen seed.
func RulesetSeed(lines int, t target.Target, seed uint64) []byte {
	return generate(lines, t, Mixed, seed)
}

func generate(lines int, t target.Target, shape Shape, seed uint64) []byte {
	if lines <= 0 {
		return nil
	}
	g := &generator{
		r:     rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		d:     dialectFor(t),
		t:     t,
		shape: shape,
		left:  lines,
		def:   map[string]bool{},
	}
	g.ifaces = []iface{
		{macro: "ext_if", name: "em0"}, {macro: "int_if", name: "em1"}, {macro: "dmz_if", name: "em2"},
		{macro: "wlan_if", name: "athn0"}, {macro: "vpn_if", name: "wg0"},
	}
	if g.d.freebsd {
		for i, n := range []string{"igb0", "igb1", "igb2", "ath0", "tun0"} {
			g.ifaces[i].name = n
		}
	}
	if shape == Shaping {
		g.shapingInterfaces(lines)
	}
	g.out.Grow(lines * 64)
	g.ruleset(lines)
	return g.out.Bytes()
}

// dialect is what the generator needs to know about a target, worked out
// once from target.Target so the emitters test plain flags.
type dialect struct {
	freebsd      bool
	altq         bool   // ALTQ trees: `altq on IF … queue { … }` and child queues
	altqQueue    string // the word that starts an ALTQ child queue
	newQueues    bool   // `queue NAME on IF …` / `queue NAME parent P …`
	flows        bool   // new queues take `flows N` and `quantum N` (fq-codel)
	setPrio      bool   // `set prio N`
	barePrio     bool   // `prio N` as an action (OpenBSD 5.0, 5.1)
	setQueue     bool   // `set queue NAME`
	setGroup     bool   // `set ( prio …, queue … )`
	setTosDelay  bool   // `set tos`, `set delay` (OpenBSD current)
	prioMatch    bool   // `prio N` as a match criterion
	scrubRules   bool   // standalone `scrub` rules
	natArrow     bool   // `nat`/`rdr`/`binat … -> …`
	match        bool   // `match` rules
	routeInHead  bool   // route-to stands before af/proto (FreeBSD)
	egress       bool   // the `egress` interface group (OpenBSD)
	divert       bool   // divert-to / divert-reply (OpenBSD)
	afTo         bool   // af-to (OpenBSD 5.1+)
	maxPktRate   bool   // max-pkt-rate (OpenBSD 6.4+)
	pflow        bool   // the `pflow` state option
	counters     bool   // `table … counters`
	syslogDebug  bool   // `set debug warning` rather than `set debug misc`
	syncookies   bool   // `set syncookies`
	keepcounters bool   // `set keepcounters` (FreeBSD 13+)
	failPolicy   bool   // `set fail-policy` (FreeBSD)
	reassemble   bool   // `set reassemble` (OpenBSD 4.6+)
	ether        bool   // layer-2 `ether` rules (FreeBSD 14+)
	logMatches   bool   // `log (matches)`
	ordered      bool   // pfctl enforces the order of statement kinds
}

// dialectFor works out the dialect of a target. Where target.Target has
// no method for a feature, the release it appeared in is written here.
func dialectFor(t target.Target) dialect {
	obsd := func(maj, min int) bool {
		return t.OS == target.OpenBSD && t.Release.AtLeast(target.Release{Major: maj, Minor: min})
	}
	fbsd := func(maj int) bool {
		return t.OS == target.FreeBSD && t.Release.AtLeast(target.Release{Major: maj})
	}
	d := dialect{
		freebsd:      t.OS == target.FreeBSD,
		newQueues:    t.HasNewQueues(),
		flows:        obsd(6, 2),
		setPrio:      t.HasSetPrio(),
		barePrio:     t.HasBarePrioAction(),
		setQueue:     t.HasSetQueue(),
		setGroup:     obsd(5, 2),
		setTosDelay:  obsd(6, 0),
		prioMatch:    obsd(5, 2) || fbsd(13),
		scrubRules:   t.HasScrubRules(),
		natArrow:     t.HasTranslationRules(),
		match:        obsd(4, 6) || fbsd(14),
		routeInHead:  t.OS == target.FreeBSD,
		egress:       t.OS == target.OpenBSD,
		divert:       obsd(4, 7),
		afTo:         obsd(5, 1),
		maxPktRate:   obsd(6, 4),
		pflow:        obsd(4, 5),
		counters:     obsd(4, 5),
		syslogDebug:  obsd(5, 0),
		syncookies:   obsd(6, 3) || fbsd(13),
		failPolicy:   t.OS == target.FreeBSD,
		keepcounters: fbsd(13),
		reassemble:   obsd(4, 6),
		ether:        fbsd(14),
		logMatches:   obsd(4, 6) || fbsd(13),
		ordered:      t.EnforcesOrder(),
	}
	// OpenBSD 5.5 has both queueings; a ruleset uses one, and the new one
	// is what a 5.5 user was moving to.
	d.altq = t.HasALTQ() && !d.newQueues
	d.altqQueue = t.ALTQQueueKeyword()
	return d
}

// generator holds the state of one ruleset being written.
type generator struct {
	r     *rand.Rand
	d     dialect
	t     target.Target
	shape Shape
	out   bytes.Buffer
	left  int // lines still to write

	def     map[string]bool // macros and tables defined so far
	ifaces  []iface
	hosts   []string // IPv4 host macros, as `$name`
	hosts6  []string // IPv6 host macros, as `$name`
	nets    []string // network macros, as `$name`
	ports   []string // port-list macros, as `$name`
	tables  []string // tables defined with addresses, as `<name>`
	anchors int      // anchors written, for unique names

	// Leaf queues of every interface, for rules on no interface in
	// particular; gathered once the queue trees are written.
	allLeaves, allAcks []string
}

// iface is one interface the ruleset filters on, with the queues defined
// on it (leaves only: only leaves may be assigned).
type iface struct {
	macro  string // `ext_if`
	name   string // `em0`
	leaves []string
	acks   []string // leaf queues suited to TCP ACKs
}

// ref is the interface as rules write it: the macro when it was defined.
func (i *iface) ref(g *generator) string {
	if g.def[i.macro] {
		return "$" + i.macro
	}
	return i.name
}

// m is a macro reference when the macro was defined (a tiny ruleset may
// have been cut before it), and the literal it stands for otherwise.
func (g *generator) m(name, literal string) string {
	if g.def[name] {
		return "$" + name
	}
	return literal
}

// table is a table reference when the table was defined, else alt.
func (g *generator) table(name, alt string) string {
	if g.def["<"+name+">"] {
		return "<" + name + ">"
	}
	return alt
}

// emit writes a chunk of whole lines if it fits in what is left, and
// reports whether it did. Chunks are statements (possibly continued over
// several lines), comments or blank lines, so a cut never splits one.
func (g *generator) emit(chunk string) bool {
	if !strings.HasSuffix(chunk, "\n") {
		chunk += "\n"
	}
	n := strings.Count(chunk, "\n")
	if n > g.left {
		return false
	}
	g.out.WriteString(chunk)
	g.left -= n
	return true
}

// section writes a blank line and a comment heading, as real files
// separate their parts; it needs room for the heading and one statement.
func (g *generator) section(title string) bool {
	if g.left < 3 {
		return false
	}
	g.emit("")
	g.emit("# " + title)
	return true
}

func (g *generator) ruleset(lines int) {
	g.emit(fmt.Sprintf("# pf.conf generated by pfshape's internal/gen for %s (%d lines)", g.t, lines))
	g.macros(lines)
	g.tableDefs(lines)
	g.options()
	g.ethernet()
	g.normalization()
	g.queueing(lines)
	for _, i := range g.ifaces {
		g.allLeaves = append(g.allLeaves, i.leaves...)
		g.allAcks = append(g.allAcks, i.acks...)
	}
	g.translation(lines)
	g.filtering()
}

// pick returns one element of xs.
func pick[T any](g *generator, xs ...T) T { return xs[g.r.IntN(len(xs))] }

// chance reports true with probability percent/100.
func (g *generator) chance(percent int) bool { return g.r.IntN(100) < percent }

// scaled returns lines/per clamped to [lo, hi]: how many of a thing a
// ruleset of that size holds.
func scaled(lines, per, lo, hi int) int { return min(max(lines/per, lo), hi) }

// ipv4 returns an address in one of the private or documentation ranges.
func (g *generator) ipv4() string {
	switch g.r.IntN(5) {
	case 0:
		return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
	case 1:
		return fmt.Sprintf("192.168.%d.%d", g.r.IntN(256), 1+g.r.IntN(254))
	case 2:
		return fmt.Sprintf("172.%d.%d.%d", 16+g.r.IntN(16), g.r.IntN(256), 1+g.r.IntN(254))
	case 3:
		return fmt.Sprintf("198.51.100.%d", 1+g.r.IntN(254))
	}
	return fmt.Sprintf("203.0.113.%d", 1+g.r.IntN(254))
}

// net4 returns an IPv4 network with its mask.
func (g *generator) net4() string {
	bits := pick(g, 8, 12, 16, 20, 24, 24, 24, 27, 28, 29, 30, 32)
	a := [4]int{10, g.r.IntN(256), g.r.IntN(256), g.r.IntN(256)}
	if g.chance(40) {
		a[0], a[1] = 192, 168
	}
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v &^= (1<<(32-bits) - 1)
	return fmt.Sprintf("%d.%d.%d.%d/%d", v>>24, v>>16&255, v>>8&255, v&255, bits)
}

// ipv6 returns an address or a network in the documentation range.
func (g *generator) ipv6(network bool) string {
	if network {
		return fmt.Sprintf("2001:db8:%x::/%d", g.r.IntN(0x10000), pick(g, 48, 56, 64))
	}
	return fmt.Sprintf("2001:db8:%x::%x", g.r.IntN(0x10000), 1+g.r.IntN(0xffff))
}

var (
	serviceNames = []string{"ssh", "domain", "www", "https", "smtp", "submission", "imaps", "ntp",
		"ldap", "ldaps", "ftp", "syslog", "snmp", "kerberos", "bootps", "isakmp", "ipsec-nat-t", "auth"}
	servicePorts = []int{22, 25, 53, 80, 110, 143, 443, 465, 587, 993, 995, 1194, 1723, 3128, 3306,
		3389, 5060, 5432, 5900, 6379, 8000, 8080, 8443, 9000, 9090, 9100, 11211, 27017}
	queueRoles = []string{"web", "ssh", "mail", "dns", "voip", "vpn", "bulk", "backup", "games",
		"stream", "ntp", "irc", "p2p", "admin", "video", "sync", "update", "print"}
	icmpTypes  = []string{"echoreq", "unreach", "timex", "paramprob", "echorep"}
	icmp6Types = []string{"echoreq", "unreach", "toobig", "timex", "paramprob", "neighbrsol",
		"neighbradv", "routersol", "routeradv"}
	tagNames = []string{"LAN_IN", "DMZ_IN", "VPN", "GUEST", "VOIP", "BACKUP", "MGMT", "IOT"}
)

// port returns one port, by name or number.
func (g *generator) port() string {
	if g.chance(40) {
		return pick(g, serviceNames...)
	}
	return fmt.Sprint(pick(g, servicePorts...))
}

// portSpec returns a `port …` clause in one of its forms.
func (g *generator) portSpec() string {
	switch n := g.r.IntN(20); {
	case n < 9:
		return "port " + g.port()
	case n < 12:
		return "port { " + g.list(g.listLen(2+g.r.IntN(4)), g.port) + " }"
	case n < 13 && len(g.ports) > 0:
		return "port " + pick(g, g.ports...)
	case n < 14:
		lo := 1024 + g.r.IntN(40000)
		return fmt.Sprintf("port %d:%d", lo, lo+1+g.r.IntN(1000))
	case n < 15:
		lo := 1024 + g.r.IntN(40000)
		return fmt.Sprintf("port %d >< %d", lo, lo+2+g.r.IntN(1000))
	case n < 16:
		return fmt.Sprintf("port %s %d", pick(g, ">", ">=", "<", "<=", "!="), pick(g, servicePorts...))
	case n < 17:
		return "port = " + g.port()
	}
	return "port " + g.port()
}

// list joins n items with a separator pfctl takes in lists: commas are
// optional, and real files use both.
func (g *generator) list(n int, item func() string) string {
	sep := pick(g, ", ", " ", ", ")
	parts := make([]string, n)
	for i := range parts {
		parts[i] = item()
	}
	return strings.Join(parts, sep)
}

// define writes a macro definition and records the name.
func (g *generator) define(name, value string) bool {
	if !g.emit(name + " = " + value) {
		return false
	}
	g.def[name] = true
	return true
}

func (g *generator) macros(lines int) {
	if !g.section("Macros") {
		return
	}
	for _, i := range g.ifaces {
		// Both spellings occur in the wild: quoted and bare.
		if g.chance(70) {
			g.define(i.macro, `"`+i.name+`"`)
		} else {
			g.define(i.macro, i.name)
		}
	}
	g.define("wan2_if", `"em3"`)
	g.define("wan2_gw", `"192.0.2.254"`)
	g.define("lan_net", `"192.168.1.0/24"`)
	g.define("dmz_net", `"10.10.0.0/24"`)
	g.define("vpn_net", `"10.8.0.0/16"`)
	g.nets = append(g.nets, "$lan_net", "$dmz_net", "$vpn_net")
	// An unquoted definition that uses other macros: expanded now, once.
	// Unquoted definitions that use other macros are expanded once, here;
	// the braces must be quoted or they would end the definition.
	g.define("ns1", `"10.10.0.53"`)
	g.define("ns2", `"10.10.1.53"`)
	if g.define("dns_servers", `"{" $ns1 $ns2 "}"`) {
		g.hosts = append(g.hosts, "$dns_servers")
	}
	if g.define("tcp_services", `"{ ssh, smtp, domain, www, https, submission, imaps }"`) {
		g.ports = append(g.ports, "$tcp_services")
	}
	if g.define("udp_services", `"{ domain ntp }"`) {
		g.ports = append(g.ports, "$udp_services")
	}
	g.define("icmp_types", `"{ echoreq, unreach, timex }"`)
	g.define("icmp6_types", `"{ echoreq unreach toobig neighbrsol neighbradv routersol routeradv }"`)
	for i := range scaled(lines, 40, 4, 5000) {
		name := fmt.Sprintf("srv%d", i)
		switch g.r.IntN(6) {
		case 0:
			name = fmt.Sprintf("net%d", i)
			if g.define(name, `"`+g.net4()+`"`) {
				g.nets = append(g.nets, "$"+name)
			}
		case 1:
			name = fmt.Sprintf("svc%d_ports", i)
			if g.define(name, `"{ `+g.list(g.listLen(2+g.r.IntN(5)), g.port)+` }"`) {
				g.ports = append(g.ports, "$"+name)
			}
		case 2:
			if g.define(name, `"`+g.ipv6(false)+`"`) {
				g.hosts6 = append(g.hosts6, "$"+name)
			}
		default:
			if g.define(name, `"`+g.ipv4()+`"`) {
				g.hosts = append(g.hosts, "$"+name)
			}
		}
	}
}

// addrs returns n table or list entries, a few of them negated.
func (g *generator) addrs(n int) []string {
	out := make([]string, n)
	for i := range out {
		switch g.r.IntN(10) {
		case 0:
			out[i] = g.ipv6(g.chance(50))
		case 1:
			out[i] = "!" + g.ipv4()
		case 2, 3, 4:
			out[i] = g.ipv4()
		default:
			out[i] = g.net4()
		}
	}
	return out
}

func (g *generator) tableDefs(lines int) {
	if !g.section("Tables") {
		return
	}
	fixed := []struct{ name, def string }{
		{"bruteforce", "table <bruteforce> persist"},
		{"bogons", `table <bogons> persist file "/etc/pf/bogons"`},
		{"trusted", "table <trusted> const { 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, !192.168.66.0/24 }"},
		{"natpool", "table <natpool> { 198.51.100.8/30 }"},
	}
	for _, f := range fixed {
		if g.emit(f.def) {
			g.def["<"+f.name+">"] = true
			if f.name != "bruteforce" {
				g.tables = append(g.tables, "<"+f.name+">")
			}
		}
	}
	for i := range scaled(lines, g.tablesPer(), 2, 50000) {
		name := fmt.Sprintf("<%s%d>", pick(g, "blocklist", "servers", "clients", "peers", "mgmt", "partners"), i)
		opts := pick(g, "", "persist ", "const ", "persist ")
		if g.d.counters && g.chance(15) {
			opts += "counters "
		}
		var chunk string
		switch n := 1 + g.r.IntN(12); {
		case n <= 6:
			chunk = "table " + name + " " + opts + "{ " + strings.Join(g.addrs(n), pick(g, ", ", " ")) + " }"
		case n <= 10:
			// Newlines inside the braces need no backslash.
			a := g.addrs(n)
			chunk = "table " + name + " " + opts + "{\n\t" + strings.Join(a[:n/2], ", ") + ",\n\t" +
				strings.Join(a[n/2:], ", ") + "\n}"
		default:
			// Backslash continuation, as most real files write it.
			a := g.addrs(n)
			chunk = "table " + name + " " + opts + "{ " + strings.Join(a[:n/2], " ") + " \\\n\t" +
				strings.Join(a[n/2:], " ") + " }"
		}
		if g.emit(chunk) {
			g.def[name] = true
			g.tables = append(g.tables, name)
		}
	}
}

func (g *generator) options() {
	if !g.section("Options") {
		return
	}
	ext := &g.ifaces[0]
	opts := []string{
		"set skip on lo0",
		"set block-policy " + pick(g, "drop", "return"),
		"set loginterface " + ext.ref(g),
		"set optimization " + pick(g, "normal", "aggressive", "conservative"),
		"set ruleset-optimization basic",
		"set state-policy if-bound",
		"set limit { states 200000, src-nodes 50000, frags 10000, tables 2000, table-entries 400000 }",
		"set limit states 250000",
		"set timeout { tcp.first 60, tcp.established 86400, tcp.closing 300, udp.single 60 }",
		"set timeout interval 10",
		"set timeout { adaptive.start 180000, adaptive.end 300000 }",
		`set fingerprints "/etc/pf.os"`,
		"set hostid 0x" + fmt.Sprintf("%08x", g.r.Uint32()),
		"set skip on { lo0 pfsync0 }",
	}
	if g.d.syslogDebug {
		opts = append(opts, "set debug warning")
	} else {
		opts = append(opts, "set debug misc")
	}
	if g.d.reassemble {
		opts = append(opts, "set reassemble yes no-df")
	}
	if g.d.pflow {
		opts = append(opts, "set state-defaults pflow")
	}
	if g.d.syncookies {
		opts = append(opts, "set syncookies adaptive (start 25%, end 12%)")
	}
	if g.d.failPolicy {
		opts = append(opts, "set fail-policy drop", "set require-order yes")
	}
	if g.d.keepcounters {
		opts = append(opts, "set keepcounters")
	}
	for _, o := range opts {
		g.emit(o)
	}
}

// ethernet writes FreeBSD's layer-2 rules, which come after the options.
func (g *generator) ethernet() {
	if !g.d.ether || !g.section("Ethernet") {
		return
	}
	in := &g.ifaces[1]
	g.emit("ether pass in quick on " + in.ref(g) + " from 00:0d:b9:12:34:56")
	g.emit(`ether block out on ` + in.ref(g) + ` to 00:00:5e:00:53:01 label "blocked mac"`)
}

// normalization writes scrub rules, or on OpenBSD since 4.6 the match
// rules that replaced them.
func (g *generator) normalization() {
	// A match rule is a filter rule: where pfctl enforces the order it
	// must wait for the filtering section.
	matchHere := g.d.match && !g.d.ordered
	if !g.d.scrubRules && !matchHere || !g.section("Normalization") {
		return
	}
	if !g.d.scrubRules {
		g.scrubMatch()
		return
	}
	ext, in := &g.ifaces[0], &g.ifaces[1]
	g.emit("scrub in on " + ext.ref(g) + " all fragment reassemble")
	g.emit("scrub out on " + ext.ref(g) + " all random-id max-mss 1440")
	g.emit("scrub on " + in.ref(g) + " all no-df min-ttl 15 reassemble tcp")
	g.emit("no scrub on " + in.ref(g) + " from 10.0.0.5 to any")
}

// scrubMatch writes the match rules that replaced scrub rules.
func (g *generator) scrubMatch() {
	g.emit("match in all scrub (no-df random-id max-mss 1440)")
	g.emit("match out on " + g.ifaces[0].ref(g) + " all scrub (reassemble tcp, random-id)")
}

// queueing writes one queue tree per shaped interface. A tree is one chunk:
// half a tree would name queues that do not exist.
func (g *generator) queueing(lines int) {
	switch {
	case g.d.altq:
		if !g.section("Queueing (ALTQ)") {
			return
		}
		g.altqTree(&g.ifaces[0], "cbq", scaled(lines, 100, 4, 40))
		g.altqTree(&g.ifaces[1], "priq", scaled(lines, 300, 3, 15))
		g.altqTree(&g.ifaces[2], "hfsc", scaled(lines, 100, 4, 40))
	case g.d.newQueues:
		if !g.section("Queueing") {
			return
		}
		g.newQueueTree(&g.ifaces[0], 100, scaled(lines, 100, 3, 40))
		g.newQueueTree(&g.ifaces[2], 1000, scaled(lines, 100, 3, 40))
	}
	if g.shape == Shaping {
		g.shapingTrees()
	}
}

// queueName names the n-th queue of an interface.
func queueName(prefix string, n int) string {
	role := queueRoles[n%len(queueRoles)]
	if n >= len(queueRoles) {
		role += fmt.Sprint(n / len(queueRoles))
	}
	return prefix + "_" + role
}

// altqTree writes `altq on IF …` and its child queues: nleaves leaves,
// grouped under a few parents for cbq and hfsc (priq has no children),
// and exactly one default leaf, as pfctl requires.
func (g *generator) altqTree(i *iface, sched string, nleaves int) {
	prefix := strings.TrimSuffix(i.macro, "_if")
	var b strings.Builder
	var leaves, acks []string
	def := prefix + "_std"
	q := g.d.altqQueue

	type group struct {
		name     string
		children []string
	}
	var top []group
	if sched == "priq" {
		for n := range nleaves {
			top = append(top, group{name: queueName(prefix, n)})
		}
	} else {
		for n := 0; n < nleaves; {
			size := min(1+g.r.IntN(4), nleaves-n)
			if size == 1 {
				top = append(top, group{name: queueName(prefix, n)})
			} else {
				gr := group{name: fmt.Sprintf("%s_grp%d", prefix, len(top))}
				for k := range size {
					gr.children = append(gr.children, queueName(prefix, n+k))
				}
				top = append(top, gr)
			}
			n += size
		}
	}
	names := []string{def}
	for _, t := range top {
		names = append(names, t.name)
	}
	bw := pick(g, "10Mb", "20Mb", "50Mb", "100Mb", "1.5Mb")
	if sched == "hfsc" {
		bw = pick(g, "100Mb", "1Gb", "900Mb")
	}
	fmt.Fprintf(&b, "altq on %s %s bandwidth %s", i.ref(g), sched, bw)
	if g.chance(50) {
		fmt.Fprintf(&b, " qlimit %d", pick(g, 50, 100, 500))
	}
	if g.chance(30) {
		fmt.Fprintf(&b, " tbrsize %d", pick(g, 1824, 4000, 16000))
	}
	// Long lists are continued, as people write them.
	if len(names) > 6 {
		fmt.Fprintf(&b, " \\\n\tqueue { %s \\\n\t\t%s }\n", strings.Join(names[:len(names)/2], ", "),
			strings.Join(names[len(names)/2:], ", "))
	} else {
		fmt.Fprintf(&b, " queue { %s }\n", strings.Join(names, ", "))
	}

	share := max(90/len(names), 1) // of the interface; sums to at most 90%
	prio := 0
	nextPrio := func() int {
		// priq priorities are unique per interface (0–15); cbq's are 0–7.
		p := prio
		prio++
		if sched == "cbq" {
			return p % 8
		}
		return p
	}
	rtUsed := 0 // Mb of real-time curves on this interface
	// ls is the queue's share of its parent, which its link-share curve
	// takes too: the children's curves must fit in the parent's.
	schedOpts := func(leaf, isDefault bool, ls int) string {
		var flags []string
		if isDefault {
			flags = append(flags, "default")
		}
		switch sched {
		case "cbq":
			if g.chance(50) {
				flags = append(flags, "borrow")
			}
			if g.chance(20) {
				flags = append(flags, pick(g, "red", "ecn"))
			}
		case "priq":
			if g.chance(20) {
				flags = append(flags, pick(g, "red", "ecn"))
			}
		case "hfsc":
			// pfctl refuses real-time curves that add up to more than
			// 80% of the interface (at least 100Mb here): 60Mb at most.
			m1 := 10 + g.r.IntN(10)
			realtime := leaf && g.chance(40) && rtUsed+m1 <= 60
			if realtime {
				rtUsed += m1
				flags = append(flags, fmt.Sprintf("realtime (%dMb %d %dMb)", m1, pick(g, 10, 50, 100), 1+g.r.IntN(5)))
			}
			if g.chance(50) {
				flags = append(flags, fmt.Sprintf("linkshare %d%%", ls))
			}
			// A percentage upper limit can fall below the absolute
			// real-time curve, which pfctl refuses ("upper-limit sc
			// smaller than real-time sc"): one or the other.
			if !realtime && g.chance(30) {
				flags = append(flags, fmt.Sprintf("upperlimit %d%%", 50+g.r.IntN(50)))
			}
		}
		if len(flags) == 0 {
			return ""
		}
		return " " + sched + "(" + strings.Join(flags, pick(g, " ", ", ")) + ")"
	}
	line := func(indent, name string, pct int, leaf, isDefault bool) {
		fmt.Fprintf(&b, "%s%s %s", indent, q, name)
		if sched != "priq" {
			fmt.Fprintf(&b, " bandwidth %d%%", pct)
		}
		if sched != "hfsc" {
			fmt.Fprintf(&b, " priority %d", nextPrio())
		}
		if leaf && g.chance(20) {
			fmt.Fprintf(&b, " qlimit %d", pick(g, 30, 100, 200))
		}
		b.WriteString(schedOpts(leaf, isDefault, pct))
	}
	line("", def, share, true, true)
	b.WriteString("\n")
	leaves = append(leaves, def)
	for _, t := range top {
		line("", t.name, share, len(t.children) == 0, false)
		if len(t.children) == 0 {
			b.WriteString("\n")
			leaves = append(leaves, t.name)
			if strings.HasSuffix(t.name, "_ssh") || strings.HasSuffix(t.name, "_admin") {
				acks = append(acks, t.name)
			}
			continue
		}
		fmt.Fprintf(&b, " { %s }\n", strings.Join(t.children, pick(g, ", ", " ")))
		sub := max(95/len(t.children), 1)
		for _, c := range t.children {
			line("\t", c, sub, true, false)
			b.WriteString("\n")
			leaves = append(leaves, c)
		}
	}
	if len(acks) == 0 {
		acks = []string{def}
	}
	if g.emit(b.String()) {
		i.leaves, i.acks = leaves, acks
	}
}

// newQueueTree writes a tree of the queueing that replaced ALTQ: a root on
// the interface, parents, leaves, one default leaf. Bandwidths are absolute
// (this queueing takes no percentages) and add up to less than the root's.
func (g *generator) newQueueTree(i *iface, mbit, nleaves int) {
	prefix := strings.TrimSuffix(i.macro, "_if")
	var b strings.Builder
	var leaves []string
	root := prefix + "_root"
	fmt.Fprintf(&b, "queue %s on %s bandwidth %dM max %dM", root, i.ref(g), mbit, mbit)
	b.WriteString("\n")
	per := max(mbit*9/10/(nleaves+1), 1)
	def := prefix + "_std"
	fmt.Fprintf(&b, "\tqueue %s parent %s bandwidth %dM default\n", def, root, per)
	leaves = append(leaves, def)
	for n := 0; n < nleaves; {
		size := min(1+g.r.IntN(3), nleaves-n)
		parent := root
		indent := "\t"
		if size > 1 {
			parent = fmt.Sprintf("%s_grp%d", prefix, n)
			fmt.Fprintf(&b, "\tqueue %s parent %s bandwidth %dM\n", parent, root, per*size)
			indent = "\t\t"
		}
		for k := range size {
			name := queueName(prefix, n+k)
			fmt.Fprintf(&b, "%squeue %s parent %s bandwidth %dM", indent, name, parent, per)
			switch g.r.IntN(6) {
			case 0:
				fmt.Fprintf(&b, " min %dM", max(per/2, 1))
			case 1:
				fmt.Fprintf(&b, " max %dM", per*2)
			case 2:
				fmt.Fprintf(&b, " burst %dM for %dms", per*2, pick(g, 50, 100, 200, 1000))
			case 3:
				fmt.Fprintf(&b, " min %dM burst %dM for 100ms, max %dM", max(per/2, 1), per, per*3)
			}
			if g.chance(25) {
				fmt.Fprintf(&b, " qlimit %d", pick(g, 50, 100, 300))
			}
			if g.d.flows && g.chance(20) {
				fmt.Fprintf(&b, " flows %d quantum %d", pick(g, 256, 1024), pick(g, 300, 1514))
			}
			b.WriteString("\n")
			leaves = append(leaves, name)
		}
		n += size
	}
	if g.emit(b.String()) {
		i.leaves, i.acks = leaves, leaves[:1]
	}
}

// translation writes nat/rdr/binat rules with `->` where the target has
// them; elsewhere translation is a filter option (nat-to, rdr-to).
func (g *generator) translation(lines int) {
	if !g.d.natArrow || !g.section("Translation") {
		return
	}
	ext, in, dmz := &g.ifaces[0], &g.ifaces[1], &g.ifaces[2]
	g.emit(`nat-anchor "ftp-proxy/*"`)
	g.emit(`rdr-anchor "ftp-proxy/*"`)
	lan := g.m("lan_net", "192.168.1.0/24")
	g.emit("nat on " + ext.ref(g) + " inet from " + lan + " to any -> (" + ext.ref(g) + ")")
	g.emit("no nat on " + ext.ref(g) + " from " + lan + " to 10.0.0.0/8")
	g.emit("rdr pass on " + in.ref(g) + " proto tcp from " + lan + " to any port 21 -> 127.0.0.1 port 8021")
	for range scaled(lines, 100, 3, 2000) {
		switch g.r.IntN(6) {
		case 0:
			g.emit(fmt.Sprintf("nat on %s from %s to any -> (%s:0) port 1024:65535 %s",
				ext.ref(g), g.netRef(), ext.ref(g), pick(g, "static-port", "", "")))
		case 1:
			ifRef, net, pool := ext.ref(g), g.netRef(), g.table("natpool", "198.51.100.8/30")
			kind := pick(g, "round-robin", "source-hash", "random sticky-address", "bitmask")
			if strings.HasPrefix(pool, "<") {
				// A table needs a pool type that walks it: round-robin
				// everywhere (FreeBSD before 15 takes no other; bitmask
				// nowhere: "tables are not supported by pool type").
				kind = "round-robin"
			}
			g.emit(fmt.Sprintf("nat on %s inet from %s to any -> %s %s", ifRef, net, pool, kind))
		case 2:
			g.emit(fmt.Sprintf("binat on %s from %s to any -> %s", ext.ref(g), g.ipv4(), g.ipv4()))
		case 3:
			g.emit(fmt.Sprintf("rdr on %s proto tcp from any to (%s) port %d -> %s port %s",
				ext.ref(g), ext.ref(g), pick(g, servicePorts...), g.hostRef(), g.port()))
		case 4:
			g.emit(fmt.Sprintf("rdr pass log on %s proto { tcp udp } to port %d:%d -> %s",
				dmz.ref(g), 5000+g.r.IntN(100), 6000+g.r.IntN(100), g.hostRef()))
		default:
			g.emit(fmt.Sprintf("rdr on %s inet proto tcp from %s to any port %s -> { %s, %s } round-robin",
				ext.ref(g), g.table("trusted", "10.0.0.0/8"), g.port(), g.ipv4(), g.ipv4()))
		}
	}
}

// hostRef is one host: a macro, a literal address or a table.
func (g *generator) hostRef() string {
	if len(g.hosts) > 0 && g.chance(60) {
		return pick(g, g.hosts...)
	}
	return g.ipv4()
}

// netRef is one network: a macro or a literal.
func (g *generator) netRef() string {
	if len(g.nets) > 0 && g.chance(60) {
		return pick(g, g.nets...)
	}
	return g.net4()
}

// gateway is the second uplink as route-to takes it: `(interface address)`.
func (g *generator) gateway() string {
	return "(" + g.m("wan2_if", "em3") + " " + g.m("wan2_gw", "192.0.2.254") + ")"
}

// filtering writes antispoof, the preamble every firewall starts with,
// then rules, anchors and comments until the line budget is used.
func (g *generator) filtering() {
	ext, in := &g.ifaces[0], &g.ifaces[1]
	// Rules fill whatever the sections above left, even when there is no
	// room for the heading and preamble.
	defer g.rules()
	if !g.section("Filtering") {
		return
	}
	if g.d.match && !g.d.scrubRules && g.d.ordered {
		g.scrubMatch()
	}
	g.emit("antispoof quick for " + in.ref(g) + " inet")
	g.emit("antispoof log for { " + ext.ref(g) + " " + g.ifaces[2].ref(g) + ` } label "antispoof"`)
	g.emit("block in log all")
	if g.def["<bogons>"] {
		g.emit("block in quick on " + ext.ref(g) + " from <bogons> to any")
	}
	g.emit("pass out quick on " + ext.ref(g) + " inet proto { tcp udp icmp } all modulate state")
	g.emit(`anchor "relayd/*"`)
	if g.d.natArrow {
		g.emit(`anchor "ftp-proxy/*"`)
	}
	// A relative path: the anchor file lies beside the ruleset, inside
	// the include root (scripts/bench writes an empty one).
	g.emit(`load anchor "spamd" from "spamd.anchor"`)
}

// rules writes rules, anchors and comments until the line budget is used.
func (g *generator) rules() {
	for g.left > 0 {
		switch n := g.r.IntN(100); {
		case n < 4:
			g.emit("")
		case n < 8:
			g.emit("# " + pick(g, "allow", "deny", "shape", "log", "redirect") + " " +
				pick(g, "ssh from the office", "web traffic", "mail relays", "the guest network",
					"monitoring", "backups to the vault", "VoIP phones", "everything else"))
		case n < 8+g.anchorPercent():
			g.anchor(0)
		case n < 9+g.anchorPercent():
			g.emit(fmt.Sprintf(`anchor "%s/*"`, pick(g, "relayd", "ftp-proxy", "authpf", "miniupnpd")))
		default:
			g.emit(g.rule(false))
		}
	}
}

// anchor writes an anchor with an inline body of rules (and at the top
// level sometimes an anchor nested in it).
func (g *generator) anchor(depth int) {
	g.anchors++
	var b strings.Builder
	name := fmt.Sprintf(`"%s_%d"`, pick(g, "ssh-guard", "web", "guest", "vpn", "voip", "mgmt"), g.anchors)
	i := pick(g, g.ifaces...)
	b.WriteString(strings.Repeat("\t", depth))
	switch g.r.IntN(4) {
	case 0:
		fmt.Fprintf(&b, "anchor %s in on %s {\n", name, i.ref(g))
	case 1:
		fmt.Fprintf(&b, "anchor %s on %s proto tcp to port %s {\n", name, i.ref(g), g.port())
	case 2:
		fmt.Fprintf(&b, "anchor %s {\n", name)
	default:
		fmt.Fprintf(&b, "anchor out on %s {\n", i.ref(g))
	}
	indent := strings.Repeat("\t", depth+1)
	for range 1 + g.r.IntN(6) {
		b.WriteString(indent + g.rule(true) + "\n")
	}
	body := b.String()
	// A nested anchor is at most 8 lines a level; the closing braces need
	// one more each.
	deeper := g.maxAnchorDepth() - depth
	if deeper > 0 && g.chance(25+10*(g.maxAnchorDepth()-1)) && strings.Count(body, "\n")+9*deeper <= g.left {
		g.emit(body)
		g.anchor(depth + 1)
		g.emit(strings.Repeat("\t", depth) + "}")
		return
	}
	g.emit(body + strings.Repeat("\t", depth) + "}")
}

// rule returns one pass, block or match rule, possibly continued over
// several lines and possibly followed by a comment.
func (g *generator) rule(inAnchor bool) string {
	parts := g.ruleParts()
	var s string
	if !inAnchor && len(parts) > 5 && g.chance(12) && g.left >= 2 {
		at := 2 + g.r.IntN(len(parts)-3)
		s = strings.Join(parts[:at], " ") + " \\\n\t" + strings.Join(parts[at:], " ")
		if len(parts)-at > 4 && g.chance(30) && g.left >= 3 {
			at2 := at + 2
			s = strings.Join(parts[:at], " ") + " \\\n\t" + strings.Join(parts[at:at2], " ") +
				" \\\n\t" + strings.Join(parts[at2:], " ")
		}
	} else {
		s = strings.Join(parts, " ")
	}
	if g.chance(5) {
		s += "\t# " + pick(g, "see ticket 1234", "temporary", "requested by ops", "keep last")
	}
	return s
}

// ruleParts builds a rule as phrases, so a continuation never splits one.
func (g *generator) ruleParts() []string {
	var p []string
	add := func(s ...string) { p = append(p, s...) }

	action := "pass"
	switch n := g.r.IntN(100); {
	case n < 25:
		action = "block"
	case n < 38 && g.d.match:
		action = "match"
	}
	add(action)
	dir := pick(g, "in", "out", "in", "out", "")
	af := pick(g, "inet", "inet", "inet6", "", "")
	proto := ""
	switch n := g.r.IntN(100); {
	case n < 45:
		proto = "tcp"
	case n < 65:
		proto = "udp"
	case n < 72 && af == "inet":
		proto = "icmp"
	case n < 72 && af == "inet6":
		proto = "icmp6"
	case n < 80:
		proto = "{ tcp udp }"
	case n < 82:
		proto = pick(g, "esp", "gre", "ospf", "carp", "pfsync")
	}
	if action == "block" {
		switch g.r.IntN(6) {
		case 0:
			add("drop")
		case 1:
			add("return")
		case 2:
			if proto == "tcp" {
				add("return-rst")
			}
		case 3:
			if af == "inet" && proto != "tcp" {
				add("return-icmp (port-unr)")
			}
		}
	}
	if dir != "" {
		add(dir)
	}
	if g.chance(15) {
		switch g.r.IntN(4) {
		case 0:
			add("log (all)")
		case 1:
			if g.d.logMatches && action == "match" {
				add("log (matches)")
			} else {
				add("log")
			}
		case 2:
			add("log (to pflog1)")
		default:
			add("log")
		}
	}
	if action != "match" && g.chance(30) {
		add("quick")
	}
	var on *iface
	switch n := g.r.IntN(100); {
	case n < 60:
		on = &g.ifaces[g.r.IntN(3)]
		add("on " + on.ref(g))
	case n < 66:
		add("on { " + g.ifaces[1].ref(g) + " " + g.ifaces[3].ref(g) + " }")
	case n < 72 && g.d.egress:
		add("on egress")
	case n < 74:
		add("on ! " + g.ifaces[4].ref(g))
	}
	if g.d.routeInHead && action == "pass" && dir == "out" && af == "inet" && g.chance(4) {
		add("route-to " + g.gateway())
	}
	if af != "" {
		add(af)
	}
	if proto != "" {
		add("proto " + proto)
	}
	ports := proto == "tcp" || proto == "udp" || proto == "{ tcp udp }"
	fromTo := g.fromTo(af, ports, proto == "tcp")
	opts := g.ruleOptions(action, dir, af, proto, on)
	for _, o := range opts {
		if strings.HasPrefix(o, "binat-to ") {
			// pfctl maps one address to one: the source is a single
			// address of the translated one's mask, not a table or an
			// interface.
			fromTo = []string{"from " + g.ipv4(), "to any"}
		}
	}
	add(fromTo...)
	for _, o := range opts {
		add(o)
	}
	return p
}

// address returns the address of a from/to clause for an address family.
func (g *generator) address(af string) string {
	switch n := g.r.IntN(100); {
	case n < 20:
		return "any"
	case n < 35 && len(g.tables) > 0:
		return pick(g, "", "", "! ") + pick(g, g.tables...)
	case n < 45:
		i := &g.ifaces[g.r.IntN(3)]
		return pick(g, "("+i.ref(g)+")", i.ref(g)+":network", "("+i.ref(g)+":network)", "self")
	case n < 55:
		if af == "inet6" {
			return g.ipv6(true)
		}
		return "{ " + g.list(g.listLen(2+g.r.IntN(3)), g.net4) + " }"
	case n < 70 && af != "inet6":
		return g.netRef()
	case af == "inet6" && len(g.hosts6) > 0 && n < 80:
		return pick(g, g.hosts6...)
	case af == "inet6":
		return g.ipv6(g.chance(50))
	case n < 85:
		return g.hostRef()
	}
	return pick(g, "", "! ") + g.ipv4()
}

// fromTo returns the from/to part of a rule.
func (g *generator) fromTo(af string, ports, tcp bool) []string {
	if g.chance(10) {
		return []string{"all"}
	}
	var p []string
	if g.chance(70) {
		p = append(p, "from "+g.address(af))
		if ports && g.chance(10) {
			p = append(p, "port > 1023")
		}
	}
	if af != "inet6" && tcp && len(p) > 0 && g.chance(3) { // os only applies to tcp
		p = append(p, "os "+pick(g, `"Windows"`, `"OpenBSD"`, "Linux"))
	}
	switch {
	case ports && g.chance(85):
		if g.chance(20) {
			p = append(p, "to "+g.portSpec())
		} else {
			p = append(p, "to "+g.address(af), g.portSpec())
		}
	case g.chance(70) || len(p) == 0:
		p = append(p, "to "+g.address(af))
	}
	return p
}

// ruleOptions returns the options after the from/to part, each a phrase.
func (g *generator) ruleOptions(action, dir, af, proto string, on *iface) []string {
	var o []string
	tcp := proto == "tcp"
	ports := tcp || proto == "udp" || proto == "{ tcp udp }"
	if tcp && action == "pass" && g.chance(20) {
		o = append(o, pick(g, "flags S/SA", "flags S/SAFR", "flags any"))
	}
	if proto == "icmp" && g.chance(60) {
		o = append(o, pick(g, "icmp-type "+g.m("icmp_types", "echoreq"), "icmp-type "+pick(g, icmpTypes...),
			"icmp-type { echoreq unreach }", "icmp-type unreach code port-unr"))
	}
	if proto == "icmp6" && g.chance(60) {
		o = append(o, pick(g, "icmp6-type "+g.m("icmp6_types", "echoreq"), "icmp6-type "+pick(g, icmp6Types...)))
	}
	if ports && dir == "out" && g.chance(5) {
		o = append(o, pick(g, "user { root _ntp }", "user >= 1000", "group wheel"))
	}
	if action == "pass" && g.chance(35) {
		o = append(o, g.state(tcp, dir))
	}
	if g.chance(6) {
		o = append(o, pick(g, "tos lowdelay", "tos 0x10"))
	}
	if g.chance(8) {
		o = append(o, "tag "+pick(g, tagNames...))
	}
	if g.chance(6) {
		o = append(o, pick(g, "", "! ")+"tagged "+pick(g, tagNames...))
	}
	if action == "pass" && g.chance(3) {
		o = append(o, "allow-opts")
	}
	if g.chance(3) {
		o = append(o, fmt.Sprintf("probability %d%%", 1+g.r.IntN(99)))
	}
	if g.chance(3) {
		o = append(o, fmt.Sprintf("rtable %d", g.r.IntN(4)))
	}
	if g.d.prioMatch && g.chance(2) {
		o = append(o, fmt.Sprintf("prio %d", g.r.IntN(8)))
	}
	if g.d.maxPktRate && action == "pass" && g.chance(3) {
		o = append(o, fmt.Sprintf("max-pkt-rate %d/%d", 100*(1+g.r.IntN(10)), 1+g.r.IntN(10)))
	}
	if !g.d.freebsd && dir == "in" && g.chance(3) {
		o = append(o, "received-on "+g.ifaces[1].ref(g))
	}
	tr := g.translate(action, dir, af, proto)
	if action != "match" && slices.Contains(o, "no state") {
		tr = nil // nat-to and rdr-to require keep state
	}
	translated := len(tr) > 0
	o = append(o, tr...)
	if action != "block" {
		o = append(o, g.shaping(tcp, on)...)
	}
	// The gateways and divert addresses are of the rule's family: pfctl
	// refuses an IPv4 gateway on an inet6 rule ("af mismatch in routing
	// spec"), and a divert-to address of the other family.
	if !g.d.routeInHead && action == "pass" && dir == "out" && af == "inet" && !slices.Contains(o, "no state") && g.chance(4) {
		o = append(o, pick(g, "route-to "+g.gateway(), "reply-to "+g.gateway(),
			"route-to { "+g.gateway()+", ("+g.ifaces[0].ref(g)+" 198.51.100.1) } round-robin"))
	}
	if g.d.divert && action == "pass" && dir == "out" && tcp && !translated && g.chance(1) {
		o = append(o, "divert-reply") // outgoing rules only
	}
	if g.d.divert && action == "pass" && dir == "in" && tcp && !translated && g.chance(3) {
		switch af {
		case "inet":
			o = append(o, "divert-to 127.0.0.1 port 8080")
		case "inet6":
			o = append(o, "divert-to ::1 port 8025")
		}
	}
	if g.chance(15) {
		o = append(o, "label "+pick(g, `"$if:$proto:$dstport"`, `"rule $nr"`, `"`+pick(g, queueRoles...)+`"`, pick(g, tagNames...)))
	}
	return o
}

// state returns a state option with, sometimes, a list of state options.
func (g *generator) state(tcp bool, dir string) string {
	kind := "keep state"
	switch n := g.r.IntN(10); {
	case n < 2 && tcp:
		kind = "modulate state"
	case n < 3 && tcp && dir == "in":
		kind = "synproxy state"
	case n < 4:
		return "no state"
	}
	if !g.chance(40) {
		return kind
	}
	var opts []string
	// pfctl refuses an option given twice, and the max-src limits with
	// `source-track global`: each at most once, and global only alone.
	used := map[int]bool{}
	for range 1 + g.r.IntN(4) {
		n := g.r.IntN(9)
		if used[n] {
			continue
		}
		used[n] = true
		switch n {
		case 0:
			opts = append(opts, fmt.Sprintf("max %d", 1000*(1+g.r.IntN(100))))
		case 1: // below, once the limits are known
		case 2:
			opts = append(opts, fmt.Sprintf("max-src-conn %d", 10*(1+g.r.IntN(20))))
		case 3:
			if g.def["<bruteforce>"] {
				opts = append(opts, fmt.Sprintf("max-src-conn-rate %d/%d", 5+g.r.IntN(50), 1+g.r.IntN(60)),
					"overload <bruteforce> flush global")
			}
		case 4:
			opts = append(opts, fmt.Sprintf("max-src-nodes %d", 100*(1+g.r.IntN(10))), fmt.Sprintf("max-src-states %d", 10*(1+g.r.IntN(10))))
		case 5:
			opts = append(opts, fmt.Sprintf("tcp.established %d", 600*(1+g.r.IntN(12))))
		case 6:
			o := pick(g, "if-bound", "floating", "no-sync", "sloppy")
			if o == "sloppy" && kind != "keep state" {
				o = "no-sync" // pfctl refuses sloppy with modulate and synproxy state
			}
			opts = append(opts, o)
		case 7:
			if g.d.pflow {
				opts = append(opts, "pflow")
			}
		default:
			opts = append(opts, fmt.Sprintf("adaptive.start %d, adaptive.end %d", 6000, 12000))
		}
	}
	if used[1] {
		track := pick(g, "rule", "global")
		if used[2] || used[3] || used[4] {
			track = "rule"
		}
		opts = append(opts, "source-track "+track)
	}
	if len(opts) == 0 {
		return kind
	}
	return kind + " (" + strings.Join(opts, ", ") + ")"
}

// translate returns nat-to, rdr-to, binat-to, af-to or match-scrub options
// where translation is a filter option.
func (g *generator) translate(action, dir, af, proto string) []string {
	if g.d.natArrow || action == "block" || af == "inet6" || !g.chance(12) {
		return nil
	}
	ext := g.ifaces[0].ref(g)
	switch {
	case dir == "out":
		return []string{pick(g, "nat-to ("+ext+")", "nat-to ("+ext+":0) port 1024:65535",
			"nat-to "+g.ipv4()+" static-port", "nat-to "+g.table("natpool", "198.51.100.8/30")+" "+pick(g, "round-robin", "source-hash", "random"),
			"nat-to { 198.51.100.8, 198.51.100.9 } round-robin sticky-address")}
	case dir == "in" && (proto == "tcp" || proto == "udp"):
		return []string{"rdr-to " + g.hostRef() + pick(g, "", " port "+g.port())}
	case dir == "":
		return []string{"binat-to " + g.ipv4()}
	case g.d.afTo && dir == "in" && action == "pass" && af == "inet":
		return []string{"af-to inet6 from 2001:db8:64::1 to 2001:db8:64::/96"}
	case g.d.match && action == "match":
		return []string{"scrub (max-mss 1400)"}
	}
	return nil
}

// shaping returns queue and priority assignments: `queue`, `set queue`,
// `set prio`, bare `prio` on OpenBSD 5.0/5.1, or `set ( … )`.
func (g *generator) shaping(tcp bool, on *iface) []string {
	var o []string
	leaves, acks := g.allLeaves, g.allAcks
	if on != nil && len(on.leaves) > 0 {
		leaves, acks = on.leaves, on.acks
	}
	queue := ""
	if len(leaves) > 0 && g.chance(30) {
		queue = pick(g, leaves...)
		if tcp && len(acks) > 0 && g.chance(40) {
			queue = "(" + queue + ", " + pick(g, acks...) + ")"
		}
	}
	prio := ""
	if (g.d.setPrio || g.d.barePrio) && g.chance(10) {
		if g.chance(30) {
			prio = fmt.Sprintf("(%d, %d)", g.r.IntN(6), 6+g.r.IntN(2))
		} else {
			prio = fmt.Sprint(g.r.IntN(8))
		}
	}
	switch {
	case g.d.setGroup && queue != "" && prio != "" && g.chance(50):
		return append(o, "set ( prio "+prio+", queue "+queue+" )")
	case queue != "" && (g.d.newQueues || (g.d.setQueue && g.chance(30))):
		o = append(o, "set queue "+queue)
	case queue != "":
		o = append(o, "queue "+queue)
	}
	switch {
	case prio != "" && g.d.barePrio:
		o = append(o, "prio "+prio)
	case prio != "":
		o = append(o, "set prio "+prio)
	}
	if g.d.setTosDelay && g.chance(2) {
		o = append(o, pick(g, "set tos lowdelay", "set delay 20"))
	}
	return o
}
