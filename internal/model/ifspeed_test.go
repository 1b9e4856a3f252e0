package model

import (
	"strings"
	"testing"
)

func TestWithInterfaceSpeeds(t *testing.T) {
	src := `altq on em0 cbq queue { a b }
queue a bandwidth 50% cbq(default)
queue b bandwidth 2Mb
altq on em1 hfsc bandwidth 25% queue { c }
queue c bandwidth 100% hfsc(default)
altq on em2 priq bandwidth 10Mb queue { d }
queue d priq(default)
`
	m := buildSrc(t, "openbsd-5.4", src)
	for _, iface := range m.Interfaces[:2] {
		if iface.Rate.Known {
			t.Fatalf("%s: rate known without a speed: %+v", iface.Name, iface.Rate)
		}
	}
	speeds := map[string]uint64{"em0": 100_000_000, "em1": 1_000_000_000, "em2": 5}
	mm, errs := m.WithInterfaceSpeeds(speeds)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := map[string]uint64{"em0": 100_000_000, "em1": 250_000_000, "em2": 10_000_000}
	for _, iface := range mm.Interfaces {
		if !iface.Rate.Known || iface.Rate.Bits != want[iface.Name] {
			t.Errorf("%s: rate %+v, want %d", iface.Name, iface.Rate, want[iface.Name])
		}
	}
	if q := mm.Interfaces[0].Queues[1]; q.Name != "a" || q.Rate.Bits != 50_000_000 {
		t.Errorf("queue a: %+v", q.Rate)
	}
	if q := mm.Interfaces[1].Queues[1]; q.Name != "c" || q.Rate.Bits != 250_000_000 || q.Linkshare.M2.Bits != 250_000_000 {
		t.Errorf("queue c: %+v %+v", q.Rate, q.Linkshare)
	}
	// The original model is untouched.
	if m.Interfaces[0].Rate.Known {
		t.Error("WithInterfaceSpeeds changed the model it was called on")
	}
	// A speed below what the queues ask for gives pfctl's error, and
	// Check keeps the speeds when it reads the file for another target.
	slow, _ := m.WithInterfaceSpeeds(map[string]uint64{"em0": 1_000_000})
	got := ""
	for _, e := range slow.Check(slow.Target) {
		got += e.Msg + "\n"
	}
	if !strings.Contains(got, "bandwidth for b higher than interface") {
		t.Errorf("Check with a slow interface: %q", got)
	}
}
