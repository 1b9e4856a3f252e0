package printer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// EtherTypes pfctl fills in when an ether rule's l3 addresses name a
// family but the rule gives no proto (pf_af_to_proto).
const (
	etherTypeIPv4 = 0x0800
	etherTypeIPv6 = 0x86dd
)

// etherRule is a FreeBSD layer-2 rule as pfctl hands it to the kernel
// (pfctl_eth_rule), after expansion: one printed line.
type etherRule struct {
	action      string // pass, block, match
	isAnchor    bool
	anchorName  string // as print_eth_rule gets it; "_N" for an unnamed inline anchor
	direction   int
	quick       bool
	ifname      string
	ifnot       bool
	bridgeTo    string
	proto       uint16
	src, dst    etherAddr
	ipsrc       ruleAddr
	ipdst       ruleAddr
	labels      []string
	ridentifier uint32
	qname       string
	tag         string
	matchTag    string
	matchTagNot bool
	dnpipe      uint32
	dnIsPipe    bool
	nr          int
}

// etherLists are the lists an ether rule expands over, in the order
// expand_eth_rule nests them.
type etherLists struct {
	ifs        []ifNode
	protos     []uint16
	srcs, dsts []etherAddr
	l3src      []host
	l3dst      []host
}

// etherArgs walks an ether rule's flat operand list.
type etherArgs struct {
	args []*grammar.OptionArg
	i    int
}

func (a *etherArgs) done() bool { return a.i >= len(a.args) }

func (a *etherArgs) peek() *grammar.OptionArg {
	if a.done() {
		return nil
	}
	return a.args[a.i]
}

// word is the current operand as text ("" for a list, table or paren).
func (a *etherArgs) word() string {
	if o := a.peek(); o != nil && o.Value != nil {
		return o.Value.Text()
	}
	return ""
}

func (a *etherArgs) accept(w string) bool {
	if o := a.peek(); o != nil && o.Value != nil && !o.Value.Quoted() && string(*o.Value) == w {
		a.i++
		return true
	}
	return false
}

// acceptNot takes a `!` operand.
func (a *etherArgs) acceptNot() bool {
	if o := a.peek(); o != nil && o.Not {
		a.i++
		return true
	}
	return false
}

func (a *etherArgs) next() *grammar.OptionArg {
	o := a.peek()
	a.i++
	return o
}

// etherKeywords are the words that cannot be an ether anchor's name
// (pfctl's lexer returns them as keywords, not strings).
var etherKeywords = map[string]bool{
	"in": true, "out": true, "quick": true, "on": true, "bridge-to": true,
	"proto": true, "all": true, "from": true, "to": true, "l3": true,
	"queue": true, "ridentifier": true, "label": true, "tag": true,
	"tagged": true, "dnpipe": true, "dnqueue": true,
}

// etherRule reads one `ether …` statement into rs.
func (p *printer) etherRule(er *grammar.EtherRule, rs *ruleset) {
	if !p.freebsd() {
		p.errorf(EtherNotFreeBSD, "ether rules are FreeBSD only")
		return
	}
	p.etherStatement(er.Action, er.Args, rs)
}

func (p *printer) etherStatement(action string, args []*grammar.OptionArg, rs *ruleset) {
	base := etherRule{action: action}
	var l etherLists
	var body []*grammar.OptionArg
	hasBody := false
	a := &etherArgs{args: args}
	if action == "anchor" {
		base.action = ""
		base.isAnchor = true
		if o := a.peek(); o != nil && o.Value != nil && (o.Value.Quoted() || !etherKeywords[string(*o.Value)]) {
			base.anchorName = o.Value.Text()
			a.i++
		}
	}
	if action == "block" {
		// The block spec is parsed but an ether rule keeps only the
		// action.
		for _, w := range []string{"drop", "return", "return-rst", "return-icmp", "return-icmp6"} {
			if a.accept(w) {
				if o := a.peek(); o != nil && o.Paren != nil {
					a.i++
				}
				break
			}
		}
	}
	if err := p.etherOperands(a, &base, &l); err != nil {
		p.errorf(EtherRuleInvalid, "ether rule: %v", err)
		return
	}
	// An inline anchor's body arrives as the trailing brace list.
	if o := a.peek(); base.isAnchor && o != nil && o.List != nil {
		body, hasBody = o.List, true
		a.i++
	}
	if !a.done() {
		p.errorf(EtherRuleInvalid, "ether rule: unexpected %q", a.word())
		return
	}
	if base.isAnchor && !hasBody && base.anchorName == "" {
		p.errorf(EtherAnchorUnnamed, "ether anchors without explicit rules must specify a name")
		return
	}
	var sub *ruleset
	if hasBody {
		if base.anchorName == "" {
			// pfctl names an unnamed inline anchor "_N"; print_eth_rule
			// prints such a name as a bare `anchor`.
			p.etherAnchors++
			base.anchorName = "_" + strconv.Itoa(p.etherAnchors)
		}
		sub = newRuleset(base.anchorName)
		for _, stmt := range splitEtherBody(body) {
			if len(stmt) == 0 || stmt[0].Value == nil {
				continue
			}
			p.etherStatement(stmt[0].Value.Text(), stmt[1:], sub)
		}
	}
	p.expandEther(&base, &l, rs, sub)
}

// splitEtherBody cuts an inline ether anchor's body into statements: the
// splitter hands it over as one token list, and every statement in it
// begins with `ether`.
func splitEtherBody(body []*grammar.OptionArg) [][]*grammar.OptionArg {
	var out [][]*grammar.OptionArg
	for _, o := range body {
		if o.Value != nil && !o.Value.Quoted() && string(*o.Value) == "ether" {
			out = append(out, nil)
			continue
		}
		if len(out) == 0 {
			continue
		}
		out[len(out)-1] = append(out[len(out)-1], o)
	}
	return out
}

// etherOperands reads, in parse.y's order, dir quick interface bridge
// etherproto etherfromto l3fromto and the rule's options.
func (p *printer) etherOperands(a *etherArgs, r *etherRule, l *etherLists) error {
	switch {
	case a.accept("in"):
		r.direction = dirIn
	case a.accept("out"):
		r.direction = dirOut
	}
	r.quick = a.accept("quick")
	if a.accept("on") {
		not := a.acceptNot()
		o := a.next()
		switch {
		case o == nil:
			return fmt.Errorf("missing interface")
		case o.List != nil && !not:
			inner := &etherArgs{args: o.List}
			for !inner.done() {
				itNot := inner.acceptNot()
				if it := inner.next(); it.Value != nil {
					l.ifs = append(l.ifs, ifNode{name: it.Value.Text(), not: itNot})
				}
			}
		case o.Value != nil:
			l.ifs = []ifNode{{name: o.Value.Text(), not: not}}
		default:
			return fmt.Errorf("bad interface")
		}
	}
	if a.accept("bridge-to") {
		if r.isAnchor || a.word() == "" {
			return fmt.Errorf("bad bridge-to")
		}
		r.bridgeTo = a.next().Value.Text()
	}
	if a.accept("proto") {
		ps, err := etherProtos(a.next())
		if err != nil {
			return err
		}
		l.protos = ps
	}
	if !a.accept("all") {
		var err error
		if a.accept("from") {
			if l.srcs, err = macSpec(a); err != nil {
				return err
			}
		}
		if a.accept("to") {
			if l.dsts, err = macSpec(a); err != nil {
				return err
			}
		}
	}
	if a.accept("l3") && !a.accept("all") {
		if a.accept("from") {
			l.l3src = p.l3Hosts(a)
		}
		if a.accept("to") {
			l.l3dst = p.l3Hosts(a)
		}
	}
	if r.isAnchor {
		return nil
	}
	return etherFilterOpts(a, r)
}

// etherProtos reads `proto N`, `proto 0xNNNN` or a list of them.
func etherProtos(o *grammar.OptionArg) ([]uint16, error) {
	if o == nil {
		return nil, fmt.Errorf("missing proto")
	}
	items := []*grammar.OptionArg{o}
	if o.List != nil {
		items = o.List
	}
	var out []uint16
	for _, it := range items {
		if it.Value == nil {
			continue
		}
		s := it.Value.Text()
		var v uint64
		var err error
		if strings.HasPrefix(s, "0x") {
			v, err = strconv.ParseUint(s[2:], 16, 16)
		} else {
			v, err = strconv.ParseUint(s, 10, 16)
		}
		if err != nil || v == 0 {
			return nil, fmt.Errorf("invalid EtherType %q", s)
		}
		out = append(out, uint16(v))
	}
	return out, nil
}

// macSpec reads one address (`MAC`, `MAC/N`, `MAC&MASK`), each with an
// optional `!` (xmac), or a list of them.
func macSpec(a *etherArgs) ([]etherAddr, error) {
	not := a.acceptNot()
	o := a.next()
	if o == nil {
		return nil, fmt.Errorf("missing MAC address")
	}
	if o.List != nil && !not {
		inner := &etherArgs{args: o.List}
		var out []etherAddr
		for !inner.done() {
			if inner.peek().Comma {
				inner.i++
				continue
			}
			itNot := inner.acceptNot()
			m, err := oneMAC(inner, inner.next())
			if err != nil {
				return nil, err
			}
			m.neg = itNot
			out = append(out, m)
		}
		return out, nil
	}
	m, err := oneMAC(a, o)
	m.neg = not
	return []etherAddr{m}, err
}

func oneMAC(a *etherArgs, o *grammar.OptionArg) (etherAddr, error) {
	if o == nil || o.Value == nil {
		return etherAddr{}, fmt.Errorf("bad MAC address")
	}
	text := o.Value.Text()
	if a.accept("/") {
		bits, err := strconv.Atoi(a.word())
		if err != nil {
			return etherAddr{}, fmt.Errorf("bad MAC mask length %q", a.word())
		}
		a.i++
		return macWithPrefix(text, bits)
	}
	return macWithMask(text)
}

// l3Hosts reads the addresses of `l3 from …` / `l3 to …`: addresses,
// networks and tables, or a list of them.
func (p *printer) l3Hosts(a *etherArgs) []host {
	o := a.next()
	if o == nil {
		return nil
	}
	if o.List != nil {
		inner := &etherArgs{args: o.List}
		var out []host
		for !inner.done() {
			if inner.peek().Comma {
				inner.i++
				continue
			}
			out = append(out, p.l3Host(inner, inner.next())...)
		}
		return out
	}
	return p.l3Host(a, o)
}

func (p *printer) l3Host(a *etherArgs, o *grammar.OptionArg) []host {
	switch {
	case o.Table != nil:
		return []host{{addr: addrWrap{typ: addrTable, name: strings.TrimSpace(o.Table.Text())}}}
	case o.Value == nil:
		return nil
	case !o.Value.Quoted() && string(*o.Value) == "any":
		return []host{anyHost()}
	}
	var mask *int
	if a.accept("/") {
		if n, err := strconv.Atoi(a.word()); err == nil {
			mask = &n
		}
		a.i++
	}
	return p.addressHosts(o.Value.Text(), mask, nil)
}

// etherFilterOpts reads etherfilter_opts.
func etherFilterOpts(a *etherArgs, r *etherRule) error {
	for !a.done() {
		o := a.peek()
		if o.List != nil {
			return nil // an inline anchor body, or an error the caller reports
		}
		switch w := a.word(); {
		case a.accept("queue"):
			q := a.next()
			switch {
			case q != nil && q.Value != nil:
				r.qname = q.Value.Text()
			case q != nil && len(q.Paren) > 0 && q.Paren[0].Value != nil:
				r.qname = q.Paren[0].Value.Text()
			}
		case a.accept("ridentifier"):
			v, err := strconv.ParseUint(a.word(), 0, 32)
			if err != nil {
				return fmt.Errorf("bad ridentifier %q", a.word())
			}
			a.i++
			r.ridentifier = uint32(v)
		case a.accept("label"):
			if len(r.labels) >= 5 {
				return fmt.Errorf("label can only be used 5 times")
			}
			r.labels = append(r.labels, a.word())
			a.i++
		case a.accept("tag"):
			r.tag = a.word()
			a.i++
		case a.accept("tagged"):
			r.matchTag = a.word()
			a.i++
		case a.accept("dnpipe"), a.accept("dnqueue"):
			v, err := strconv.ParseUint(a.word(), 0, 32)
			if err != nil {
				return fmt.Errorf("bad %s %q", w, a.word())
			}
			a.i++
			r.dnpipe = uint32(v)
			r.dnIsPipe = w == "dnpipe"
		default:
			return fmt.Errorf("unexpected %q", w)
		}
	}
	return nil
}

// expandEther is expand_eth_rule: one rule per interface, proto, source
// and destination MAC, and l3 source and destination.
func (p *printer) expandEther(base *etherRule, l *etherLists, rs *ruleset, sub *ruleset) {
	ifs := l.ifs
	if len(ifs) == 0 {
		ifs = []ifNode{{}}
	}
	protos := l.protos
	if len(protos) == 0 {
		protos = []uint16{0}
	}
	srcs, dsts := l.srcs, l.dsts
	if len(srcs) == 0 {
		srcs = []etherAddr{{}}
	}
	if len(dsts) == 0 {
		dsts = []etherAddr{{}}
	}
	l3src, l3dst := l.l3src, l.l3dst
	if len(l3src) == 0 {
		l3src = []host{anyHost()}
	}
	if len(l3dst) == 0 {
		l3dst = []host{anyHost()}
	}
	if !p.admit(expansion(len(ifs), len(protos), len(srcs), len(dsts), len(l3src), len(l3dst))) {
		return
	}
	for _, ifn := range ifs {
		for _, proto := range protos {
			for _, src := range srcs {
				for _, dst := range dsts {
					for _, ipsrc := range l3src {
						for _, ipdst := range l3dst {
							r := *base
							r.ifname, r.ifnot = ifn.name, ifn.not
							r.proto = proto
							if r.proto == 0 {
								r.proto = etherTypeOf(ipsrc.af)
							}
							if r.proto == 0 {
								r.proto = etherTypeOf(ipdst.af)
							}
							r.src, r.dst = src, dst
							r.ipsrc = ruleAddr{addr: ipsrc.addr, neg: ipsrc.not}
							r.ipdst = ruleAddr{addr: ipdst.addr, neg: ipdst.not}
							p.addEtherRule(rs, &r, sub)
						}
					}
				}
			}
		}
	}
}

func etherTypeOf(af int) uint16 {
	switch af {
	case afInet:
		return etherTypeIPv4
	case afInet6:
		return etherTypeIPv6
	}
	return 0
}

// addEtherRule appends an ether rule to rs. Ether rules are numbered
// apart from the filter rules (the ether anchor's own match count).
func (p *printer) addEtherRule(rs *ruleset, er *etherRule, sub *ruleset) {
	for _, r := range rs.rules {
		if r.ether != nil {
			er.nr++
		}
	}
	r := &rule{category: "ether", ether: er}
	if sub != nil {
		r.isAnchor = true
		r.anchorRS = sub
	}
	rs.rules = append(rs.rules, r)
}

// formatEther is print_eth_rule.
func (p *printer) formatEther(r *etherRule) string {
	var b strings.Builder
	if p.verbose2 {
		fmt.Fprintf(&b, "@%d ", r.nr)
	}
	b.WriteString("ether ")
	switch {
	case r.isAnchor && strings.HasPrefix(r.anchorName, "_"):
		b.WriteString("anchor")
	case r.isAnchor:
		b.WriteString("anchor \"" + r.anchorName + "\"")
	default:
		b.WriteString(r.action)
	}
	switch r.direction {
	case dirIn:
		b.WriteString(" in")
	case dirOut:
		b.WriteString(" out")
	}
	if r.quick {
		b.WriteString(" quick")
	}
	if r.ifname != "" {
		if r.ifnot {
			b.WriteString(" on ! " + r.ifname)
		} else {
			b.WriteString(" on " + r.ifname)
		}
	}
	if r.bridgeTo != "" {
		b.WriteString(" bridge-to " + r.bridgeTo)
	}
	if r.proto != 0 {
		fmt.Fprintf(&b, " proto 0x%04x", r.proto)
	}
	if r.src.isset {
		b.WriteString(" from " + etherAddrString(r.src))
	}
	if r.dst.isset {
		b.WriteString(" to " + etherAddrString(r.dst))
	}
	// The l3 part is always printed, as an IPv4 rule when the EtherType
	// is IPv4 and as IPv6 otherwise.
	af := afInet6
	if r.proto == etherTypeIPv4 {
		af = afInet
	}
	l3 := rule{src: r.ipsrc, dst: r.ipdst, af: af}
	b.WriteString(" l3" + p.l3FromTo(&l3))
	for _, lb := range r.labels {
		b.WriteString(" label \"" + lb + "\"")
	}
	if r.ridentifier != 0 {
		fmt.Fprintf(&b, " ridentifier %d", r.ridentifier)
	}
	if r.qname != "" {
		b.WriteString(" queue " + r.qname)
	}
	b.WriteString(tagText(r.tag, r.matchTag, r.matchTagNot))
	if r.dnpipe != 0 {
		kind := "dnqueue"
		if r.dnIsPipe {
			kind = "dnpipe"
		}
		fmt.Fprintf(&b, " %s %d", kind, r.dnpipe)
	}
	return b.String()
}

// l3FromTo is print_fromto as print_eth_rule calls it: never verbose, no
// ports, no OS fingerprint.
func (p *printer) l3FromTo(r *rule) string {
	saved := p.verbose2
	p.verbose2 = false
	defer func() { p.verbose2 = saved }()
	return p.fromTo(r)
}
