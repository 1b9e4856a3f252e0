package printer

import "strings"

// ifAddr is one address of an interface on the assumed loading machine.
type ifAddr struct {
	af      int
	addr    pfAddr
	bits    int // prefix length
	ifindex int // scope of a link-local IPv6 address, else 0
	flags   int // ifFlag*
}

const (
	ifFlagBroadcast = 1 << iota
	ifFlagPointToPoint
	ifFlagLoopback
)

// iface is an interface of the assumed machine.
type iface struct {
	name  string
	index int
	addrs []ifAddr
	flags int
}

// machine is what pfctl would learn from the loading machine: its
// interfaces and their addresses (in getifaddrs order), host names, users
// and groups. pfshape cannot ask a machine, so it assumes the one
// OpenBSD's and FreeBSD's pfctl regression suites run on; see the package
// documentation.
type machine struct {
	ifaces   []*iface
	groups   map[string][]string
	hosts    map[string][]string
	users    map[string]uint32
	groupIDs map[string]uint32
}

func mustAddr(s string) (pfAddr, int) {
	a, af, _, ok := parseIP(s)
	if !ok {
		panic("printer: bad built-in address " + s)
	}
	return a, af
}

// regressMachine is the machine of the pfctl regression suites: lo0 with
// ::1, fe80::1%lo0 and 127.0.0.1 (in that order), address-less lo1000000
// and tun interfaces, and the base system's users and groups.
func regressMachine(freebsd bool) *machine {
	lo0 := &iface{name: "lo0", index: 3, flags: ifFlagLoopback}
	a6, _ := mustAddr("::1")
	ll, _ := mustAddr("fe80::1")
	a4, _ := mustAddr("127.0.0.1")
	lo0.addrs = []ifAddr{
		{af: afInet6, addr: a6, bits: 128, flags: ifFlagLoopback},
		{af: afInet6, addr: ll, bits: 64, ifindex: 3, flags: ifFlagLoopback},
		{af: afInet, addr: a4, bits: 8, flags: ifFlagLoopback},
	}
	m := &machine{
		ifaces: []*iface{lo0,
			{name: "lo1000000", index: 5, flags: ifFlagLoopback},
			{name: "lo1000001", index: 6, flags: ifFlagLoopback},
			{name: "tun1000000", index: 7, flags: ifFlagPointToPoint},
			{name: "tun1000001", index: 8, flags: ifFlagPointToPoint},
			{name: "enc0", index: 2},
		},
		groups: map[string][]string{
			"lo":  {"lo0", "lo1000000", "lo1000001"},
			"tun": {"tun1000000", "tun1000001"},
			"enc": {"enc0"},
		},
		hosts: map[string][]string{
			"localhost": {"127.0.0.1", "::1"},
		},
		users: map[string]uint32{
			"root": 0, "daemon": 1, "operator": 2, "bin": 3, "sshd": 27,
			"www": 67, "nobody": 32767, "_pflogd": 64, "proxy": 71,
		},
		groupIDs: map[string]uint32{
			"wheel": 0, "daemon": 1, "kmem": 2, "sys": 3, "tty": 4,
			"operator": 5, "bin": 7, "sshd": 27, "www": 67, "nobody": 32767,
			"nogroup": 32766, "_pflogd": 64, "proxy": 71,
		},
	}
	if freebsd {
		// FreeBSD's base system numbers these differently.
		m.groupIDs["nobody"] = 65534
		m.groupIDs["nogroup"] = 65533
		m.groupIDs["sshd"] = 22
		m.users["sshd"] = 22
		m.users["nobody"] = 65534
	}
	return m
}

func (m *machine) iface(name string) *iface {
	for _, i := range m.ifaces {
		if i.name == name {
			return i
		}
	}
	return nil
}

// ifExists is ifa_exists: an interface or an interface group.
func (m *machine) ifExists(name string) bool {
	if m.iface(name) != nil {
		return true
	}
	_, ok := m.groups[name]
	return ok
}

func (m *machine) nameToIndex(name string) int {
	if i := m.iface(name); i != nil {
		return i.index
	}
	return 0
}

func (m *machine) indexToName(idx int) string {
	if idx == 0 {
		return ""
	}
	for _, i := range m.ifaces {
		if i.index == idx {
			return i.name
		}
	}
	return ""
}

// members lists the interfaces a name stands for: itself, a group's
// members, or every interface for "self" (empty name).
func (m *machine) members(name string) []*iface {
	if name == "" || name == "self" {
		return m.ifaces
	}
	if i := m.iface(name); i != nil {
		return []*iface{i}
	}
	var out []*iface
	for _, n := range m.groups[name] {
		if i := m.iface(n); i != nil {
			out = append(out, i)
		}
	}
	return out
}

// ifaLookup is pfctl's ifa_lookup: the addresses of an interface (or
// group, or every interface for "self") with the :network, :broadcast,
// :peer and :0 modifiers applied.
func (m *machine) ifaLookup(name string, flags int) []host {
	var out []host
	for _, ifc := range m.members(name) {
		got4, got6 := false, false
		for _, a := range ifc.addrs {
			if flags&aflagBroadcast != 0 && (a.af != afInet || a.flags&ifFlagBroadcast == 0) {
				continue
			}
			if flags&aflagPeer != 0 && a.flags&ifFlagPointToPoint == 0 {
				continue
			}
			if flags&aflagNetwork != 0 && a.ifindex > 0 {
				continue
			}
			if flags&aflagNoAlias != 0 && ((a.af == afInet && got4) || (a.af == afInet6 && got6)) {
				continue
			}
			if a.af == afInet {
				got4 = true
			} else {
				got6 = true
			}
			h := host{af: a.af, ifindex: a.ifindex}
			h.addr.addr = a.addr
			if flags&aflagNetwork != 0 {
				h.setMask(a.bits)
			} else {
				h.setMask(-1)
			}
			out = append(out, h)
		}
	}
	return out
}

// splitIfModifiers reads `em0:network:0` into the name and its flags; ok
// is false when a modifier is not one pfctl knows.
func splitIfModifiers(s string) (string, int, bool) {
	parts := strings.Split(s, ":")
	flags := 0
	for _, p := range parts[1:] {
		switch p {
		case "network":
			flags |= aflagNetwork
		case "broadcast":
			flags |= aflagBroadcast
		case "peer":
			flags |= aflagPeer
		case "0":
			flags |= aflagNoAlias
		default:
			return s, 0, false
		}
	}
	return parts[0], flags, true
}
