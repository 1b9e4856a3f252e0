package translate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pfshape/pfshape/internal/model"
)

// pf's default priority: traffic that no rule gives a priority gets it.
const defaultPrio = 3

// maxPrio is the highest `set prio` value.
const maxPrio = 7

// Mapping is the priority each queue of one interface becomes.
type Mapping struct {
	Interface string
	Scheduler model.Scheduler
	Default   string
	Entries   []MapEntry // in order of rank, highest first
}

// MapEntry is one queue's translation.
type MapEntry struct {
	Queue string
	// From is what the queue was ranked by, as a user reads it: the ALTQ
	// priority, or the HFSC rates.
	From string
	Prio int
}

// Prio returns the priority of a queue on this interface.
func (m *Mapping) Prio(queue string) (int, bool) {
	for _, e := range m.Entries {
		if e.Queue == queue {
			return e.Prio, true
		}
	}
	return 0, false
}

// String is the mapping as printed on stderr: `em0: q_ack 14 → 7, …`.
func (m *Mapping) String() string {
	parts := make([]string, len(m.Entries))
	inEntries := false
	for i, e := range m.Entries {
		def := ""
		if e.Queue == m.Default {
			def = " (default)"
			inEntries = true
		}
		parts[i] = fmt.Sprintf("%s %s → %d%s", e.Queue, e.From, e.Prio, def)
	}
	if !inEntries && m.Default != "" {
		parts = append(parts, fmt.Sprintf("unassigned traffic (%s, default) → %d", m.Default, defaultPrio))
	}
	return fmt.Sprintf("%s (%s): %s", m.Interface, m.Scheduler, strings.Join(parts, ", "))
}

// mapInterface ranks the queues of one ALTQ interface and gives each a
// priority, keeping the place of unassigned traffic: the default queue,
// where ALTQ sends it, becomes pf's default prio 3; the ranks above it take
// 4–7 from the top down, the ranks below take 0–2 from the bottom up, and
// when there are more ranks than places they share places in order. Equal
// ranks get equal priorities. It fails when the interface has no default
// queue: then nothing says where unassigned traffic stands.
//
// Queues with children take no packets and are left out, unless a rule
// assigns one (pfctl does not stop that on ALTQ).
func mapInterface(iface *model.Interface, assigned map[string]bool) (*Mapping, error) {
	m := &Mapping{Interface: iface.Name, Scheduler: iface.Scheduler}
	var queues []*model.Queue
	var def *model.Queue
	for _, q := range iface.Queues {
		if q.IsRoot() || (len(q.Children) > 0 && !assigned[q.Name]) {
			continue
		}
		queues = append(queues, q)
		if q.Flags.Default && def == nil {
			def = q
		}
	}
	var defRank model.Rank
	switch {
	case def != nil:
		m.Default = def.Name
		defRank = model.RankOf(def, iface.Scheduler)
	case iface.Root != nil && (iface.Flags.Default || iface.Root.Flags.Default):
		// `altq on IF cbq(default)`: unassigned traffic stays in the root
		// class, which ranks by its own priority.
		m.Default = iface.Root.Name
		defRank = model.RankOf(iface.Root, iface.Scheduler)
	default:
		return nil, fmt.Errorf("no default queue on %s: nothing says where unassigned traffic ranks", iface.Name)
	}
	var above, below []model.Rank
	for _, q := range queues {
		r := model.RankOf(q, iface.Scheduler)
		switch c := r.Compare(defRank); {
		case c > 0 && !slices.ContainsFunc(above, func(o model.Rank) bool { return o.Compare(r) == 0 }):
			above = append(above, r)
		case c < 0 && !slices.ContainsFunc(below, func(o model.Rank) bool { return o.Compare(r) == 0 }):
			below = append(below, r)
		}
	}
	byRank := func(a, b model.Rank) int { return a.Compare(b) }
	slices.SortFunc(above, byRank)
	slices.SortFunc(below, byRank)
	for _, q := range queues {
		r := model.RankOf(q, iface.Scheduler)
		p := defaultPrio
		if i := slices.IndexFunc(above, func(o model.Rank) bool { return o.Compare(r) == 0 }); i >= 0 {
			p = place(i, len(above), defaultPrio+1, maxPrio, true)
		} else if i := slices.IndexFunc(below, func(o model.Rank) bool { return o.Compare(r) == 0 }); i >= 0 {
			p = place(i, len(below), 0, defaultPrio-1, false)
		}
		m.Entries = append(m.Entries, MapEntry{Queue: q.Name, From: describeRank(q, iface.Scheduler), Prio: p})
	}
	slices.SortStableFunc(m.Entries, func(a, b MapEntry) int { return cmp.Compare(b.Prio, a.Prio) })
	return m, nil
}

// place maps the i-th of n ranks (ascending) into [lo, hi]. When they fit,
// ranks above the default are packed against hi and ranks below against
// lo, which keeps them as far from the default as they were in ALTQ's
// order; when they do not fit, consecutive ranks share places in order.
func place(i, n, lo, hi int, top bool) int {
	slots := hi - lo + 1
	if n <= slots {
		if top {
			return hi - (n - 1 - i)
		}
		return lo + i
	}
	return lo + i*slots/n
}

func describeRank(q *model.Queue, s model.Scheduler) string {
	if s != model.HFSC {
		return fmt.Sprintf("%d", q.Priority)
	}
	r := model.RankOf(q, s)
	if r.Realtime > 0 {
		return fmt.Sprintf("(real-time %s)", bits(r.Realtime))
	}
	return fmt.Sprintf("(link-share %s)", bits(r.Linkshare))
}

// bits prints a rate in bit/s with the largest exact unit, as ALTQ
// spells it: 1500Kb, 10Mb.
func bits(v uint64) string { return exactUnit(v, "b") }

// exactUnit writes v with the largest unit (K, M, G: powers of 1000) that
// keeps it exact, then suffix: the value must read back as it was.
func exactUnit(v uint64, suffix string) string {
	switch {
	case v == 0:
		return "0"
	case v%1_000_000_000 == 0:
		return fmt.Sprintf("%dG%s", v/1_000_000_000, suffix)
	case v%1_000_000 == 0:
		return fmt.Sprintf("%dM%s", v/1_000_000, suffix)
	case v%1_000 == 0:
		return fmt.Sprintf("%dK%s", v/1_000, suffix)
	}
	return fmt.Sprintf("%d%s", v, suffix)
}
