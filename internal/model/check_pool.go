package model

import (
	"fmt"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// Address pools: the pool type of a translation or routing spec decides
// which addresses it may hold. An explicit type that cannot walk a list
// (bitmask; on FreeBSD's older rules anything but round-robin) refuses a
// table, an interface that may have several addresses (`(em0)` without
// `:0`, or a group such as `(egress:0)`, whose name ends in no digit),
// and several addresses. Without a type pfctl picks round-robin for
// those, so nothing is refused.
//
// OpenBSD (parse.y 1.715, collapse_redirspec and apply_redirspec, for
// nat-to, rdr-to, binat-to, af-to, route-to, reply-to, dup-to; FreeBSD
// 15's filter options the same, tests/sys/netpfil/pf/nat64.sh "table"):
//   "pool type is not valid for multiple translation or routing addresses"
//   "multiple tables or dynamic interfaces not supported for translation or routing"
//   "tables are not supported by pool type"
//   "interface (%s) is not supported by pool type"
// FreeBSD 15 says the last two for its nat/rdr rules too (tests/files/
// pf1046, pf1047) but has not OpenBSD's checks of address lists: its
// route_to.sh table_loop loads `route-to { (if <t1>) (if <t2>) }`. FreeBSD's nat/rdr rules and route options before 15
// (sbin/pfctl/parse.y 01c44736, natrule and pfrule):
//   "tables are only supported in round-robin redirection pools" (routing pools)
//   "interface (%s) is only supported in round-robin redirection pools" (routing pools)
//   "only round-robin valid for multiple redirection addresses"
//   "r.rpool.opts must be PF_POOL_ROUNDROBIN" (routing, several addresses)

// poolType is the type a pool option list names, "" for none.
func poolType(opts []*grammar.PoolOpt) string {
	for _, o := range opts {
		switch {
		case o.Hash:
			return "source-hash"
		case o.Kind == "bitmask", o.Kind == "random", o.Kind == "round-robin", o.Kind == "least-states":
			return o.Kind
		}
	}
	return ""
}

// dynType is PF_POOL_DYNTYPE: the types that walk a table.
func dynType(t string) bool {
	return t == "round-robin" || t == "least-states" || t == "random" || t == "source-hash"
}

// multiAddr is DYNIF_MULTIADDR for one pool address: a dynamic interface
// address without `:0`, or one whose interface name ends in no digit.
func multiAddr(h *grammar.RedirHost) (string, bool) {
	if h.Dynamic == nil || len(h.Dynamic.Hosts) > 0 {
		return "", false
	}
	name := h.Dynamic.Iface.Text()
	base, noalias := name, false
	for {
		i := lastColon(base)
		if i < 0 {
			break
		}
		if base[i+1:] == "0" {
			noalias = true
		}
		base = base[:i]
	}
	last := byte(0)
	if base != "" {
		last = base[len(base)-1]
	}
	return base, !noalias || last < '0' || last > '9'
}

func lastColon(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' {
			return i
		}
	}
	return -1
}

// poolSpec is one translation or routing spec of a rule.
type poolSpec struct {
	hosts   []*grammar.RedirHost
	pool    []*grammar.PoolOpt
	routing bool
}

// poolMessage is the first pool-type error of one spec in the words of
// the target.
func poolMessage(t target.Target, p poolSpec, legacy bool) string {
	if len(p.hosts) == 0 {
		return ""
	}
	typ := poolType(p.pool)
	if legacy {
		if typ == "" || typ == "round-robin" {
			return ""
		}
		pools := "redirection pools"
		if p.routing {
			pools = "routing pools"
		}
		for _, h := range p.hosts {
			if h.Table != nil {
				return "tables are only supported in round-robin " + pools
			}
			if name, multi := multiAddr(h); multi {
				return fmt.Sprintf("interface (%s) is only supported in round-robin %s", name, pools)
			}
		}
		if len(p.hosts) > 1 {
			if p.routing {
				return "r.rpool.opts must be PF_POOL_ROUNDROBIN"
			}
			return "only round-robin valid for multiple redirection addresses"
		}
		return ""
	}
	if len(p.hosts) > 1 && t.OS == target.OpenBSD {
		if typ != "" && !dynType(typ) {
			return "pool type is not valid for multiple translation or routing addresses"
		}
		special := func(h *grammar.RedirHost) bool {
			return h.Table != nil || h.Dynamic != nil && len(h.Dynamic.Hosts) == 0
		}
		// only the first address is compared with the second: the list
		// becomes a table after them
		if special(p.hosts[0]) && special(p.hosts[1]) {
			return "multiple tables or dynamic interfaces not supported for translation or routing"
		}
		return ""
	}
	if typ == "" || dynType(typ) {
		return ""
	}
	for _, h := range p.hosts {
		if h.Table != nil {
			return "tables are not supported by pool type"
		}
		if name, multi := multiAddr(h); multi {
			return fmt.Sprintf("interface (%s) is not supported by pool type", name)
		}
	}
	return ""
}

// poolChecks reports the pool-type errors of a filter rule's nat-to,
// rdr-to, binat-to, af-to and routing options, once each. It returns
// whether it reported anything.
func (b *builder) poolChecks(s *grammar.Statement, h *grammar.RuleHead, opts []grammar.FilterOpt) bool {
	// OpenBSD's words are those of parse.y 1.715; older releases are
	// left out rather than given words they may not use.
	openbsd := b.t.OS == target.OpenBSD && currentRuleChecks(b.t)
	freebsd15 := freebsdAtLeast(b.t, 15)
	if !openbsd && b.t.OS != target.FreeBSD {
		return false
	}
	var specs []poolSpec
	redir := func(r *grammar.Redirect) {
		if r != nil && r.Hosts != nil {
			specs = append(specs, poolSpec{hosts: r.Hosts.Hosts, pool: r.Pool})
		}
	}
	for _, o := range opts {
		redir(translation(o))
		if o, ok := o.(*grammar.OptAfTo); ok {
			redir(o.AfTo.From)
			redir(o.AfTo.To)
		}
	}
	if r := routeOpt(h, opts); r != nil && r.Hosts != nil && routeKind(r) != "fastroute" {
		specs = append(specs, poolSpec{hosts: r.Hosts.Hosts, pool: r.Pool, routing: true})
	}
	for _, p := range specs {
		legacy := b.t.OS == target.FreeBSD && p.routing && !freebsd15
		if b.t.OS == target.FreeBSD && !p.routing && !freebsd15 {
			continue // no filter translation options before FreeBSD 15
		}
		if msg := poolMessage(b.t, p, legacy); msg != "" {
			b.parseErr(PoolTypeInvalid, b.endPos(s), "%s", msg)
			return true
		}
	}
	return false
}

// translationPoolChecks are natrule's pool checks of FreeBSD's (and old
// OpenBSD's) `nat`/`rdr … -> …` rules.
func (b *builder) translationPoolChecks(s *grammar.Statement) {
	nr := s.Translation
	if b.t.OS != target.FreeBSD || nr.To == nil || nr.To.Hosts == nil || nr.Kind == "binat" {
		return
	}
	p := poolSpec{hosts: nr.To.Hosts.Hosts, pool: nr.To.Pool}
	if msg := poolMessage(b.t, p, !freebsdAtLeast(b.t, 15)); msg != "" {
		b.parseErr(PoolTypeInvalid, b.endPos(s), "%s", msg)
	}
}
