package lsp

import (
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// TestHoverQueueTree: over an altq line, the hover is the line's queue
// trees as pfshape queues draws them, with the set prio of the
// translation.
func TestHoverQueueTree(t *testing.T) {
	text := `altq on em0 cbq bandwidth 10Mb queue { std, web }
queue std bandwidth 20% cbq(default)
queue web bandwidth 80% priority 5 { web_a, web_b }
queue web_a bandwidth 50% priority 6
queue web_b bandwidth 12.5% priority 2
altq on { em1 em2 } priq bandwidth 1Mb queue { hi, lo }
queue hi priority 7
queue lo priority 1 priq(default)
pass out on em0 proto tcp to port 80 queue web_a
pass out on em0 proto tcp to port 8080 queue web_b
`
	cases := []struct {
		name, at    string
		wants, nots []string
	}{
		{"cbq", "cbq", []string{"```text\naltq on em0 cbq bandwidth 10Mb → 10 Mbit/s", "└── root_em0", "    ├── web_a", "bandwidth 50% → 4 Mbit/s",
			"bandwidth 12.5% → 960 kbit/s", "1 rule (line 9)", "→ set prio 7", "⚠ warning PF114"}, []string{"em1"}},
		{"two interfaces", "priq", []string{"altq on em1 priq", "altq on em2 priq", "├── hi", "└── lo"}, []string{"em0"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClient(t, altq54, nil)
			uri := c.open("pf.conf", text)
			var h protocol.Hover
			c.call("textDocument/hover", hoverParams(uri, pos(t, text, tc.at, 0, 1)), &h)
			got := hoverText(t, h)
			for _, w := range tc.wants {
				if !strings.Contains(got, w) {
					t.Errorf("hover lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tc.nots {
				if strings.Contains(got, n) {
					t.Errorf("hover holds %q:\n%s", n, got)
				}
			}
		})
	}
}
