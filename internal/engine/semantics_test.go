package engine

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/internal/ruleset"
	"github.com/pfshape/pfshape/internal/target"
)

// summary is the first (most likely) outcome of a trace in one line, and
// how many outcomes there are.
func summary(tr *Trace) string {
	o := tr.Results[0].Outcome
	var lines []string
	for _, m := range tr.Results[0].Matched {
		l := fmt.Sprint(m.Rule.Pos.Line)
		if m.Conditions != nil {
			l += "?"
		}
		lines = append(lines, l)
	}
	s := o.Action
	if o.Rule != nil {
		s += fmt.Sprintf(" line=%d", o.Rule.Pos.Line)
		if o.Action == "block" {
			s += " " + o.Rule.Return
		}
	} else {
		s += " default"
	}
	if o.Skip {
		s += " skip"
	}
	if o.Quick {
		s += " quick"
	}
	s += " matched=" + strings.Join(lines, ",")
	if o.Tag != "" {
		s += " tag=" + o.Tag
	}
	if o.Queue != nil {
		s += " queue=" + o.Queue.Name
		if o.Queue.Ack != "" {
			s += "," + o.Queue.Ack
		}
	}
	if o.Prio != nil {
		s += fmt.Sprintf(" prio=%d,%d", o.Prio[0], o.Prio[1])
	}
	if o.NatTo != nil {
		s += " nat-to=" + o.NatTo.Text
	}
	if o.RdrTo != nil {
		s += " rdr-to=" + o.RdrTo.Text
	}
	if o.Log {
		s += " log"
	}
	if o.Translation != nil {
		s += " " + o.Translation.Kind + "=" + fmt.Sprint(o.Translation.Rule.Pos.Line)
	}
	if len(tr.Results) > 1 {
		s += fmt.Sprintf(" outcomes=%d", len(tr.Results))
	}
	if len(tr.Unknowns) > 0 {
		s += fmt.Sprintf(" unknowns=%d", len(tr.Unknowns))
	}
	return s
}

func traceOf(t *testing.T, tgt, conf, packet string) *Trace {
	t.Helper()
	tg := target.MustParse(tgt)
	rs := ruleset.LoadBytes("pf.conf", []byte(conf), ruleset.Options{Target: tg})
	if errs := rs.Errors(); len(errs) > 0 {
		t.Fatalf("ruleset errors: %v\n%s", errs, conf)
	}
	spec, err := ParsePacket(strings.Fields(packet), tg.OS == target.FreeBSD)
	if err != nil {
		t.Fatal(err)
	}
	e := New(rs.Model.Filter(), rs.ReadAs)
	tr, err := e.TraceClass(e.Class(spec))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// semanticCase is one point of pf's semantics: a small ruleset, a packet
// and what pf does with it, with the source that says so.
type semanticCase struct {
	name, source, target, conf, packet, want string
}

const (
	tcpSyn   = "in on em0 inet proto tcp from 192.0.2.7 port 40000 to 198.51.100.10 port 22 flags S"
	echoreq4 = "in on em0 inet proto icmp from 192.0.2.2 to 192.0.2.1 icmp-type echoreq"
)

var semanticCases = []semanticCase{
	// Rules in order; the last matching rule decides.
	{"last match", "pf.conf(5) PACKET FILTERING; O78 pf_match_rule()", "openbsd",
		"block all\npass all\n", tcpSyn, "pass line=2 matched=1,2"},
	{"quick ends evaluation", "pf.conf(5) PACKET FILTERING (quick)", "openbsd",
		"block quick all\npass all\n", tcpSyn, "block line=1 drop quick matched=1"},
	{"default pass", "pf.conf(5) PACKET FILTERING; pf_ioctl.c pf_default_rule (PASS, no state)", "openbsd",
		"pass in on em1 all\n", tcpSyn, "pass default matched="},
	{"block return policy", "pf.conf(5) set block-policy; parse.y blockspec (bound at parse time)", "openbsd",
		"block all\nset block-policy return\nblock in all\n", tcpSyn, "block line=3 return matched=1,3"},
	// match rules.
	{"match decides nothing", "O78 pf_match_rule(): only pass/block set *ctx->rm", "openbsd",
		"match in all tag SEEN\n", tcpSyn, "pass default matched=1 tag=SEEN"},
	{"match prio with state", "O78 pf_rule_to_actions(), pf_create_state() copies act", "openbsd",
		"match in all set prio 5\npass in all\n", tcpSyn, "pass line=2 matched=1,2 prio=5,5"},
	{"match prio without state (OpenBSD)", "O78 pf_test(): no state, the final rule's own set_prio", "openbsd",
		"match in all set prio 5\npass in all no state\n", tcpSyn, "pass line=2 matched=1,2"},
	{"match prio without state (FreeBSD)", "F25 pf_test(): pd->act for stateless passes", "freebsd",
		"match in all set prio 5\npass in all no state\n", tcpSyn, "pass line=2 matched=1,2 prio=5,5"},
	{"final rule overrides match", "O78 pf_test_rule(): actions of the last pass/block rule applied last", "openbsd",
		"match in all set prio 5 tag M\npass in all set prio (1, 6)\n", tcpSyn, "pass line=2 matched=1,2 tag=M prio=1,6"},
	{"match quick stops (OpenBSD 7.8)", "O78 pf_match_rule(): quick returns PF_TEST_QUICK for any rule", "openbsd",
		"match in quick all tag T\nblock all\n", tcpSyn, "pass default quick matched=1 tag=T"},
	{"match quick on FreeBSD is a release unknown", "F22 breaks on *rm's quick only; F25 stops (pf-semantics.md 2.1)", "freebsd",
		"match in quick all tag T\nblock all\n", tcpSyn, "pass default quick matched=1 tag=T outcomes=2 unknowns=2"},
	{"match log", "pf.conf(5) match: log at every match", "openbsd",
		"match in log all\npass all\n", tcpSyn, "pass line=2 matched=1,2 log"},
	// Tags.
	{"tagged sees an earlier rule's tag", "O78 pf_match_tag(); pf.conf(5) tag/tagged", "openbsd",
		"pass in all tag T\nblock in all tagged T\n", tcpSyn, "block line=2 drop matched=1,2 tag=T"},
	{"! tagged matches untagged", "pf.conf(5) tagged: ! tagged", "openbsd",
		"block in all ! tagged T\n", tcpSyn, "block line=1 drop matched=1"},
	{"packet's own tag", "O78 pf_match_tag() starts from the packet's tag", "openbsd",
		"block in all\npass in all tagged VPN\n", tcpSyn + " tagged VPN", "pass line=2 matched=1,2"},
	{"last tag wins", "pf.conf(5) tag: replaced, never removed", "openbsd",
		"match in all tag A\npass in all tag B\n", tcpSyn, "pass line=2 matched=1,2 tag=B"},
	// Anchors.
	{"inline anchor, quick inside ends all", "pf.conf(5) ANCHORS: quick aborts the main ruleset too", "openbsd",
		"anchor {\n pass in quick all\n}\nblock all\n", tcpSyn, "pass line=2 quick matched=1,2"},
	{"anchor line filters", "pf.conf(5) ANCHORS; O78 pf_match_rule() tests the anchor rule", "openbsd",
		"anchor on em1 {\n block all\n}\n", tcpSyn, "pass default matched="},
	{"after an anchor the main ruleset goes on", "O78 pf_match_rule(): last match is global", "openbsd",
		"anchor {\n block all\n}\npass all\n", tcpSyn, "pass line=4 matched=1,2,4"},
	{"quick anchor with a direct match", "O78 pf_match_rule(): *ctx->am == r", "openbsd",
		"anchor quick {\n pass all\n}\nblock all\n", tcpSyn, "pass line=2 quick matched=1,2"},
	{"quick anchor, match only nested (OpenBSD 7.8)", "O78: a match in a sub-anchor does not count", "openbsd",
		"anchor quick {\n anchor {\n  pass all\n }\n}\nblock all\n", tcpSyn, "block line=6 drop matched=1,2,3,6"},
	{"quick anchor, match only nested (OpenBSD 6.0)", "pf.conf(5) ANCHORS; O-916 pf_step_out_of_anchor(): any rule inside", "openbsd-6.0",
		"anchor quick {\n anchor {\n  pass all\n }\n}\nblock all\n", tcpSyn, "pass line=3 quick matched=1,2,3"},
	{"quick anchor with nothing matched inside", "pf.conf(5) ANCHORS: only if a rule within matched", "openbsd",
		"anchor quick {\n block in on em1 all\n}\nblock all\n", tcpSyn, "block line=4 drop matched=1,4"},
	{"anchor loaded at run time", "pf.conf(5) ANCHORS: rules loaded with pfctl -a", "openbsd",
		"block all\nanchor \"relayd/*\"\n", tcpSyn, "block line=1 drop matched=1,2 unknowns=1"},
	{"tag on an anchor rule", "O78 pf_match_rule(): r->tag before the anchor test", "openbsd",
		"anchor tag A {\n pass all\n}\n", tcpSyn, "pass line=2 matched=1,2 tag=A"},
	// Tables.
	{"table with a negated entry", "pf_table.c pfr_match_addr(); pf.conf(5) TABLES", "openbsd",
		"table <t> { 192.0.2.0/24, !192.0.2.7 }\nblock from <t>\n", tcpSyn, "pass default matched="},
	{"table match", "pf_table.c pfr_match_addr()", "openbsd",
		"table <t> { 192.0.2.0/24, !192.0.2.9 }\nblock from <t>\n", tcpSyn, "block line=2 drop matched=2"},
	{"! table", "pfvar.h PF_MISMATCHAW: neg inverts", "openbsd",
		"table <t> { 10.0.0.0/8 }\nblock from ! <t>\n", tcpSyn, "block line=2 drop matched=2"},
	{"table from a file is unknown", "pf.conf(5) TABLES: file", "openbsd",
		"table <t> persist file \"/etc/t\"\nblock from <t>\n", tcpSyn, "block line=2 drop matched=2 outcomes=2 unknowns=1"},
	// Lists and negation.
	{"negated list element matches the rest", "OpenBSD FAQ macros: { 10/8, !10.1.2.3 } is two rules", "openbsd",
		"block from { 10.0.0.0/8, !10.1.2.3 }\n", "in on em0 inet proto udp from 10.1.2.3 to 192.0.2.1", "block line=1 drop matched=1"},
	{"list with any is any", "parse.y host_list", "openbsd",
		"block from { 10.0.0.0/8, any }\n", tcpSyn, "block line=1 drop matched=1"},
	{"address range", "pf_match_addr_range(): inclusive", "openbsd",
		"block from 192.0.2.1 - 192.0.2.7\n", tcpSyn, "block line=1 drop matched=1"},
	// Interfaces.
	{"on ! em0", "pf_if.c pfi_kif_match(), ifnot", "openbsd",
		"block on ! em0 all\n", tcpSyn, "pass default matched="},
	{"on ! em1 takes em0", "pf_if.c pfi_kif_match(), ifnot", "openbsd",
		"block on ! em1 all\n", tcpSyn, "block line=1 drop matched=1"},
	{"on any excludes loopback", "pf_if.c pfi_kif_match(): any skips IFF_LOOPBACK", "openbsd",
		"block on any all\n", "in on lo0 inet proto udp from 127.0.0.1 to 127.0.0.1", "pass default matched="},
	{"group membership is unknown", "pf.conf(5) on: interface groups (ifconfig)", "openbsd",
		"block all\npass in on egress all\n", tcpSyn, "pass line=2 matched=1,2 outcomes=2 unknowns=1"},
	{"interface list", "parse.y if_list, expand_rule()", "openbsd",
		"block on { em1, em0 } all\n", tcpSyn, "block line=1 drop matched=1"},
	// Ports.
	{"port =", "pf_match_port()", "openbsd", "block proto tcp to port 22\n", tcpSyn, "block line=1 drop matched=1"},
	{"port !=", "pf_match_port()", "openbsd", "block proto tcp to port != 22\n", tcpSyn, "pass default matched="},
	{"port <", "pf_match_port()", "openbsd", "block proto tcp to port < 23\n", tcpSyn, "block line=1 drop matched=1"},
	{"port >", "pf_match_port()", "openbsd", "block proto tcp to port > 22\n", tcpSyn, "pass default matched="},
	{"port a:b includes both", "pf.conf(5) PARAMETERS port", "openbsd", "block proto tcp to port 22:23\n", tcpSyn, "block line=1 drop matched=1"},
	{"port a >< b excludes both", "pf.conf(5) PARAMETERS port", "openbsd", "block proto tcp to port 22 >< 30\n", tcpSyn, "pass default matched="},
	{"port a <> b outside", "pf.conf(5) PARAMETERS port", "openbsd", "block proto tcp to port 22 <> 30\n", tcpSyn, "pass default matched="},
	{"port a <> b below", "pf.conf(5) PARAMETERS port", "openbsd", "block proto tcp to port 23 <> 30\n", tcpSyn, "block line=1 drop matched=1"},
	{"service name", "getservbyname (assumed /etc/services)", "openbsd", "block proto tcp to port ssh\n", tcpSyn, "block line=1 drop matched=1"},
	// Families, protocols.
	{"family from the address", "parse.y expand_rule(): the host's family", "openbsd",
		"block from 2001:db8::/32\n", tcpSyn, "pass default matched="},
	{"inet6 rule, inet packet", "O78 pf_match_rule(): r->af", "openbsd",
		"block inet6 all\n", tcpSyn, "pass default matched="},
	{"proto list", "parse.y proto_list", "openbsd",
		"block proto { udp, tcp }\n", tcpSyn, "block line=1 drop matched=1"},
	// TCP flags.
	{"flags S/SA by default: a SYN+ACK falls through", "parse.y pfrule: flags S/SA on stateful rules; pf.conf(5) flags", "openbsd",
		"block all\npass all\n", "in on em0 inet proto tcp from 192.0.2.7 port 40000 to 198.51.100.10 port 22 flags SA", "block line=1 drop matched=1"},
	{"flags any", "pf.conf(5) flags any", "openbsd",
		"block all\npass all flags any\n", "in on em0 inet proto tcp from 192.0.2.7 port 40000 to 198.51.100.10 port 22 flags A", "pass line=2 matched=1,2"},
	{"no state: no default flags", "parse.y: flags S/SA only with keep state", "openbsd",
		"block all\npass all no state\n", "in on em0 inet proto tcp from 192.0.2.7 port 40000 to 198.51.100.10 port 22 flags A", "pass line=2 matched=1,2"},
	// ICMP.
	{"icmp-type", "O78 pf_match_rule(): r->type", "openbsd",
		"block all\npass inet proto icmp icmp-type echoreq\n", echoreq4, "pass line=2 matched=1,2"},
	{"echo reply skips stateful rules (OpenBSD)", "O78 pf_match_rule() \"don't create states on replies\", pf_icmp_mapping()", "openbsd",
		"block all\npass all\n", "in on em0 inet proto icmp from 192.0.2.2 to 192.0.2.1 icmp-type echorep", "block line=1 drop matched=1"},
	{"echo reply, sloppy state", "O78 pf_match_rule(): PFRULE_STATESLOPPY", "openbsd",
		"block all\npass all keep state (sloppy)\n", "in on em0 inet proto icmp from 192.0.2.2 to 192.0.2.1 icmp-type echorep", "pass line=2 matched=1,2"},
	{"echo reply (FreeBSD)", "F25 pf_match_rule(): no such test", "freebsd",
		"block all\npass all\n", "in on em0 inet proto icmp from 192.0.2.2 to 192.0.2.1 icmp-type echorep", "pass line=2 matched=1,2"},
	{"FreeBSD's default rule is the kernel's", "F22 pf_ioctl.c: PF_DEFAULT_TO_DROP", "freebsd",
		"pass in on em1 all\n", tcpSyn, "pass default matched= unknowns=1"},
	// set skip.
	{"set skip", "pf.conf(5) set skip on; pf_test() PFI_IFLAG_SKIP", "openbsd",
		"set skip on lo0\nblock all\n", "in on lo0 inet proto udp from 127.0.0.1 to 127.0.0.1", "pass default skip matched="},
	// Queues.
	{"queue pair", "pf.conf(5) QUEUEING: queue (data, ack)", "openbsd-5.4",
		"altq on em0 priq bandwidth 10Mb queue { q1, q2 }\nqueue q1 priority 1 priq(default)\nqueue q2 priority 7\npass in all queue (q1, q2)\n", tcpSyn, "pass line=4 matched=4 queue=q1,q2"},
	// Translations.
	{"match nat-to: later rules see the new source", "O78 pf_match_rule() pf_get_transaddr(); pf.conf(5) Translation", "openbsd",
		"match in from 192.0.2.0/24 nat-to 203.0.113.1\nblock in from 192.0.2.0/24\npass in from 203.0.113.1\n", tcpSyn,
		"pass line=3 matched=1,3 nat-to=203.0.113.1"},
	{"nat-to (egress) leaves later source tests unknown", "pf_lb.c pf_get_transaddr(): the address is chosen at run time", "openbsd",
		"match in from 192.0.2.0/24 nat-to (em1)\nblock in from 192.0.2.0/24\n", tcpSyn,
		"block line=2 drop matched=1,2 outcomes=2 unknowns=1"},
	{"pass rdr-to applies only when it decides, after evaluation", "O78 pf_test_rule(): pf_get_transaddr() for the final rule", "openbsd",
		"pass in proto tcp to port 22 rdr-to 10.0.0.5\nblock in to 10.0.0.5\n", tcpSyn, "pass line=1 matched=1 rdr-to=10.0.0.5"},
	{"overridden pass rdr-to applies nothing", "O78 pf_test_rule(): only the final rule's translation", "openbsd",
		"pass in proto tcp to port 22 rdr-to 10.0.0.5\nblock in proto tcp to port 22\n", tcpSyn, "block line=2 drop matched=1,2"},
	{"rdr translates before filtering (FreeBSD)", "F25 pf_test_rule(): pf_get_translation() before pf_match_rule(); pf.conf(5) TRANSLATION", "freebsd",
		"rdr on em0 proto tcp to port 22 -> 10.0.0.5 port 2222\nblock in all\npass in proto tcp to 10.0.0.5 port 2222\n", tcpSyn,
		"pass line=3 matched=2,3 rdr-to=10.0.0.5 port 2222 rdr=1"},
	{"rdr pass skips the filter (FreeBSD)", "F25 pf_test_rule(): natpass; pf.conf(5) pass on nat/rdr", "freebsd",
		"rdr pass on em0 proto tcp to port 22 -> 10.0.0.5\nblock in all\n", tcpSyn,
		"pass default matched= rdr-to=10.0.0.5 rdr=1"},
	{"rdr before filtering (OpenBSD 4.6)", "O-634 pf_test_rule(): pf_get_translation() before the filter loop", "openbsd-4.6",
		"rdr on em0 proto tcp to port 22 -> 10.0.0.5 port 2222\nblock in all\npass in proto tcp to 10.0.0.5 port 2222\n", tcpSyn,
		"pass line=3 matched=2,3 rdr-to=10.0.0.5 port 2222 rdr=1"},
	{"no rdr", "pf.conf(5) TRANSLATION: no rdr", "freebsd",
		"no rdr on em0 proto tcp to port 22\nrdr on em0 proto tcp to port 22 -> 10.0.0.5\nblock in to 10.0.0.5\n", tcpSyn,
		"pass default matched= unknowns=1"},
	{"negated interface list matches everything", "parse.y if_list: { !a, !b } is two rules", "openbsd",
		"block on { ! em0, ! em1 } all\n", tcpSyn, "block line=1 drop matched=1"},
	{"port <=", "pf_match_port()", "openbsd", "block proto tcp to port <= 22\n", tcpSyn, "block line=1 drop matched=1"},
	{"port >=", "pf_match_port()", "openbsd", "block proto tcp to port >= 23\n", tcpSyn, "pass default matched="},
	{"source port", "pf_match_port() on nsport", "openbsd", "block proto tcp from port 40000\n", tcpSyn, "block line=1 drop matched=1"},
	{"icmp code", "O78 pf_match_rule(): r->code", "openbsd",
		"block all\npass inet proto icmp icmp-type unreach code port-unr\n",
		"in on em0 inet proto icmp from 192.0.2.2 to 192.0.2.1 icmp-type unreach code port-unr", "pass line=2 matched=1,2"},
	{"icmp6-type", "O78 pf_match_rule(): r->type for ICMPv6", "openbsd",
		"block all\npass inet6 proto icmp6 icmp6-type neighbrsol\n",
		"in on em0 inet6 proto icmp6 from fe80::1 to ff02::1:ff00:1 icmp6-type neighbrsol", "pass line=2 matched=1,2"},
	{"neighbour advertisement is no reply", "O78 pf_icmp_mapping(): ND_NEIGHBOR_ADVERT returns 1 (state_icmp)", "openbsd",
		"block all\npass inet6 proto icmp6\n",
		"in on em0 inet6 proto icmp6 from fe80::1 to fe80::2 icmp6-type neighbradv", "pass line=2 matched=1,2"},
	{"log at the deciding rule", "pf.conf(5) log", "openbsd",
		"block log all\n", tcpSyn, "block line=1 drop matched=1 log"},
	{"match nat-to with a port: later rules see the port", "O78 pf_get_transaddr(): nsport", "openbsd",
		"match in proto tcp nat-to 203.0.113.1 port 5000\nblock in proto tcp from port 5000\n", tcpSyn,
		"block line=2 drop matched=1,2"},
	{"match rdr-to: later rules see the new destination", "O78 pf_match_rule(): ndaddr after pf_get_transaddr()", "openbsd",
		"match in proto tcp to port 22 rdr-to 10.0.0.5 port 2222\nblock in all\npass in proto tcp to 10.0.0.5 port 2222\n", tcpSyn,
		"pass line=3 matched=1,2,3 rdr-to=10.0.0.5 port 2222"},
	{"nested anchors, quick deep inside", "pf.conf(5) ANCHORS; FreeBSD tests/sys/netpfil/pf/pass_block.sh nested_inline", "openbsd",
		"block all\nanchor {\n anchor {\n  pass quick all\n }\n block all\n}\nblock all\n", tcpSyn, "pass line=4 quick matched=1,2,3,4"},
	{"quick anchor on FreeBSD: any rule inside", "FreeBSD pf.conf(5) ANCHORS", "freebsd",
		"anchor quick {\n anchor {\n  pass all\n }\n}\nblock all\n", tcpSyn, "pass line=3 quick matched=1,2,3"},
	// Unknowns.
	{"user is unknown", "pf.conf(5) user: a socket lookup", "openbsd",
		"block all\npass in proto tcp all user root\n", tcpSyn, "pass line=2 matched=1,2 outcomes=2 unknowns=1"},
	{"antispoof: the interface's network is the machine's", "parse.y antispoof: block in on ! IF from IF:network, block in from IF", "openbsd",
		"antispoof for em1 inet\n", tcpSyn, "block line=1 drop matched=1?,1 outcomes=3 unknowns=2"},
	{"self is unknown", "pf.conf(5): self, the machine's addresses", "openbsd",
		"block all\npass to self\n", tcpSyn, "pass line=2 matched=1,2 outcomes=2 unknowns=1"},
	{"urpf-failed is unknown", "FreeBSD tests/sys/netpfil/pf/pass_block.sh urpf", "freebsd",
		"block quick from urpf-failed\n", echoreq4, "block line=1 drop quick matched=1 outcomes=2 unknowns=2"},
}

func TestSemantics(t *testing.T) {
	for _, c := range semanticCases {
		t.Run(c.name, func(t *testing.T) {
			got := summary(traceOf(t, c.target, c.conf, c.packet))
			if got != c.want {
				t.Errorf("%s [%s]\nruleset:\n%spacket: %s\ngot:  %s\nwant: %s", c.name, c.source, c.conf, c.packet, got, c.want)
			}
		})
	}
}

// TestUnknownOutcomes: an outcome that depends on an unknown is never
// claimed: both answers come out, each with its condition, and the
// trace names the unknown.
func TestUnknownOutcomes(t *testing.T) {
	tr := traceOf(t, "openbsd", "block all\npass in on egress all\n", tcpSyn)
	if len(tr.Results) != 2 || tr.Certain() {
		t.Fatalf("results %d, certain %v", len(tr.Results), tr.Certain())
	}
	want := []struct{ action, cond string }{
		{"pass", "if the interface is in group egress (on egress)"},
		{"block", "unless the interface is in group egress (on egress)"},
	}
	for i, w := range want {
		r := tr.Results[i]
		if r.Outcome.Action != w.action || len(r.Conditions) != 1 || strings.Join(r.Conditions[0], "; ") != w.cond {
			t.Errorf("result %d: %s when %v; want %s when %s", i, r.Outcome.Action, r.Conditions, w.action, w.cond)
		}
	}
	if strings.Join(tr.Unknowns, "|") != "on egress: the interface is in group egress" {
		t.Errorf("unknowns %v", tr.Unknowns)
	}
	// A class the ruleset splits by header fields: every part is named.
	tr = traceOf(t, "openbsd", "block all\npass proto tcp to port 22\n", "in on em0 inet proto tcp flags S")
	var got []string
	for _, r := range tr.Results {
		for _, c := range r.Conditions {
			got = append(got, r.Outcome.Action+": "+strings.Join(c, "; "))
		}
	}
	if strings.Join(got, "\n") != "block: to port != 22\npass: to port 22" {
		t.Errorf("parts:\n%s", strings.Join(got, "\n"))
	}
}

// TestLoadAnchor: the rules of a loaded anchor are evaluated in place
// by both evaluators; an anchor named inside it is unknown (no loop).
func TestLoadAnchor(t *testing.T) {
	tg := target.MustParse("openbsd")
	main := ruleset.LoadBytes("pf.conf", []byte("block all\nanchor \"a\"\n"), ruleset.Options{Target: tg})
	sub := ruleset.LoadBytes("a.anchor", []byte("pass in proto tcp\nanchor \"a\"\n"), ruleset.Options{Target: tg})
	e := New(main.Model.Filter(), tg)
	e.LoadAnchor("a", sub.Model.Filter())
	spec, _ := ParsePacket(strings.Fields(tcpSyn), false)
	tr, err := e.TraceClass(e.Class(spec))
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(tr); got != "pass line=1 matched=1,2,1,2 unknowns=1" {
		t.Errorf("got %s", got)
	}
	if c := tr.Results[0].Outcome.Caveats; len(c) != 1 || !strings.Contains(c[0], "anchor a") {
		t.Errorf("caveats %v", c)
	}
	p := Packet{Iface: "em0", Dir: "in", AF: 4, Proto: 6, Flags: TCPSynFlag,
		Src: netip.MustParseAddr("192.0.2.7"), Dst: netip.MustParseAddr("198.51.100.10"), Sport: 40000, Dport: 22}
	if ref := e.Evaluate(p, AssumeAll); !ref.Equal(tr.Results[0].Outcome) {
		t.Errorf("reference: %s\nset engine: %s", describe(ref), describe(tr.Results[0].Outcome))
	}
}

// TCPSynFlag is a packet's SYN.
const TCPSynFlag = 2
