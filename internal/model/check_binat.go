package model

import (
	"github.com/pfshape/pfshape/grammar"
)

// binatChecks are expand_rule's checks of a binat-to rule, made for each
// combination and reported once each:
//   - a table as source ("invalid use of table <%s> as the source address
//     of a binat-to rule", pfctl's disallow_table over the rest of the
//     list, so each table of the list is named by some combination);
//   - otherwise a source or redirect address that is neither an address
//     nor a dynamic interface address ("binat-to requires a specified
//     source and redirect address"); a list of redirect addresses becomes
//     a table;
//   - dynamic interface addresses without :0 ("dynamic interfaces must be
//     used with :0 in a binat-to rule");
//   - a zero source or redirect mask when the rule's family is known
//     ("source and redir addresess [sic] must have a matching network mask
//     in binat-rule"); pfctl reads the mask field of the address union,
//     which for a table holds bytes 16 and on of its name;
//   - a table as redirect address ("tables cannot be used as the redirect
//     address of a binat-to rule");
//   - a direction ("binat-to cannot be specified with a direction").
func (b *builder) binatChecks(s *grammar.Statement, h *grammar.RuleHead, opts []grammar.FilterOpt, c combos, src []*grammar.Host) bool {
	var bo *grammar.OptBinatTo
	for _, o := range opts {
		if o, ok := o.(*grammar.OptBinatTo); ok {
			bo = o
		}
	}
	if bo == nil || bo.BinatTo.Hosts == nil || len(bo.BinatTo.Hosts.Hosts) == 0 {
		return false
	}
	nat := bo.BinatTo.Hosts.Hosts
	natTable := len(nat) > 1 || nat[0].Table != nil
	reported := false
	report := func(code grammar.Code, format string, args ...any) {
		b.parseErr(code, b.endPos(s), format, args...)
		reported = true
	}

	seenTable := map[string]bool{}
	badSrc := false
	for _, x := range src {
		switch {
		case x.Table != nil:
			name := x.Table.Text()
			if !seenTable[name] {
				seenTable[name] = true
				report(BinatTableSource, "invalid use of table <%s> as the source address of a binat-to rule", name)
			}
		case x.NoRoute, x.UrpfFailed, x.Route != nil, x.Address != nil && x.Address.RangeTo != nil:
			badSrc = true
		}
	}
	if (len(seenTable) < len(src) || len(src) == 0) && (badSrc || natTable) {
		report(BinatNeedsAddresses, "binat-to requires a specified source and redirect address")
	}
	multi := false
	for _, x := range src {
		multi = multi || (x.Dynamic != nil && !noAlias(x.Dynamic))
	}
	if len(nat) == 1 && nat[0].Dynamic != nil && len(nat[0].Dynamic.Hosts) == 0 && !noAlias(nat[0].Dynamic) {
		multi = true
	}
	if multi {
		report(BinatDynamicMask, "dynamic interfaces must be used with :0 in a binat-to rule")
	}
	if c.known && c.af != afNone && binatZeroMask(src, nat) {
		report(BinatMaskMismatch, "source and redir addresess must have a matching network mask in binat-rule")
	}
	if len(nat) == 1 && nat[0].Table != nil {
		report(BinatTableRedirect, "tables cannot be used as the redirect address of a binat-to rule")
	}
	if h.Dir != "" {
		report(BinatDirection, "binat-to cannot be specified with a direction")
	}
	return reported
}

// noAlias reports whether a dynamic interface address ends in :0.
func noAlias(d *grammar.Dynamic) bool {
	name := d.Iface.Text()
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == ':' {
			if name[i+1:] == "0" {
				return true
			}
			name = name[:i]
		}
	}
	return false
}

// binatZeroMask reports whether some combination has a zero source or
// redirect mask as PF_AZERO reads it: `any` (no source), a /0 address,
// a table whose name is at most 16 bytes long.
func binatZeroMask(src []*grammar.Host, nat []*grammar.RedirHost) bool {
	if len(src) == 0 {
		return true
	}
	for _, x := range src {
		switch {
		case x.Table != nil && len(x.Table.Text()) <= 16:
			return true
		case x.Address != nil && x.Address.Mask != nil && *x.Address.Mask == 0:
			return true
		}
	}
	if len(nat) != 1 {
		return false
	}
	n := nat[0]
	switch {
	case n.Table != nil && len(n.Table.Text()) <= 16:
		return true
	case n.Address != nil && n.Address.Mask != nil && *n.Address.Mask == 0:
		return true
	}
	return false
}
