package model

import "github.com/pfshape/pfshape/grammar"

// checkTable mirrors pfctl's table_opt action for `{ … }`: a table holds
// addresses and networks only. It names the first entry that is not
// ("tables cannot contain tables", "dynamic addresses are not permitted
// inside tables", "\"no-route\" is not permitted inside tables",
// "\"urpf-failed\" is not permitted inside tables", "address ranges are
// not permitted inside tables"). The entries' own parse errors come
// first. Files named by `file "…"` are the machine's and are not read.
func (b *builder) checkTable(s *grammar.Statement) {
	for _, o := range s.Table.Options {
		for _, e := range o.Entries {
			if !b.hostEntryParse(s, e) {
				return
			}
		}
	}
	for _, o := range s.Table.Options {
		var bad *grammar.Host
		for _, e := range o.Entries {
			eachHost(e, func(_ bool, h *grammar.Host) {
				if bad == nil && tableMisfit(h) != "" {
					bad = h
				}
			})
		}
		if bad != nil {
			b.parseErr(TableEntryInvalid, b.at(s, bad.Pos), "%s", tableMisfit(bad))
			return
		}
	}
}

func tableMisfit(h *grammar.Host) string {
	switch {
	case h.Table != nil:
		return "tables cannot contain tables"
	case h.Dynamic != nil:
		return "dynamic addresses are not permitted inside tables"
	case h.NoRoute:
		return "\"no-route\" is not permitted inside tables"
	case h.UrpfFailed:
		return "\"urpf-failed\" is not permitted inside tables"
	case h.Address != nil && h.Address.RangeTo != nil:
		return "address ranges are not permitted inside tables"
	}
	return ""
}
