package grammar

import (
	"reflect"
	"testing"
)

// TestFilterOptKinds reads a rule with each kind of option. The fast path
// takes the statement, choosing the kind on the option's first token;
// participle alone gives the same tree (sameAsParticiple); the option is
// of its own kind, and its bounds cover what was written, which is what
// edits replace.
func TestFilterOptKinds(t *testing.T) {
	for _, c := range []struct {
		target, opt string
		want        FilterOpt
	}{
		{"openbsd", "user { 0 >< 10 }", &OptUser{}},
		{"openbsd", "group wheel", &OptGroup{}},
		{"openbsd", "flags S/SA", &OptFlags{}},
		{"openbsd", "icmp-type echoreq code 0", &OptIcmpType{}},
		{"openbsd", "icmp6-type { 128 129 }", &OptIcmp6Type{}},
		{"openbsd", "tos 0x10", &OptTos{}},
		{"openbsd", "modulate state (max 10, pflow)", &StateSpec{}},
		{"openbsd", "no state", &StateSpec{}},
		{"openbsd", "fragment", &OptFragment{}},
		{"openbsd", "allow-opts", &OptAllowOpts{}},
		{"openbsd", "once", &OptOnce{}},
		{"openbsd", `label "web"`, &OptLabel{}},
		{"openbsd", "tag t1", &OptTag{}},
		{"openbsd", "tagged t1", &OptTagged{}},
		{"openbsd", "! tagged t1", &OptTagged{}},
		{"openbsd", "probability 50%", &OptProbability{}},
		{"openbsd", "rtable 1", &OptRtable{}},
		{"openbsd", "divert-to 127.0.0.1 port 8080", &OptDivertTo{}},
		{"openbsd", "divert-reply", &OptDivertReply{}},
		{"openbsd", "divert-packet port 700", &OptDivertPacket{}},
		{"openbsd", "prio 3", &OptPrio{}},
		{"openbsd", "set (prio 1, queue q)", &OptSet{}},
		{"openbsd", "queue (q, ack)", &OptQueue{}},
		{"openbsd", "max-pkt-rate 100/10", &OptMaxPktRate{}},
		{"openbsd", "max-pkt-size 1500", &OptMaxPktSize{}},
		{"openbsd", "received-on em0", &OptReceivedOn{}},
		{"openbsd", "scrub (no-df, max-mss 1440)", &OptScrub{}},
		{"openbsd", "nat-to (em0) port 1024:65535", &OptNatTo{}},
		{"openbsd", "rdr-to 10.0.0.1 port 80", &OptRdrTo{}},
		{"openbsd", "binat-to 192.0.2.1", &OptBinatTo{}},
		{"openbsd", "af-to inet6 from 2001:db8::1", &OptAfTo{}},
		{"openbsd", "route-to (em1 192.0.2.1)", &OptRoute{}},
		{"openbsd", "state limiter web (no-match)", &LimiterRef{}},
		{"freebsd", "dnpipe (1, 2)", &OptDnpipe{}},
		{"freebsd", "dnqueue 3", &OptDnqueue{}},
		{"freebsd", "ridentifier 7", &OptRidentifier{}},
		{"freebsd", "l3", &OptL3{}},
	} {
		src := "pass in all " + c.opt + "\n"
		opts := Options{Target: mustTarget(c.target), ReadFile: noIncludes}
		var errs int
		took, declined := countFast(func() { errs = sameAsParticiple(t, c.opt, []byte(src), opts) })
		if errs > 0 || took != 1 || declined != 0 {
			t.Errorf("%s: %d errors; the fast path took %d statements, declined %d", src, errs, took, declined)
			continue
		}
		f, _ := Parse("opt.conf", []byte(src), opts)
		s := f.Statements[0]
		if len(s.Rule.Options) != 1 {
			t.Errorf("%s: %d options", src, len(s.Rule.Options))
			continue
		}
		o := s.Rule.Options[0]
		if reflect.TypeOf(o) != reflect.TypeOf(c.want) {
			t.Errorf("%s: option of type %T, want %T", src, o, c.want)
		}
		if got := f.Source.Text(s.NodeSpan(o.Bounds())); got != c.opt {
			t.Errorf("%s: option spans %q", src, got)
		}
	}
}
