package lsp

import (
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/internal/target"
)

// TestHoverBandwidth checks resolved bandwidths: CBQ percentages of the
// parent, HFSC curves, and OpenBSD's queues.
func TestHoverBandwidth(t *testing.T) {
	cbq := `altq on em0 cbq bandwidth 10Mb queue { std, web }
queue std bandwidth 20% cbq(default)
queue web bandwidth 80% priority 5 { web_a, web_b }
queue web_a bandwidth 50% priority 6
queue web_b bandwidth 12.5% priority 2
pass out on em0 proto tcp to port 80 queue web_a
pass out on em0 proto tcp to port 8080 queue web_b
`
	hfsc := `altq on em0 hfsc bandwidth 100Mb queue { bulk, voip }
queue bulk bandwidth 70% hfsc(default linkshare 70%)
queue voip bandwidth 30% hfsc(realtime (20Mb 10 5Mb) upperlimit 40Mb)
pass out on em0 proto udp to port 5060 queue voip
`
	newq := `queue root_em0 on em0 bandwidth 100M max 100M
queue std parent root_em0 bandwidth 60M default
queue ssh parent root_em0 bandwidth 10M burst 20M for 50ms min 5M
pass out on em0 proto tcp to port 22 set queue ssh
`
	cases := []struct {
		name  string
		st    Settings
		text  string
		at    string
		n     int
		wants []string
	}{
		{"cbq percent of the parent", altq54, cbq, "web_a", 2, []string{
			"scheduler: cbq", "parent: web", "priority: 6", "bandwidth: 4000000 bit/s (4 Mbit/s) (50% of its parent)", "`set prio 7`"}},
		{"cbq truncated percent", altq54, cbq, "web_b", 2, []string{
			"bandwidth: 960000 bit/s (960 kbit/s) (12% of its parent)"}},
		{"hfsc curves", altq54, hfsc, "voip", 2, []string{
			"scheduler: hfsc", "bandwidth: 30000000 bit/s (30 Mbit/s)",
			"realtime: 20000000 bit/s (20 Mbit/s) for 10ms, then 5000000 bit/s (5 Mbit/s)",
			"upperlimit: 40000000 bit/s (40 Mbit/s)", "after translation to openbsd-7.8: `set prio"}},
		{"new queues", Settings{Target: target.Default}, newq, "ssh", 1, []string{
			"**queue ssh**", "parent: root_em0", "bandwidth: 10000000 bit/s (10 Mbit/s), burst 20000000 bit/s (20 Mbit/s) for 50ms",
			"min: 5000000 bit/s (5 Mbit/s)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClient(t, tc.st, nil)
			uri := c.open("pf.conf", tc.text)
			var h protocol.Hover
			c.call("textDocument/hover", hoverParams(uri, pos(t, tc.text, tc.at, tc.n, 1)), &h)
			text := hoverText(t, h)
			for _, w := range tc.wants {
				if !strings.Contains(text, w) {
					t.Errorf("hover lacks %q:\n%s", w, text)
				}
			}
		})
	}
}
