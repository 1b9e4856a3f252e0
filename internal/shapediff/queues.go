package shapediff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pfshape/pfshape/internal/model"
)

// queueFacts are the properties of a queue a reviewer compares, as text.
type queueFacts struct {
	subject string
	fields  [][2]string // name, value, in a fixed order
	m       *model.Queue
	n       *model.NewQueue
}

func bitsText(r model.Rate) string {
	if !r.Known {
		return "the interface's speed"
	}
	return formatBits(r.Bits)
}

// formatBits prints bit/s with the largest exact unit and the exact count.
func formatBits(v uint64) string {
	switch {
	case v >= 1_000_000_000 && v%1_000_000_000 == 0:
		return fmt.Sprintf("%d Gbit/s", v/1_000_000_000)
	case v >= 1_000_000 && v%1_000_000 == 0:
		return fmt.Sprintf("%d Mbit/s", v/1_000_000)
	case v >= 1_000 && v%1_000 == 0:
		return fmt.Sprintf("%d Kbit/s", v/1_000)
	}
	return fmt.Sprintf("%d bit/s", v)
}

func curveText(c *model.CurveRate) string {
	if c == nil {
		return ""
	}
	if c.M1.Bits == 0 && c.D == 0 {
		return bitsText(c.M2)
	}
	return fmt.Sprintf("%s for %dms, then %s", bitsText(c.M1), c.D, bitsText(c.M2))
}

func flagsText(f model.Flags) string {
	var out []string
	for _, x := range []struct {
		on   bool
		name string
	}{{f.Default, "default"}, {f.Borrow, "borrow"}, {f.RED, "red"}, {f.ECN, "ecn"}, {f.RIO, "rio"}, {f.CoDel, "codel"}} {
		if x.on {
			out = append(out, x.name)
		}
	}
	return strings.Join(out, " ")
}

func altqFacts(q *model.Queue) queueFacts {
	f := queueFacts{subject: fmt.Sprintf("queue %s on %s", q.Name, q.Interface.Name), m: q}
	parent := ""
	if q.Parent != nil && !q.Parent.IsRoot() {
		parent = q.Parent.Name
	}
	bw := bitsText(q.Rate)
	switch {
	case q.Interface.Scheduler == model.PRIQ:
		bw = "" // PRIQ queues take no bandwidth
	case q.Def != nil && q.Def.Bandwidth != nil && q.Def.Bandwidth.IsPercent:
		bw += fmt.Sprintf(" (%d%%)", q.Def.Bandwidth.Percent)
	}
	f.fields = [][2]string{
		{"parent", parent},
		{"bandwidth", bw},
		{"priority", fmt.Sprint(q.Priority)},
		{"qlimit", fmt.Sprint(q.Qlimit)},
		{"flags", flagsText(q.Flags)},
		{"real-time", curveText(q.Realtime)},
		{"link-share", curveText(q.Linkshare)},
		{"upper-limit", curveText(q.Upperlimit)},
	}
	return f
}

func newQueueFacts(q *model.NewQueue) queueFacts {
	subject := fmt.Sprintf("queue %s on %s", q.Name, q.Interface)
	if q.Interface == "" {
		subject = fmt.Sprintf("queue %s under %s", q.Name, q.Parent)
	}
	f := queueFacts{subject: subject, n: q}
	curve := func(c *model.ServiceCurve) string {
		if c == nil {
			return ""
		}
		s := formatBits(c.M2.Bits)
		if c.M1 != nil {
			s += fmt.Sprintf(" (burst %s for %dms)", formatBits(c.M1.Bits), c.D)
		}
		return s
	}
	def := ""
	if q.Default {
		def = "default"
	}
	f.fields = [][2]string{
		{"parent", q.Parent},
		{"bandwidth", curve(q.Bandwidth)},
		{"min", curve(q.Min)},
		{"max", curve(q.Max)},
		{"qlimit", qlimitText(q.Qlimit)},
		{"flags", def},
		{"flows", fmt.Sprint(q.Flows)},
		{"quantum", fmt.Sprint(q.Quantum)},
	}
	return f
}

func (f queueFacts) summary() string {
	var parts []string
	for _, kv := range f.fields {
		if kv[1] != "" && kv[1] != "0" {
			parts = append(parts, kv[0]+" "+kv[1])
		}
	}
	return strings.Join(parts, ", ")
}

func queueIndex(m *model.Model) map[string]queueFacts {
	out := map[string]queueFacts{}
	for _, iface := range m.Interfaces {
		for _, q := range iface.Queues {
			if !q.IsRoot() {
				f := altqFacts(q)
				out[f.subject] = f
			}
		}
	}
	for _, q := range m.NewQueues {
		f := newQueueFacts(q)
		out[f.subject] = f
	}
	return out
}

func (d *differ) queues() {
	old, cur := queueIndex(d.old), queueIndex(d.new)
	d.renames(old, cur)
	for _, key := range sortedKeys(old, cur) {
		o, inOld := old[key]
		n, inNew := cur[key]
		switch {
		case !inOld:
			d.add(Change{Kind: Added, Subject: key, New: n.summary()}, n.pos())
		case !inNew:
			d.add(Change{Kind: Removed, Subject: key, Old: o.summary()}, o.pos())
		default:
			for i, kv := range n.fields {
				if ov := o.fields[i][1]; ov != kv[1] {
					d.add(Change{Kind: Changed, Subject: key, Field: kv[0], Old: ov, New: kv[1]}, n.pos())
				}
			}
		}
	}
}

func sortedKeys[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// renames pairs a removed queue with an added one on the same interface
// whose every other property is the same, reports the pair as a rename,
// and takes both out of the indexes.
func (d *differ) renames(old, cur map[string]queueFacts) {
	for _, ok := range sortedKeys(old, old) {
		o := old[ok]
		if _, still := cur[ok]; still {
			continue
		}
		for _, nk := range sortedKeys(cur, cur) {
			n := cur[nk]
			if _, before := old[nk]; before || n.iface() != o.iface() || n.summary() != o.summary() {
				continue
			}
			d.add(Change{Kind: Renamed, Subject: ok, New: n.name()}, n.pos())
			delete(old, ok)
			delete(cur, nk)
			break
		}
	}
}

func (f queueFacts) name() string {
	if f.m != nil {
		return f.m.Name
	}
	return f.n.Name
}

func (f queueFacts) iface() string {
	if f.m != nil {
		return f.m.Interface.Name
	}
	return f.n.Interface + "/" + f.n.Parent
}

// qlimitText is a new queue's qlimit; 0 means the kernel's default.
func qlimitText(n int) string {
	if n == 0 {
		return "default"
	}
	return fmt.Sprint(n)
}
