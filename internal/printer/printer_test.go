package printer

import (
	"testing"

	loader "github.com/pfshape/pfshape/internal/ruleset"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// printOf prints a ruleset for a target.
func printOf(t *testing.T, tg, src string) string {
	t.Helper()
	tt := target.MustParse(tg)
	rs := loader.LoadBytes("test.conf", []byte(src), loader.Options{Target: tt})
	if err := rs.File.Errors.Err(); err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return String(rs, Options{})
}

func TestPrintRules(t *testing.T) {
	tests := []struct {
		name, target, in, want string
	}{
		{"defaults made explicit", "openbsd-7.8", "pass in proto tcp to port www\n",
			"pass in proto tcp from any to any port = 80 flags S/SA\n"},
		{"block drop", "openbsd-7.8", "block in\n", "block drop in all\n"},
		{"block-policy return", "openbsd-7.8", "set block-policy return\nblock in inet\n",
			"set block-policy return\nblock return in inet all\n"},
		{"return-icmp default codes", "openbsd-7.8", "block return-icmp in proto udp\n",
			"block return-icmp(port-unr, port-unr) in proto udp all\n"},
		{"return-rst ttl", "openbsd-7.8", "block return-rst(ttl 10) in proto tcp\n",
			"block return-rst(ttl 10) in proto tcp all\n"},
		{"log options", "openbsd-7.8", "block log (all, to pflog1) quick on lo0\n",
			"block drop log (all, to pflog1) quick on lo0 all\n"},
		{"no state", "openbsd-7.8", "pass out no state\n", "pass out all no state\n"},
		{"flags any", "openbsd-7.8", "pass flags any\n", "pass all flags any\n"},
		{"udp drops flags", "openbsd-7.8", "pass proto udp\n", "pass proto udp all\n"},
		{"modulate on udp keeps state", "openbsd-7.8", "pass proto { tcp udp } modulate state\n",
			"pass proto tcp all flags S/SA modulate state\npass proto udp all\n"},
		{"state options order", "openbsd-7.8", "pass keep state (tcp.first 2, no-sync, max 10)\n",
			"pass all flags S/SA keep state (max 10, no-sync, tcp.first 2, adaptive.start 6, adaptive.end 12)\n"},
		{"icmp names", "openbsd-7.8", "pass inet proto icmp icmp-type 3 code 4\n",
			"pass inet proto icmp all icmp-type unreach code needfrag\n"},
		{"users prepend", "openbsd-7.8", "pass proto tcp user root user bin\n",
			"pass proto tcp all user = 3 flags S/SA\npass proto tcp all user = 0 flags S/SA\n"},
		{"set tos and prio", "openbsd-7.8", "match set prio (5 2) set tos lowdelay\n",
			"match all set (prio(5, 2), tos 0x10)\n"},
		{"probability", "openbsd-7.8", "pass probability 0.5\n", "pass all flags S/SA probability 50%\n"},
		{"label macros and $nr", "openbsd-7.8", "pass\npass in on lo0 proto tcp from 10/8 port 80 label \"$nr:$if:$srcaddr:$srcport:$proto\"\n",
			"pass all flags S/SA\npass in on lo0 inet proto tcp from 10.0.0.0/8 port = 80 to any flags S/SA label \"1:lo0:10.0.0.0/8:80:tcp\"\n"},
		{"interface addresses by family", "openbsd-7.8", "pass inet6 from lo0\n",
			"pass inet6 from ::1 to any flags S/SA\npass on lo0 inet6 from fe80::1 to any flags S/SA\n"},
		{"nat pool table", "openbsd-7.8", "match out on lo0 from 10/8 nat-to { 10.1.1.1 10.1.1.2 }\n",
			"table <__automatic_0> const { 10.1.1.1 10.1.1.2 }\nmatch out on lo0 inet from 10.0.0.0/8 to any nat-to <__automatic_0> round-robin\n"},
		{"binat", "openbsd-7.8", "match on lo0 from 10.0.0.1 binat-to 10.0.0.2\n",
			"match out on lo0 inet from 10.0.0.1 to any nat-to 10.0.0.2 static-port\nmatch in on lo0 inet from any to 10.0.0.2 rdr-to 10.0.0.1\n"},
		{"rdr port range", "openbsd-7.8", "match in proto tcp to 10.0.0.1 port 80:90 rdr-to 10.0.0.2 port 8000:*\n",
			"match in inet proto tcp from any to 10.0.0.1 port 80:90 rdr-to 10.0.0.2 port 8000:8010\n"},
		{"antispoof", "openbsd-7.8", "antispoof for lo0 inet\n", "block drop in on ! lo0 inet from 127.0.0.0/8 to any\n"},
		{"5.1 bare prio and queue", "openbsd-5.1", "pass prio 3 queue (a, b)\n", "pass all flags S/SA prio 3 queue(a, b)\n"},
		{"5.1 route-to interface", "openbsd-5.1", "pass out route-to (em0 10.0.0.1)\n",
			"pass out inet all flags S/SA route-to 10.0.0.1@em0\n"},
		{"FreeBSD keep state and port names", "freebsd-12.1", "pass in proto tcp to port 22\n",
			"pass in proto tcp from any to any port = ssh flags S/SA keep state\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := printOf(t, tt.target, tt.in); got != tt.want {
				t.Errorf("print %q on %s:\ngot:\n%swant:\n%s", tt.in, tt.target, got, tt.want)
			}
		})
	}
}

func TestPrintStatements(t *testing.T) {
	tests := []struct {
		name, target, in, want string
	}{
		{"macros", "openbsd-7.8", "a = \"x y\"\nb = $a z\n", "a = \"x y\"\nb = \"x y z\"\n"},
		{"table flags and lists", "openbsd-7.8", "table <t> { 10/8 !1.2.3.4 } file \"/x\" persist const\n",
			"table <t> const persist { 10.0.0.0/8 !1.2.3.4 } file \"/x\"\n"},
		{"set options", "openbsd-7.8", "set timeout { tcp.first 5, interval 3 }\nset limit states 10\nset hostid 2\nset reassemble yes\nset skip on { lo0 em0 }\n",
			"set timeout tcp.first 5\nset timeout interval 3\nset limit states 10\nset hostid 0x00000002\nset reassemble yes \nset skip on { lo0 em0 }\n"},
		{"inline anchors", "openbsd-7.8", "anchor \"a\" in {\n pass\n anchor {\n  block\n }\n}\n",
			"anchor \"a\" in all {\n  pass all flags S/SA\n  anchor all {\n    block drop all\n  }\n}\n"},
		{"new queues", "openbsd-7.8", "queue r on em0 bandwidth 10M max 10M\nqueue d parent r bandwidth 1500K burst 2M for 100ms default qlimit 10\n",
			"queue r on em0 bandwidth 10M, max 10M\nqueue d parent r bandwidth 1500K burst 2M for 100ms default qlimit 10\n"},
		{"altq hfsc", "openbsd-5.1", "altq on em0 hfsc bandwidth 10Mb queue { a b }\nqueue a bandwidth 40% hfsc(default realtime 1Mb)\nqueue b bandwidth 60% hfsc(upperlimit(80% 50 70%))\n",
			"altq on em0 hfsc bandwidth 10Mb tbrsize 6000 queue { a b }\nqueue a bandwidth 40% hfsc( default realtime 1Mb ) \nqueue b bandwidth 60% hfsc( upperlimit(80% 50 70%) ) \n"},
		{"altq priq", "openbsd-5.1", "altq on em0 priq bandwidth 100Mb queue { lo hi }\nqueue lo priority 1 priq(default)\nqueue hi priority 7\n",
			"altq on em0 priq bandwidth 100Mb tbrsize 12000 queue { lo hi }\nqueue lo priq( default ) \nqueue hi priority 7 \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := printOf(t, tt.target, tt.in); got != tt.want {
				t.Errorf("print %q on %s:\ngot:\n%swant:\n%s", tt.in, tt.target, got, tt.want)
			}
		})
	}
}

func TestRate2str(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{500, "500 b"}, {150000, "150Kb"}, {1500000, "1.50Mb"}, {33600, "33.60Kb"},
		{13400, "13.40Kb"}, {10000000, "10Mb"}, {2e9, "2Gb"},
	}
	for _, tt := range tests {
		if got := rate2str(tt.in); got != tt.want {
			t.Errorf("rate2str(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAddresses(t *testing.T) {
	tests := []struct {
		in   string
		mask int
		af   int
		want string
	}{
		{"10", 8, afInet, "10.0.0.0/8"},
		{"10.1", 8, afInet, "10.0.0.0/8"},
		{"192.168.37.29", 25, afInet, "192.168.37.0/25"},
		{"255.255.255.255", 32, afInet, "255.255.255.255"},
		{"fec0::1", 64, afInet6, "fec0::/64"},
		{"fe80::1%lo0", -1, afInet6, "fe80::1"},
		{"0x0a.1.2.3", -1, afInet, "10.1.2.3"},
	}
	for _, tt := range tests {
		a, af, _, ok := parseIP(tt.in)
		if !ok || af != tt.af {
			t.Errorf("parseIP(%q) = af %d ok %v", tt.in, af, ok)
			continue
		}
		h := host{af: af}
		h.addr.addr = a
		h.setMask(tt.mask)
		if got := formatAddr(h.addr, af, false); got != tt.want {
			t.Errorf("%s/%d prints %q, want %q", tt.in, tt.mask, got, tt.want)
		}
	}
	if _, _, _, ok := parseIP("lo0"); ok {
		t.Errorf("parseIP(lo0) succeeded")
	}
}

func TestPorts(t *testing.T) {
	tests := []struct {
		item grammar.PortItem
		want portSpec
	}{
		{grammar.PortItem{From: "ssh"}, portSpec{opEQ, 22, 22}},
		{grammar.PortItem{Op: "!=", From: "0x10"}, portSpec{opNE, 16, 16}},
		{grammar.PortItem{From: "1000:2000"}, portSpec{opRRG, 1000, 2000}},
		{grammar.PortItem{From: "8000:*"}, portSpec{opRRG, 8000, 0}},
		{grammar.PortItem{From: "ftp", Rng: "><", To: strPtr("2048")}, portSpec{opIRG, 21, 2048}},
	}
	for _, tt := range tests {
		got, ok := portItem(&tt.item)
		if !ok || got != tt.want {
			t.Errorf("portItem(%+v) = %+v %v, want %+v", tt.item, got, ok, tt.want)
		}
	}
}

func strPtr(s string) *grammar.Str { v := grammar.Str(s); return &v }

func TestHashKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0x0123456789ABCDEF0123456789abcdef", "0x0123456789abcdef0123456789abcdef"},
		{"foobarlicious", "0x4da8e393fd22f577426cfdf7fe52d3b0"},
	}
	for _, tt := range tests {
		k := hashKey(tt.in)
		p := &printer{}
		got := p.poolString(&pool{typ: poolSrcHash, key: k, addr: addrWrap{typ: addrMask}}, afInet, "")
		if want := "any source-hash " + tt.want; got != want {
			t.Errorf("hashKey(%q) prints %q, want %q", tt.in, got, want)
		}
	}
}

func TestLabels(t *testing.T) {
	h := host{af: afInet}
	h.addr.addr, _, _, _ = parseIP("127.0.0.1")
	h.setMask(8)
	tests := []struct {
		in   string
		port portSpec
		want string
	}{
		{"$if-$srcaddr", portSpec{}, "lo0-127.0.0.0/8"},
		{"$srcport", portSpec{opRRG, 28, 29}, ""},
		{"x$dstportx", portSpec{opNE, 29, 29}, "x!=29x"},
		{"$proto", portSpec{}, "tcp"},
	}
	for _, tt := range tests {
		got := expandLabel(tt.in, "lo0", afInet, h, tt.port, anyHost(), tt.port, 6)
		if got != tt.want {
			t.Errorf("expandLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
