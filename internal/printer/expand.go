package printer

import (
	"crypto/md5"
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
)

// ifNode is one interface of an `on` list.
type ifNode struct {
	name    string
	not     bool
	rdomain int
	useRD   bool
}

type icmpNode struct {
	typ, code uint8 // +1 encoded, 0 for none
	proto     uint8
}

// redirspec is a nat-to, rdr-to, binat-to or route-to target.
type redirspec struct {
	hosts               []host
	port                portSpec
	hasPort             bool
	poolType            int
	sticky              bool
	static              bool
	key                 [4]uint32
	hasKey              bool
	binat               bool
	af                  int // af-to target family
	routing             bool
	oldRoute            bool
	endpointIndependent bool
	ipv6NextHop         bool // prefer-ipv6-nexthop (FreeBSD)
	mapE                [3]int
}

// ruleLists are the lists a rule expands over.
type ruleLists struct {
	ifs      []ifNode
	protos   []uint8
	icmps    []icmpNode
	src, dst []host
	sports   []portSpec
	dports   []portSpec
	oses     []string
	uids     []idSpec
	gids     []idSpec
	nat, rdr *redirspec
	route    *redirspec
	divert   []host
}

func ifNodes(on *grammar.Interface) []ifNode {
	if on == nil {
		return nil
	}
	var out []ifNode
	for _, it := range on.Items {
		n := ifNode{not: it.Not}
		switch {
		case it.Any:
			n.name = "any"
		case it.Rdomain != nil:
			n.rdomain, n.useRD = *it.Rdomain, true
		case it.Name != nil:
			n.name = it.Name.Text()
		case it.Paren != nil:
			n.name = it.Paren.Text()
		}
		out = append(out, n)
	}
	return out
}

func (p *printer) protoList(ps *grammar.ProtoSpec) []uint8 {
	if ps == nil {
		return nil
	}
	var out []uint8
	for _, it := range ps.Items {
		s := it.Text()
		if n, err := strconv.ParseUint(s, 10, 8); err == nil {
			out = append(out, uint8(n))
			continue
		}
		n, ok := protoByName(s)
		if !ok {
			p.errorf(ProtocolUnknown, "unknown protocol %s", s)
			continue
		}
		out = append(out, n)
	}
	return out
}

func (p *printer) icmpList(spec *grammar.IcmpSpec, v6 bool) []icmpNode {
	af, proto := afInet, uint8(1)
	if v6 {
		af, proto = afInet6, 58
	}
	if msg := model.IcmpMessage(spec, v6); msg != "" {
		p.errorf(model.ICMPValueInvalid, "%s", msg)
		return nil
	}
	var out []icmpNode
	for _, it := range spec.Items {
		var t uint8
		s := it.Type.Text()
		if n, err := strconv.ParseUint(s, 10, 8); err == nil {
			t = uint8(n)
		} else if n, ok := icmpTypeByName(s, af); ok {
			t = n
		} else {
			p.errorf(ICMPTypeUnknown, "unknown icmp-type %s", s)
			continue
		}
		node := icmpNode{typ: t + 1, proto: proto}
		if it.Code != nil {
			c := it.Code.Text()
			if n, err := strconv.ParseUint(c, 10, 8); err == nil {
				node.code = uint8(n) + 1
			} else if n, ok := icmpCodeByName(t, c, af, p.notnbrUnr()); ok {
				node.code = n + 1
			} else {
				p.errorf(ICMPCodeUnknown, "unknown icmp-code %s", c)
				continue
			}
		}
		out = append(out, node)
	}
	return out
}

// tosValue reads a tos: a number or one of pfctl's names.
func tosValue(s string) (uint8, bool) {
	names := map[string]uint8{
		"lowdelay": 0x10, "throughput": 0x08, "reliability": 0x04,
		"critical": 0xa0, "inetcontrol": 0xc0, "netcontrol": 0xe0,
		"ef": 0xb8, "va": 0xb0,
		"af11": 0x28, "af12": 0x30, "af13": 0x38, "af21": 0x48, "af22": 0x50,
		"af23": 0x58, "af31": 0x68, "af32": 0x70, "af33": 0x78, "af41": 0x88,
		"af42": 0x90, "af43": 0x98,
		"cs0": 0x00, "cs1": 0x20, "cs2": 0x40, "cs3": 0x60, "cs4": 0x80,
		"cs5": 0xa0, "cs6": 0xc0, "cs7": 0xe0,
	}
	if v, ok := names[s]; ok {
		return v, true
	}
	n, err := strconv.ParseUint(s, 0, 8)
	return uint8(n), err == nil
}

// stateOpt is one state option, kept for `set state-defaults`.
type stateOpt struct {
	name string
	args []string
}

// flatArgs flattens option operands into words.
func flatArgs(args []*grammar.OptionArg) []string {
	var out []string
	for _, a := range args {
		switch {
		case a.Value != nil:
			out = append(out, a.Value.Text())
		case a.Table != nil:
			out = append(out, "<"+a.Table.Text()+">")
		case a.List != nil:
			out = append(out, flatArgs(a.List)...)
		case a.Paren != nil:
			out = append(out, flatArgs(a.Paren)...)
		}
	}
	return out
}

// stateOpts splits state option words into options.
func stateOpts(words []string) []stateOpt {
	var out []stateOpt
	for i := 0; i < len(words); i++ {
		w := words[i]
		o := stateOpt{name: w}
		take := func(n int) {
			for j := 0; j < n && i+1 < len(words); j++ {
				i++
				o.args = append(o.args, words[i])
			}
		}
		switch {
		case w == "max", w == "max-src-nodes", w == "max-src-states", w == "max-src-conn":
			take(1)
		case w == "max-src-conn-rate":
			take(1)
			if i+1 < len(words) && words[i+1] == "/" {
				take(2)
			}
		case w == "source-track":
			if i+1 < len(words) && (words[i+1] == "rule" || words[i+1] == "global") {
				take(1)
			}
		case w == "overload":
			take(1)
			if i+1 < len(words) && words[i+1] == "flush" {
				take(1)
				if i+1 < len(words) && words[i+1] == "global" {
					take(1)
				}
			}
		case timeoutIndex(w) >= 0:
			take(1)
		}
		out = append(out, o)
	}
	return out
}

func atou32(s string) uint32 {
	n, _ := strconv.ParseUint(s, 10, 32)
	return uint32(n)
}

// applyStateOpts sets a rule's state options, as pfctl's rule action does.
func (p *printer) applyStateOpts(r *rule, opts []stateOpt) (srctrack string, adaptive bool) {
	for _, o := range opts {
		switch o.name {
		case "max":
			r.maxStates = atou32(first(o.args))
		case "no-sync":
			r.noSync = true
		case "source-track":
			srctrack = "global"
			if len(o.args) > 0 {
				srctrack = o.args[0]
			}
			r.srcTrack = true
		case "max-src-states":
			r.maxSrcStates = atou32(first(o.args))
			r.srcTrack = true
		case "max-src-conn":
			r.maxSrcConn = atou32(first(o.args))
			r.srcTrack, r.ruleSrcTrack = true, true
		case "max-src-conn-rate":
			if len(o.args) == 3 {
				r.maxSrcConnRate = [2]uint32{atou32(o.args[0]), atou32(o.args[2])}
			} else if len(o.args) == 1 {
				a, b, _ := strings.Cut(o.args[0], "/")
				r.maxSrcConnRate = [2]uint32{atou32(a), atou32(b)}
			}
			r.srcTrack, r.ruleSrcTrack = true, true
		case "max-src-nodes":
			r.maxSrcNodes = atou32(first(o.args))
			r.srcTrack, r.ruleSrcTrack = true, true
		case "overload":
			if len(o.args) > 0 {
				r.overload = strings.Trim(o.args[0], "<> ")
			}
			r.flush = len(o.args) > 1
			r.flushGlobal = len(o.args) > 2
		case "if-bound":
			r.ifBound = true
		case "floating":
			r.floating = true
		case "sloppy":
			r.sloppy = true
		case "pflow":
			r.pflow = true
		default:
			if i := timeoutIndex(o.name); i >= 0 {
				if i == tmAdaptiveStart || i == tmAdaptiveEnd {
					adaptive = true
				}
				r.timeouts[i] = atou32(first(o.args))
			}
		}
	}
	return srctrack, adaptive
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// redirOf reads nat-to, rdr-to or binat-to.
func (p *printer) redirOf(rd *grammar.Redirect) *redirspec {
	rs := &redirspec{hosts: p.redirHosts(rd.Hosts)}
	if rd.Port != nil && len(rd.Port.Items) > 0 {
		if ps, ok := portItem(rd.Port.Items[0]); ok {
			if ps.op == opEQ {
				ps.op = opNone
				ps.b = 0
			}
			rs.port, rs.hasPort = ps, true
		}
	}
	p.poolOpts(rs, rd.Pool)
	return rs
}

func (p *printer) poolOpts(rs *redirspec, opts []*grammar.PoolOpt) {
	for _, o := range opts {
		switch {
		case o.Hash:
			rs.poolType = poolSrcHash
			if o.Key != nil {
				rs.key, rs.hasKey = hashKey(o.Key.Text()), true
			}
		case o.Kind == "bitmask":
			rs.poolType = poolBitmask
		case o.Kind == "random":
			rs.poolType = poolRandom
		case o.Kind == "round-robin":
			rs.poolType = poolRoundRobin
		case o.Kind == "least-states":
			rs.poolType = poolLeastStates
		case o.Kind == "static-port":
			rs.static = true
		case o.Kind == "sticky-address":
			rs.sticky = true
		case o.Kind == "endpoint-independent":
			rs.endpointIndependent = true
		case o.Kind == "prefer-ipv6-nexthop":
			rs.ipv6NextHop = true
		case len(o.MapE) == 3:
			for i, v := range o.MapE {
				n, _ := strconv.ParseUint(v.Text(), 0, 16)
				rs.mapE[i] = int(n)
			}
		}
	}
}

// hashKey is a source-hash key: 0x and 32 hex digits, or any string,
// which pfctl hashes with MD5.
func hashKey(s string) [4]uint32 {
	var k [4]uint32
	if len(s) == 34 && (strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X")) {
		ok := true
		for i := 0; i < 4; i++ {
			n, err := strconv.ParseUint(s[2+8*i:10+8*i], 16, 32)
			if err != nil {
				ok = false
				break
			}
			k[i] = uint32(n)
		}
		if ok {
			return k
		}
	}
	sum := md5.Sum([]byte(s))
	for i := 0; i < 4; i++ {
		k[i] = binary.BigEndian.Uint32(sum[4*i:])
	}
	return k
}
