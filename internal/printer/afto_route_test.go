package printer

import "testing"

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
