package printer

import (
	"fmt"
	"strings"
)

// skipNames are pf's skip-step fields in pfctl's order.
var skipNames = []string{"i", "d", "f", "p", "sa", "sp", "da", "dp"}

// skipKey is the value of one skip-step field of a rule.
func skipKey(r *rule, field int) string {
	switch field {
	case 0:
		return fmt.Sprint(r.ifname, r.ifnot)
	case 1:
		return fmt.Sprint(r.direction)
	case 2:
		return fmt.Sprint(r.af)
	case 3:
		return fmt.Sprint(r.proto)
	case 4:
		return fmt.Sprint(r.src.addr, r.src.neg)
	case 5:
		return fmt.Sprint(r.src.port)
	case 6:
		return fmt.Sprint(r.dst.addr, r.dst.neg)
	default:
		return fmt.Sprint(r.dst.port)
	}
}

// verboseDetail is what pfctl -vv prints under a rule: its skip steps
// (the next rule where each field changes) and its queues.
func (p *printer) verboseDetail(rs *ruleset, r *rule) string {
	idx := -1
	for i, x := range rs.rules {
		if x == r {
			idx = i
		}
	}
	var b strings.Builder
	b.WriteString("  [ Skip steps: ")
	for f, name := range skipNames {
		key := skipKey(r, f)
		next := -1
		for j := idx + 1; j < len(rs.rules); j++ {
			if skipKey(rs.rules[j], f) != key {
				next = j
				break
			}
		}
		if next == idx+1 {
			continue
		}
		if next == -1 {
			b.WriteString(name + "=end ")
		} else {
			fmt.Fprintf(&b, "%s=%d ", name, rs.rules[next].nr)
		}
	}
	b.WriteString("]\n")
	qids := p.qids()
	pq := r.pqname
	pqid := qids[r.qname]
	if pq != "" {
		pqid = qids[pq]
	}
	fmt.Fprintf(&b, "  [ queue: qname=%s qid=%d pqname=%s pqid=%d ]\n", r.qname, qids[r.qname], pq, pqid)
	return b.String()
}
