package printer

import (
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
)

// anyHost is the empty address: `any`.
func anyHost() host { return host{} }

// hostsOf flattens an address list into hosts, as pfctl's host_list does;
// nil entry means `any`.
func (p *printer) hostsOf(e *grammar.HostEntry) []host {
	if e == nil {
		return nil
	}
	var out []host
	p.collectHosts(e, false, &out)
	return out
}

func (p *printer) collectHosts(e *grammar.HostEntry, not bool, out *[]host) {
	neg := not != e.Not
	if e.List != nil {
		for _, c := range e.List {
			p.collectHosts(c, neg, out)
		}
		return
	}
	if e.Host == nil {
		return
	}
	hs := p.hostOf(e.Host)
	for i := range hs {
		hs[i].not = neg
	}
	*out = append(*out, hs...)
}

// hostOf reads one address the way pfctl's host() and its relatives do.
func (p *printer) hostOf(h *grammar.Host) []host {
	switch {
	case h.Any:
		return []host{anyHost()}
	case h.NoRoute:
		return []host{{addr: addrWrap{typ: addrNoRoute}}}
	case h.UrpfFailed:
		return []host{{addr: addrWrap{typ: addrURPF}}}
	case h.Table != nil:
		return []host{{addr: addrWrap{typ: addrTable, name: strings.TrimSpace(h.Table.Text())}}}
	case h.Route != nil:
		return []host{{addr: addrWrap{typ: addrRTLabel, name: h.Route.Text()}}}
	case h.Dynamic != nil:
		return []host{p.dynHost(h.Dynamic)}
	case h.Address != nil:
		return p.addressHosts(h.Address.Name.Text(), h.Address.Mask, h.Address.RangeTo)
	}
	return nil
}

// dynHost is `(em0)`, `(em0:network)`, … with an optional mask.
func (p *printer) dynHost(d *grammar.Dynamic) host {
	name, flags, _ := splitIfModifiers(d.Iface.Text())
	hh := host{addr: addrWrap{typ: addrDynIf, name: name, iflags: flags}}
	mask := -1
	if d.Mask != nil {
		mask = *d.Mask
	}
	if d.Mask2 != nil {
		mask = *d.Mask2
	}
	hh.setMask(mask)
	return hh
}

// addressHosts is host(): an interface's addresses, a numeric address or
// range, or a host name; a name pfshape cannot resolve is kept as
// written.
func (p *printer) addressHosts(name string, mask *int, rangeTo *grammar.Str) []host {
	bits := -1
	if mask != nil {
		bits = *mask
	}
	if rangeTo != nil {
		a, af, _, ok1 := parseIP(name)
		b, af2, _, ok2 := parseIP(rangeTo.Text())
		if ok1 && ok2 && af == af2 {
			return []host{{af: af, addr: addrWrap{typ: addrRange, addr: a, mask: b}}}
		}
		return []host{{addr: addrWrap{typ: addrName, name: name + " - " + rangeTo.Text()}}}
	}
	// host_if: an interface or group, with :network etc.
	if ifn, flags, ok := splitIfModifiers(name); ok && (p.mach.ifExists(ifn) || ifn == "self") {
		hs := p.mach.ifaLookup(ifn, flags)
		if bits >= 0 {
			for i := range hs {
				hs[i].setMask(bits)
			}
		}
		return hs
	}
	if a, af, scope, ok := parseIP(name); ok {
		hh := host{af: af}
		hh.addr.addr = a
		if scope != "" {
			hh.ifindex = p.mach.nameToIndex(scope)
			if hh.ifindex == 0 {
				if n, err := strconv.Atoi(scope); err == nil {
					hh.ifindex = n
				}
			}
		}
		hh.setMask(bits)
		return []host{hh}
	}
	if addrs, ok := p.mach.hosts[name]; ok {
		var out []host
		for _, s := range addrs {
			a, af, _, _ := parseIP(s)
			hh := host{af: af}
			hh.addr.addr = a
			hh.setMask(bits)
			out = append(out, hh)
		}
		return out
	}
	hh := host{addr: addrWrap{typ: addrName, name: name}}
	hh.addr.mask = maskBits(bits, afInet6)
	if bits < 0 {
		hh.addr.mask = maskBits(128, afInet6)
	}
	return []host{hh}
}

// redirHosts reads the addresses of nat-to, rdr-to, binat-to and
// route-to.
func (p *printer) redirHosts(spec *grammar.RedirSpec) []host {
	if spec == nil {
		return nil
	}
	var out []host
	for _, rh := range spec.Hosts {
		var hs []host
		switch {
		case rh.Table != nil:
			hs = []host{{addr: addrWrap{typ: addrTable, name: strings.TrimSpace(rh.Table.Text())}}}
		case rh.Dynamic != nil:
			if len(rh.Dynamic.Hosts) > 0 {
				// `(if addr)`: a route-to host on an interface.
				for _, e := range rh.Dynamic.Hosts {
					for _, h := range p.hostsOf(e) {
						h.ifname = rh.Dynamic.Iface.Text()
						hs = append(hs, h)
					}
				}
			} else {
				hs = []host{p.dynHost(rh.Dynamic)}
			}
		case rh.Route != nil:
			hs = []host{{addr: addrWrap{typ: addrRTLabel, name: rh.Route.Text()}}}
		case rh.Address != nil:
			hs = p.addressHosts(rh.Address.Name.Text(), rh.Address.Mask, rh.Address.RangeTo)
		}
		if rh.Weight != nil {
			for i := range hs {
				hs[i].weight = *rh.Weight
			}
		}
		out = append(out, hs...)
	}
	return out
}

// decideAF is decide_address_family: the family every host shares.
func decideAF(hs []host, af *int) {
	if *af != 0 || len(hs) == 0 {
		return
	}
	*af = hs[0].af
	for _, h := range hs[1:] {
		if h.af != *af {
			*af = 0
			return
		}
	}
}
