package printer

import "testing"

// The expected lines follow print_eth_rule: ether ACTION, in/out, quick,
// on IF, bridge-to, proto 0xNNNN, from/to MAC only when given, l3 and
// its from/to always, labels, ridentifier, queue, tag, tagged, dnpipe or
// dnqueue.
func TestPrintEther(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"bare pass", "ether pass\n", "ether pass l3 all\n"},
		{"block spec dropped", "ether block return\n", "ether block l3 all\n"},
		{"match", "ether match\n", "ether match l3 all\n"},
		{"direction and quick", "ether pass in quick\n", "ether pass in quick l3 all\n"},
		{"out on interface", "ether block out on igb0\n", "ether block out on igb0 l3 all\n"},
		{"interface list expands", "ether pass on { em0 em1 }\n",
			"ether pass on em0 l3 all\nether pass on em1 l3 all\n"},
		{"bridge-to", "ether pass in on em0 bridge-to em1\n", "ether pass in on em0 bridge-to em1 l3 all\n"},
		{"proto hex", "ether pass proto 0x86dd\n", "ether pass proto 0x86dd l3 all\n"},
		{"proto decimal prints hex", "ether pass proto 2054\n", "ether pass proto 0x0806 l3 all\n"},
		{"proto list expands", "ether pass proto { 0x0800 0x86dd }\n",
			"ether pass proto 0x0800 l3 all\nether pass proto 0x86dd l3 all\n"},
		{"from and to MAC", "ether pass from 00:01:02:03:04:05 to 0a:0b:0c:0d:0e:0f\n",
			"ether pass from 00:01:02:03:04:05 to 0a:0b:0c:0d:0e:0f l3 all\n"},
		{"MAC digits padded and lowercased", "ether pass to A:B:C:D:E:F\n",
			"ether pass to 0a:0b:0c:0d:0e:0f l3 all\n"},
		{"all is no MAC", "ether pass all\n", "ether pass l3 all\n"},
		// `!` before a MAC (xmac) and an interface (if_item_not), FreeBSD
		// parse.y main 01c44736; print_eth_rule prints "! " before each.
		{"negated source MAC", "ether block in on em0 from ! 02:e0:4c:68:0a:0a\n",
			"ether block in on em0 from ! 02:e0:4c:68:0a:0a l3 all\n"},
		{"negated MAC in a list", "ether block out on em0 to { ! 00:01:02:03:04:05, 00:01:02:03:04:06 }\n",
			"ether block out on em0 to ! 00:01:02:03:04:05 l3 all\nether block out on em0 to 00:01:02:03:04:06 l3 all\n"},
		{"negated interface", "ether block on ! em0\n", "ether block on ! em0 l3 all\n"},
		{"negated interface in a list", "ether pass on { em0 ! em1 }\n",
			"ether pass on em0 l3 all\nether pass on ! em1 l3 all\n"},
		{"MAC prefix", "ether block to 00:01:02:03:04:05/24\n", "ether block to 00:01:02:03:04:05/24 l3 all\n"},
		{"MAC prefix not on a byte", "ether block to 00:01:02:03:04:05/20\n",
			"ether block to 00:01:02:03:04:05/20 l3 all\n"},
		{"full prefix prints none", "ether block to 00:01:02:03:04:05/48\n",
			"ether block to 00:01:02:03:04:05 l3 all\n"},
		{"contiguous mask prints as prefix", "ether block to 00:01:02:03:04:05&ff:ff:00:00:00:00\n",
			"ether block to 00:01:02:03:04:05/16 l3 all\n"},
		{"other mask prints as mask", "ether block to 00:01:02:03:04:05&ff:ff:ff:00:00:ff\n",
			"ether block to 00:01:02:03:04:05&ff:ff:ff:00:00:ff l3 all\n"},
		{"zero address prints empty", "ether pass from 00:00:00:00:00:00\n", "ether pass from  l3 all\n"},
		{"MAC list expands", "ether pass from { 00:00:00:00:00:01, 00:00:00:00:00:02 }\n",
			"ether pass from 00:00:00:00:00:01 l3 all\nether pass from 00:00:00:00:00:02 l3 all\n"},
		{"l3 IPv4 sets the EtherType", "ether pass l3 from 10.0.0.0/8 to 192.168.1.1\n",
			"ether pass proto 0x0800 l3 from 10.0.0.0/8 to 192.168.1.1\n"},
		{"l3 IPv6 sets the EtherType", "ether pass l3 to 2001:db8::/32\n",
			"ether pass proto 0x86dd l3 from any to 2001:db8::/32\n"},
		{"l3 table keeps proto unset", "ether pass l3 from <t>\n", "ether pass l3 from <t> to any\n"},
		{"l3 list expands", "ether pass l3 to { 10.0.0.1 10.0.0.2 }\n",
			"ether pass proto 0x0800 l3 from any to 10.0.0.1\nether pass proto 0x0800 l3 from any to 10.0.0.2\n"},
		{"l3 all", "ether pass l3 all\n", "ether pass l3 all\n"},
		{"labels then ridentifier", "ether block ridentifier 12345678 label \"a\" label \"b c\"\n",
			"ether block l3 all label \"a\" label \"b c\" ridentifier 12345678\n"},
		{"queue tag tagged", "ether pass tagged t1 tag t2 queue q\n", "ether pass l3 all queue q tag t2 tagged t1\n"},
		{"dnpipe", "ether pass dnpipe 3\n", "ether pass l3 all dnpipe 3\n"},
		{"dnqueue", "ether pass dnqueue 4\n", "ether pass l3 all dnqueue 4\n"},
		{"named anchor", "ether anchor \"foo\" in on em0\n", "ether anchor \"foo\" in on em0 l3 all\n"},
		{"inline anchor", "ether anchor \"foo\" {\n ether pass quick\n ether block out\n}\n",
			"ether anchor \"foo\" l3 all {\n  ether pass quick l3 all\n  ether block out l3 all\n}\n"},
		{"unnamed inline anchor", "ether anchor {\n ether pass\n}\n",
			"ether anchor l3 all {\n  ether pass l3 all\n}\n"},
		{"loaded after scrub, before filter", "ether pass\nscrub in all\npass all\n",
			"scrub in all fragment reassemble\nether pass l3 all\npass all flags S/SA keep state\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := printOf(t, "freebsd-15.0", tt.in); got != tt.want {
				t.Errorf("print %q\n got: %q\nwant: %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEtherAddrString(t *testing.T) {
	mac := func(s string) etherAddr {
		a, err := macWithMask(s)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	prefix := func(s string, n int) etherAddr {
		a, err := macWithPrefix(s, n)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	neg := mac("00:01:02:03:04:05")
	neg.neg = true
	tests := []struct {
		a    etherAddr
		want string
	}{
		{mac("00:01:02:03:04:05"), "00:01:02:03:04:05"},
		{neg, "! 00:01:02:03:04:05"},
		{prefix("00:01:02:03:04:05", 0), "00:01:02:03:04:05/0"},
		{prefix("00:01:02:03:04:05", 1), "00:01:02:03:04:05/1"},
		{prefix("00:01:02:03:04:05", 47), "00:01:02:03:04:05/47"},
		{prefix("00:01:02:03:04:05", 48), "00:01:02:03:04:05"},
		// pfctl counts mask bits from each byte's low bit: 0x0f is 4 bits,
		// 0xf0 is not a prefix.
		{mac("00:01:02:03:04:05&0f:00:00:00:00:00"), "00:01:02:03:04:05/4"},
		{mac("00:01:02:03:04:05&f0:00:00:00:00:00"), "00:01:02:03:04:05&f0:00:00:00:00:00"},
		{mac("00:00:00:00:00:00"), ""},
	}
	for _, tt := range tests {
		if got := etherAddrString(tt.a); got != tt.want {
			t.Errorf("etherAddrString(%v) = %q, want %q", tt.a, got, tt.want)
		}
	}
	for _, bad := range []string{"00:01:02:03:04", "000:01:02:03:04:05", "zz:01:02:03:04:05", "00:01:02:03:04:05&ff"} {
		if _, err := macWithMask(bad); err == nil {
			t.Errorf("macWithMask(%q) accepted", bad)
		}
	}
	if _, err := macWithPrefix("00:01:02:03:04:05", 49); err == nil {
		t.Error("macWithPrefix accepted /49")
	}
}
