package printer

import (
	"strings"
	"testing"

	loader "github.com/pfshape/pfshape/internal/ruleset"

	"github.com/pfshape/pfshape/internal/target"
)

// TestPrintAfToRoute: FreeBSD loads route-to and reply-to beside af-to
// (tests/sys/netpfil/pf/nat64.sh route_to and reply_to); the next hop is
// kept and printed in its own family, the af-to target's for route-to.
func TestPrintAfToRoute(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"route-to in the target family",
			"pass in on epair2b route-to (epair0a 192.0.2.2) inet6 from any to 64:ff9b::/96 af-to inet from 192.0.2.1\n",
			"pass in on epair2b route-to (epair0a 192.0.2.2) inet6 from any to 64:ff9b::/96 flags S/SA keep state af-to inet from 192.0.2.1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := printOf(t, "freebsd-15.0", tt.in); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestPrintValueErrors: print reports the values pfctl refuses in the
// model's words (model.PortMessage, IcmpMessage, ProbabilityMessage), the
// same check gives, instead of printing something else.
func TestPrintValueErrors(t *testing.T) {
	tests := []struct{ target, in, want string }{
		{"openbsd-7.8", "pass in proto tcp to port 1024:65536\n", "illegal port value 65536"},
		{"openbsd-7.8", "pass in proto tcp to port 1.5\n", "unknown port 1.5"},
		{"openbsd-7.8", "pass in inet proto icmp icmp-type 256\n", "illegal icmp-type 256"},
		{"openbsd-7.8", "pass in probability 4294967296%\n", "invalid probability: 4.29497e+09%"},
		{"freebsd-14.0", "pass in probability 200%\n", "invalid probability: 8589934590.000000"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			tt := target.MustParse(tc.target)
			rs := loader.LoadBytes("test.conf", []byte(tc.in), loader.Options{Target: tt})
			var out strings.Builder
			err := Print(&out, rs, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q (printed %q)", err, tc.want, out.String())
			}
		})
	}
}

// TestPrintSCTPPorts: FreeBSD 14.0 and later take ports with proto sctp in
// filter and rdr rules (tests/sys/netpfil/pf/sctp.sh); OpenBSD and older
// FreeBSD refuse them as pfctl's rule_consistent does.
func TestPrintSCTPPorts(t *testing.T) {
	tests := []struct {
		target, in string
		loads      bool
	}{
		{"freebsd-15.0", "pass in proto sctp to port 1234\n", true},
		{"freebsd-14.0", "pass in proto 132 from any port 1234\n", true},
		{"freebsd-15.0", "rdr pass on epair1b proto sctp from 198.51.100.0/24 to any port 1234 -> 192.0.2.2 port 4321\n", true},
		{"freebsd-13.0", "pass in proto sctp to port 1234\n", false},
		{"openbsd-7.8", "pass in proto sctp to port 1234\n", false},
		{"freebsd-15.0", "pass in proto esp to port 1234\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.target+" "+tc.in, func(t *testing.T) {
			rs := loader.LoadBytes("test.conf", []byte(tc.in), loader.Options{Target: target.MustParse(tc.target)})
			var out strings.Builder
			err := Print(&out, rs, Options{})
			if tc.loads && (err != nil || len(rs.Errors()) > 0) {
				t.Errorf("pfctl loads it; got %v %v", rs.Errors(), err)
			}
			if !tc.loads && err == nil && len(rs.Errors()) == 0 {
				t.Errorf("pfctl refuses it; printed %q", out.String())
			}
		})
	}
}

// TestPrintPreferIPv6Nexthop: a route-to pool with prefer-ipv6-nexthop
// keeps IPv6 next hops on an inet rule and gives a rule of no family none
// of its own (FreeBSD route_to.sh prefer_ipv6_nexthop_*, pfsync.sh rt_af,
// pfctl tests pf1073); without the option the pool's family is the rule's.
func TestPrintPreferIPv6Nexthop(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"IPv6 next hop on an inet rule",
			"pass in on inif route-to (outif 2001:db8:4200::fe) prefer-ipv6-nexthop inet proto udp to 203.0.113.242\n",
			"pass in on inif route-to (outif 2001:db8:4200::fe) prefer-ipv6-nexthop inet proto udp from any to 203.0.113.242 keep state\n"},
		{"no family: the rule keeps none",
			"pass in route-to (epair1a 2001:db8:4202::2) prefer-ipv6-nexthop proto tcp\n",
			"pass in route-to (epair1a 2001:db8:4202::2) prefer-ipv6-nexthop proto tcp all flags S/SA keep state\n"},
		{"no family: mixed next hops are all kept",
			"pass in route-to { (epair1a 2001:db8:4202::2) (epair1a 198.51.100.24/31) } prefer-ipv6-nexthop proto tcp\n",
			"pass in route-to { (epair1a 2001:db8:4202::2), (epair1a 198.51.100.24/31) } round-robin prefer-ipv6-nexthop proto tcp all flags S/SA keep state\n"},
		{"without the option the next hop gives the family",
			"pass in route-to (epair1a 2001:db8:4202::2) proto tcp\n",
			"pass in route-to (epair1a 2001:db8:4202::2) inet6 proto tcp all flags S/SA keep state\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := printOf(t, "freebsd-15.0", tt.in); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestPrintTranslationConsistency: the translation rules of FreeBSD and of
// OpenBSD before 4.7 are checked by nat_consistent (nothing) and
// rdr_consistent (ports need tcp or udp, the destination port is one port
// or a range), not by filter_consistent (anchor.sh nat loads `nat log on …
// from 192.0.2.0/24 to any port = 53 -> 192.0.2.1`).
func TestPrintTranslationConsistency(t *testing.T) {
	tests := []struct {
		target, in string
		want       []string // the errors, in order; none: it prints
	}{
		{"freebsd-15.0", "nat log on em0 inet from 192.0.2.0/24 to any port = 53 -> 192.0.2.1\n", nil},
		{"openbsd-4.6", "nat on em0 from any port 1024 to any -> 192.0.2.1\n", nil},
		{"freebsd-15.0", "no nat on em0 from any to any port 53\n", nil},
		{"freebsd-15.0", "rdr on em0 proto tcp from any to any port 80:90 -> 192.0.2.1 port 8080\n", nil},
		{"freebsd-15.0", "rdr on em0 proto icmp from any port 5 to any port 80 -> 192.0.2.1 port 8080\n",
			[]string{"src port only applies to tcp/udp", "dst port only applies to tcp/udp", "rpool port only applies to tcp/udp"}},
		{"openbsd-4.6", "rdr on em0 from any to any port 80 -> 192.0.2.1\n", []string{"dst port only applies to tcp/udp"}},
		{"freebsd-15.0", "rdr on em0 proto tcp from any to any port > 80 -> 192.0.2.1\n",
			[]string{"invalid port operator for rdr destination port"}},
		{"freebsd-15.0", "no rdr on em0 proto tcp from any to any port != 80\n",
			[]string{"invalid port operator for rdr destination port"}},
	}
	for _, tc := range tests {
		t.Run(tc.target+" "+tc.in, func(t *testing.T) {
			rs := loader.LoadBytes("test.conf", []byte(tc.in), loader.Options{Target: target.MustParse(tc.target)})
			if errs := rs.Errors(); len(errs) > 0 {
				t.Fatalf("check reports %v", errs)
			}
			var out strings.Builder
			err := Print(&out, rs, Options{})
			var got []string
			if err != nil {
				for _, line := range strings.Split(strings.TrimSpace(err.Error()), "\n") {
					got = append(got, line[strings.LastIndex(line, "error: ")+len("error: "):])
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q (printed %q)", got, tc.want, out.String())
			}
		})
	}
}
