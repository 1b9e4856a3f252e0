package model

import (
	"strings"
	"testing"
)

// TestRuleChecks runs each rule check on small inputs: the errors pfctl
// reports, and inputs it loads that must draw nothing.
func TestRuleChecks(t *testing.T) {
	long := strings.Repeat("t", 64)
	ok63 := strings.Repeat("t", 63)
	tests := []struct {
		target, src string
		want        []string
	}{
		// ports, protocols, icmp and address families (check_ports.go)
		{"openbsd-7.8", "pass in from any port <= 1024 to any", []string{"1: port only applies to tcp/udp"}},
		{"openbsd-7.8", "pass proto { tcp icmp } to port 53", []string{"1: port only applies to tcp/udp"}},
		{"openbsd-7.8", "pass proto { tcp udp } to port 53", nil},
		{"freebsd-15.0", "pass proto sctp to port 9899", nil},
		{"freebsd-15.0", "pass proto 132 to port 9899", nil},
		{"freebsd-15.0", "pass proto esp to port 9899", []string{"1: port only applies to tcp/udp"}},
		{"freebsd-15.0", "match proto icmp allow-opts", nil},
		// interface names: IFNAMSIZ, 15 bytes and the NUL (check_ifname.go)
		{"openbsd-7.8", "pass in on " + strings.Repeat("i", 15), nil},
		{"openbsd-7.8", "pass in on { em0 " + strings.Repeat("i", 16) + " } proto udp to port 53", []string{"1: interface name too long"}},
		{"openbsd-7.8", "anchor a on " + strings.Repeat("i", 16), []string{"1: interface name too long"}},
		{"openbsd-5.4", "altq on \"" + strings.Repeat("i", 16) + "\" priq bandwidth 10Mb queue q", []string{"1: interface name too long"}},
		{"openbsd-7.8", "queue q on " + strings.Repeat("i", 16) + " bandwidth 10M", []string{"1: interface name too long"}},
		{"freebsd-15.0", "nat on " + strings.Repeat("i", 16) + " from any to any -> 192.0.2.1", []string{"1: interface name too long"}},
		{"freebsd-15.0", "scrub on " + strings.Repeat("i", 16), []string{"1: interface name too long"}},
		{"openbsd-4.4", "pass in on " + strings.Repeat("i", 16), nil},
		// binat reads hosts without ports (parse.y binatrule)
		{"freebsd-15.0", "binat on em0 from 192.0.2.1 to any port 80 -> 192.0.2.2", []string{"1: syntax error"}},
		{"openbsd-4.6", "binat on em0 proto tcp from 192.0.2.1 port 22 to any -> 192.0.2.2", []string{"1: syntax error"}},
		{"freebsd-15.0", "binat on em0 from 192.0.2.1 to any -> 192.0.2.2", nil},
		{"freebsd-15.0", "nat on em0 from 192.0.2.0/24 to any port 53 -> 192.0.2.2", nil},
		{"freebsd-14.0", "match proto icmp allow-opts", []string{"1: allow-opts can only be specified for pass rules"}},
		{"freebsd-15.0", "block allow-opts", []string{"1: allow-opts can only be specified for pass rules"}},
		{"openbsd-7.8", "match proto icmp allow-opts", []string{"1: allow-opts can only be specified for pass rules"}},
		{"openbsd-7.8", "pass proto tcp from any port 1024:65535", nil},
		{"openbsd-7.8", "pass proto tcp to port 65536", []string{"1: illegal port value 65536"}},
		{"openbsd-7.8", "pass in inet6 proto icmp all", []string{"1: proto icmp doesn't match address family inet6"}},
		{"openbsd-7.8", "pass inet proto ipv6-icmp", []string{"1: proto icmp6 doesn't match address family inet"}},
		{"openbsd-7.8", "pass proto icmp6 from ::1", nil},
		{"openbsd-7.8", "pass proto icmp from ::1", []string{"1: proto icmp doesn't match address family inet6"}},
		{"openbsd-7.8", "pass proto icmp from host.example", nil},
		{"openbsd-7.8", "pass inet proto icmp icmp-type echoreq", nil},
		{"openbsd-7.8", "pass in inet proto icmp all icmp6-type 0", []string{"1: icmp-type mismatch"}},
		{"openbsd-7.8", "pass in proto udp flags S/SA", []string{"1: flags only apply to tcp"}},
		{"openbsd-7.8", "pass in proto { udp tcp } flags S/SA", nil},
		{"openbsd-7.8", "pass in proto udp flags any", nil},
		{"openbsd-7.8", "match in on lo0 inet6 from 10.0.0.1 rdr-to (lo0)", []string{"1: rule expands to no valid combination"}},
		{"openbsd-7.8", "pass in from { 10.0.0.1 ::1 } to ::2", nil},
		// hosts and tables (check_hosts.go, check_tables.go)
		{"openbsd-7.8", "pass in from 10.0.0.0/161", []string{"1: could not parse host specification", "1: netmask is too large: /161"}},
		{"openbsd-5.1", "pass in from 10.0.0.0/161", []string{"1: could not parse host specification", "1: invalid netmask '/161'"}},
		{"openbsd-7.8", "pass in from 10.0.0.0/64", []string{"1: netmask 64 invalid for IPv4 address"}},
		{"openbsd-7.8", "pass in from 2001:db8::/64", nil},
		{"openbsd-7.8", "match out on lo0 nat-to (10.1.2.3:0)", []string{"1: invalid interface name '10.1.2.3:0'"}},
		{"openbsd-7.8", "match out on lo0 nat-to (lo0:0)", nil},
		{"openbsd-7.8", "match out on lo0 nat-to (lo0:bogus)", []string{"1: interface lo0:bogus has bad modifier"}},
		{"openbsd-7.8", "table <foo> const { <bar> }", []string{"1: tables cannot contain tables"}},
		{"openbsd-7.8", "table <foo> { (lo0) }", []string{"1: dynamic addresses are not permitted inside tables"}},
		{"openbsd-7.8", "table <foo> { ::1 no-route }", []string{"1: \"no-route\" is not permitted inside tables"}},
		{"openbsd-7.8", "table <foo> { 10/8 !10.1.0.0/16 ::1 }", nil},
		// tags (check_tags.go)
		{"openbsd-7.8", "block in tag " + long, []string{"1: tag too long, max 63 chars"}},
		{"openbsd-7.8", "pass in tagged " + long, []string{"1: tag too long, max 63 chars"}},
		{"openbsd-7.8", "pass in tag " + ok63 + " tagged " + ok63, nil},
		{"openbsd-7.8", "pass in label \"" + long + "\"", []string{"1: rule label too long (max 63 chars)"}},
		// state (check_state.go) and anchors
		{"openbsd-7.8", "pass in proto tcp keep state (source-track global, max-src-nodes 1000)", []string{"1: 'max-src-nodes' is incompatible with 'source-track global'"}},
		{"openbsd-7.8", "pass in proto tcp keep state (source-track rule, max-src-nodes 1000)", nil},
		{"openbsd-7.8", "anchor foo keep state", []string{"1: cannot specify state handling on anchors"}},
		{"openbsd-7.8", "anchor foo to 10/8 port 6000:7000", []string{"1: port only applies to tcp/udp"}},
		{"openbsd-7.8", "anchor foo proto tcp to 10/8 port 6000:7000", nil},
		// scrub (check_scrub.go)
		{"openbsd-7.8", "match scrub(no-df no-df)", []string{"1: no-df cannot be respecified"}},
		{"openbsd-7.8", "match in all scrub(min-ttl 256)", []string{"1: illegal min-ttl value 256"}},
		{"openbsd-7.8", "match in all scrub(max-mss 1440 min-ttl 255 random-id no-df reassemble tcp)", nil},
		// divert (check_divert.go)
		{"openbsd-7.8", "pass divert-to 127.0.0.1 port 1 divert-reply", []string{"1: more than one divert option"}},
		{"openbsd-7.8", "pass out divert-to 127.0.0.1 port 1", []string{"1: divert-to used with outgoing rule"}},
		{"openbsd-7.8", "pass in divert-reply", []string{"1: divert-reply used with incoming rule"}},
		{"openbsd-7.8", "pass in inet6 proto tcp to port 25 divert-to 127.0.0.1 port 8025", []string{"1: divert-to address family mismatch"}},
		{"openbsd-7.8", "pass in inet proto tcp to port 25 divert-to 127.0.0.1 port 8025", nil},
		{"openbsd-7.8", "pass out divert-reply", nil},
		// routing and af-to (check_route.go)
		{"openbsd-7.8", "pass in inet af-to inet6 from 2001:db8::1 route-to lo0", []string{"1: af-to cannot be used together with route-to, reply-to, dup-to"}},
		{"openbsd-7.8", "pass in inet af-to inet6 from 2001:db8::1", nil},
		{"openbsd-7.8", "pass out inet6 from any to any dup-to 1.1.1.1", []string{"1: af mismatch in routing spec"}},
		{"openbsd-7.8", "pass out inet from any to any route-to 1.1.1.1", nil},
		// The routing host gives the family a rule's addresses leave open
		// (pfrule: decide_address_family($8.route.host, &r.af) after the
		// source and destination, OpenBSD parse.y and FreeBSD's).
		{"openbsd-7.8", "pass out route-to (em1 203.0.113.2) proto icmp icmp-type echoreq", nil},
		{"freebsd-14.0", "pass out route-to (em1 203.0.113.2) proto icmp icmp-type echoreq", nil},
		{"openbsd-7.8", "pass out on em0 reply-to (em1 2001:db8::1) proto icmp6 icmp6-type echoreq", nil},
		{"openbsd-7.8", "pass out dup-to (em1 203.0.113.2) proto icmp6 icmp6-type echoreq", []string{"1: proto icmp6 doesn't match address family inet"}},
		{"openbsd-7.8", "pass out route-to { (em1 203.0.113.2), (em2 2001:db8::2) } proto icmp icmp-type echoreq", []string{"1: must indicate address family with icmp-type/code"}},
		{"openbsd-7.8", "pass out proto icmp6 from 2001:db8::1 icmp6-type echoreq route-to (em1 2001:db8::2)", nil},
		{"openbsd-7.8", "block in from any to 10.0.0.0/8 dup-to 10.0.0.1", []string{"1: route-to, reply-to and dup-to are not supported on block rules", "1: route-to, reply-to and dup-to require keep state"}},
		// binat-to (check_binat.go)
		{"openbsd-7.8", "match on lo0 from <t> to any binat-to 1.1.1.1", []string{"1: invalid use of table <t> as the source address of a binat-to rule"}},
		{"openbsd-7.8", "match on lo0 from 1.1.1.1 to any binat-to <sometable>", []string{
			"1: binat-to requires a specified source and redirect address",
			"1: source and redir addresess must have a matching network mask in binat-rule",
			"1: tables cannot be used as the redirect address of a binat-to rule"}},
		{"openbsd-7.8", "match on lo0 from 10.0.0.1 to any binat-to 1.1.1.1", nil},
		// the rest of rule_consistent (check_consistent.go)
		{"openbsd-7.8", "block in proto tcp keep state", []string{"1: keep state is great, but only for pass rules"}},
		{"freebsd-15.0", "block in proto tcp keep state", []string{"1: keep state is great, but only for pass rules"}},
		{"openbsd-5.4", "block in proto tcp keep state", nil}, // older releases: left out
		{"openbsd-7.8", "pass in proto tcp modulate state (sloppy)", []string{"1: sloppy state matching cannot be used with synproxy state or modulate state"}},
		{"openbsd-7.8", "pass in proto tcp keep state (sloppy)", nil},
		{"openbsd-7.8", "pass in proto tcp keep state (overload <t> flush)", []string{"1: 'overload' requires 'max-src-conn' or 'max-src-conn-rate'"}},
		{"openbsd-7.8", "pass in proto tcp keep state (max-src-conn 5, overload <t> flush)", nil},
		{"openbsd-7.8", "pass in proto udp from any os Linux", []string{"1: os only applies to tcp"}},
		{"openbsd-7.8", "pass in proto tcp from any os Linux", nil},
		{"freebsd-15.0", "pass in proto udp from any os Linux", nil},
		{"openbsd-7.8", "pass out proto icmp user root", []string{"1: user only applies to tcp/udp"}},
		{"openbsd-7.8", "pass out proto { tcp udp } group wheel", nil},
		{"openbsd-7.8", "pass in on em0 proto tcp to port 80 no state rdr-to 10.0.0.1", []string{"1: nat-to and rdr-to require keep state"}},
		{"openbsd-7.8", "match in on em0 proto tcp to port 80 no state rdr-to 10.0.0.1", nil},
		{"openbsd-7.8", "match on em0 nat-to (em0)", []string{"1: nat-to and rdr-to require a direction"}},
		{"openbsd-7.8", "match out on em0 nat-to (em0)", nil},
		// set options (check_options.go)
		{"openbsd-7.8", "set hostid 0", []string{"1: hostid must be non-zero"}},
		{"openbsd-7.8", "set hostid 0x1234", nil},
		// values the grammar's actions refuse (check_values.go; OpenBSD
		// parse.y 1.715, FreeBSD sbin/pfctl/parse.y main 01c44736):
		// getservice and parseport,
		{"openbsd-7.8", "pass in proto tcp to port 1024:65536", []string{"1: illegal port value 65536"}},
		{"openbsd-7.8", "pass in proto tcp to port -1", []string{"1: illegal port value 18446744073709551615"}},
		{"openbsd-7.8", "pass in proto tcp to port 1.5", []string{"1: unknown port 1.5"}},
		{"openbsd-7.8", "pass in proto tcp to port 0x50", nil},
		{"openbsd-7.8", "pass in proto tcp from port 1024 >< 65536", []string{"1: illegal port value 65536"}},
		{"freebsd-14.0", "rdr on em0 proto tcp to port 80 -> 10.0.0.1 port 70000", []string{"1: illegal port value 70000"}},
		// icmptype, icmp6type and icmp_item,
		{"openbsd-7.8", "pass in inet proto icmp icmp-type 256", []string{"1: illegal icmp-type 256"}},
		{"openbsd-7.8", "pass in inet6 proto icmp6 icmp6-type 300", []string{"1: illegal icmp6-type 300"}},
		{"openbsd-7.8", "pass in inet proto icmp icmp-type 3 code 256", []string{"1: illegal icmp-code 256"}},
		{"openbsd-7.8", "pass in inet proto icmp icmp-type { 3 code 255, 255 }", nil},
		// state_opt_item,
		{"openbsd-7.8", "pass in proto tcp keep state (max foo)", []string{"1: syntax error"}},
		{"openbsd-7.8", "pass in proto tcp keep state (max 4294967296)", []string{"1: only positive values permitted"}},
		{"openbsd-7.8", "pass in proto tcp keep state (max 4294967295)", nil},
		{"openbsd-7.8", "pass in proto tcp keep state (max-src-nodes -1, source-track rule)", []string{"1: only positive values permitted"}},
		{"openbsd-7.8", "pass in proto tcp keep state (tcp.established 4294967296)", []string{"1: only positive values permitted"}},
		{"openbsd-7.8", "pass in proto tcp keep state (max-src-conn-rate 4294967296/5, overload <t>)", []string{"1: only positive values permitted"}},
		{"openbsd-7.8", "pass in proto tcp keep state (max-src-conn 5, overload <" + strings.Repeat("t", 32) + ">)", []string{"1: table name '" + strings.Repeat("t", 32) + "' too long"}},
		// probability (OpenBSD prints the percentage with %g, FreeBSD the
		// scaled value with %lf),
		{"openbsd-7.8", "pass in probability 200%", []string{"1: invalid probability: 200%"}},
		{"openbsd-7.8", "pass in probability 4294967296%", []string{"1: invalid probability: 4.29497e+09%"}},
		{"freebsd-14.0", "pass in probability 200%", []string{"1: invalid probability: 8589934590.000000"}},
		{"openbsd-7.8", "pass in probability 1.5x", []string{"1: invalid probability: 1.5x"}},
		{"openbsd-7.8", "pass in probability 100%", nil},
		{"openbsd-7.8", "pass in probability 0.5", nil},
		// timeout_spec and limit_spec,
		{"openbsd-7.8", "set timeout interval foo", []string{"1: syntax error"}},
		{"openbsd-7.8", "set timeout { tcp.first 10, interval 4294967296 }", []string{"1: only positive values permitted"}},
		{"openbsd-7.8", "set limit states -1", []string{"1: only positive values permitted"}},
		{"openbsd-7.8", "set limit { states 1000, frags 100 }", nil},
		// pool types (check_pool.go): OpenBSD parse.y 1.715 collapse_redirspec
		// and apply_redirspec, for every translation and routing option,
		{"openbsd-7.8", "pass in on em0 inet6 from any to 64:ff9b::/96 af-to inet from <wanaddr> bitmask", []string{"1: tables are not supported by pool type"}},
		{"openbsd-7.8", "pass in on em0 inet6 from any to 64:ff9b::/96 af-to inet from <wanaddr> round-robin", nil},
		{"openbsd-7.8", "pass in on em0 inet6 from any to 64:ff9b::/96 af-to inet from <wanaddr> random", nil},
		{"freebsd-15.0", "pass in on em0 inet6 from any to 64:ff9b::/96 af-to inet from <wanaddr> bitmask", []string{"1: tables are not supported by pool type"}},
		{"openbsd-7.8", "pass out on em0 nat-to <pool> bitmask", []string{"1: tables are not supported by pool type"}},
		{"openbsd-7.8", "pass in on em0 proto tcp to port 80 rdr-to <web> source-hash", nil},
		{"openbsd-7.8", "match on em0 from 10.0.0.1 binat-to (em1) bitmask", []string{"1: dynamic interfaces must be used with :0 in a binat-to rule", "1: interface (em1) is not supported by pool type"}},
		{"openbsd-7.8", "pass out on em0 nat-to (em0:0) bitmask", nil},
		{"openbsd-7.8", "pass out on em0 nat-to (egress:0) bitmask", []string{"1: interface (egress) is not supported by pool type"}},
		{"openbsd-7.8", "pass out on em0 nat-to { 10.0.0.1 10.0.0.2 } bitmask", []string{"1: pool type is not valid for multiple translation or routing addresses"}},
		{"openbsd-7.8", "pass out on em0 nat-to { <a> <b> }", []string{"1: multiple tables or dynamic interfaces not supported for translation or routing"}},
		{"openbsd-7.8", "pass out on em0 route-to <gw> bitmask", []string{"1: tables are not supported by pool type"}},
		{"openbsd-7.8", "pass out on em0 reply-to { 10.0.0.1 10.0.0.2 } least-states", nil},
		// FreeBSD 15's nat/rdr rules say the same (tests/files/pf1046,
		// pf1047); before 15 natrule and pfrule say "round-robin".
		{"freebsd-15.0", "nat on em0 from 10/8 -> <targets> bitmask", []string{"1: tables are not supported by pool type"}},
		{"freebsd-14.0", "rdr on em0 proto tcp to port 80 -> <web> source-hash", []string{"1: tables are only supported in round-robin redirection pools"}},
		{"freebsd-14.0", "nat on em0 from 10/8 -> { 1.1.1.1 2.2.2.2 } random", []string{"1: only round-robin valid for multiple redirection addresses"}},
		{"freebsd-14.0", "nat on em0 from 10/8 -> (em0) bitmask", []string{"1: interface (em0) is only supported in round-robin redirection pools"}},
		{"freebsd-14.0", "nat on em0 from 10/8 -> <pool> round-robin", nil},
		{"freebsd-14.0", "pass out route-to { (em1 1.1.1.1) (em2 2.2.2.2) } random from 10/8", []string{"1: r.rpool.opts must be PF_POOL_ROUNDROBIN"}},
		{"freebsd-14.0", "pass out route-to (em1 1.1.1.1) random from 10/8", nil},
		// names: PF_TABLE_NAME_SIZE and PF_QNAME_SIZE.
		{"openbsd-7.8", "table <" + strings.Repeat("t", 32) + "> { 10/8 }", []string{"1: table name too long, max 31 chars"}},
		{"openbsd-7.8", "table <" + strings.Repeat("t", 31) + "> { 10/8 }", nil},
		{"openbsd-7.8", "pass in from <" + strings.Repeat("t", 32) + ">", []string{"1: table name '" + strings.Repeat("t", 32) + "' too long"}},
		{"openbsd-7.8", "queue rootq on em0 bandwidth 10M\nqueue " + long + " parent rootq bandwidth 1M default", []string{"2: queue name too long (max 63 chars)"}},
		{"openbsd-5.4", "altq on em0 cbq bandwidth 10Mb queue { " + long + " }", []string{"1: queue name '" + long + "' too long (max 63 chars)"}},
		{"openbsd-5.4", "altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a cbq(default) { " + long + " }", []string{"2: queue name '" + long + "' too long (max 63 chars)"}},
		{"freebsd-14.0", "pass out queue " + long, []string{"1: rule qname too long (max 63 chars)"}},
		{"freebsd-14.0", "pass out queue (std, " + long + ")", []string{"1: rule pqname too long (max 63 chars)"}},
	}
	for _, tc := range tests {
		got := messages(buildSrc(t, tc.target, tc.src+"\n"))
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: %q\n\twant %q\n\tgot  %q", tc.target, tc.src, tc.want, got)
		}
	}
}

// TestDeferred: Check reports what pfctl reports, which stops at the
// first failing queue definition; Deferred holds the checks of the queues
// as a whole pfctl would make once it is fixed.
func TestDeferred(t *testing.T) {
	src := "altq on em0 priq bandwidth 1Mb queue { a b c }\nqueue a priority 1\nqueue b priority 1\nqueue c priority 2\n"
	m := buildSrc(t, "openbsd-5.4", src)
	if got := strings.Join(messages(m), "\n"); got != "3: a and b have the same priority\n3: errors in queue definition" {
		t.Errorf("Check:\n%s", got)
	}
	var deferred []string
	for _, e := range m.Deferred() {
		deferred = append(deferred, e.Msg)
	}
	if got := strings.Join(deferred, "\n"); got != "should have one default queue on em0" {
		t.Errorf("Deferred: %q", got)
	}
	clean := buildSrc(t, "openbsd-5.4", "altq on em0 priq bandwidth 1Mb queue { a }\nqueue a priority 1\n")
	if len(clean.Deferred()) != 0 || len(messages(clean)) != 1 {
		t.Errorf("a file that parses: Check %v, Deferred %v", messages(clean), clean.Deferred())
	}
}
