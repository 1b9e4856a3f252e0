package shapediff

import (
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

func build(t *testing.T, name, src, tg string) *model.Model {
	t.Helper()
	f, err := grammar.Parse(name, []byte(src), grammar.Options{Target: target.MustParse(tg)})
	if err != nil {
		t.Fatal(err)
	}
	m, errs := model.Build(f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return m
}

func TestDiff(t *testing.T) {
	old := `altq on em0 cbq bandwidth 10Mb queue { std, ssh, web }
queue std bandwidth 50% cbq(default)
queue ssh bandwidth 20% priority 6
queue web bandwidth 30% priority 4 cbq(borrow)
pass out on em0 proto tcp to port 22 queue (ssh, std)
pass out on em0 proto tcp to port 80 queue web
pass out on em0 proto tcp to port 25 queue std
`
	cur := `altq on em0 cbq bandwidth 20Mb queue { std, ssh, bulk }
queue std bandwidth 50% cbq(default)
queue ssh bandwidth 20% priority 7
queue bulk bandwidth 30% priority 1
pass out on em0 proto tcp to port 22 queue (ssh, std)
pass out on em0 proto tcp to port 80 queue std
pass out on em0 proto tcp to port 873 queue bulk
`
	changes := Diff(build(t, "old.conf", old, "openbsd-5.4"), build(t, "new.conf", cur, "openbsd-5.4"))
	var got []string
	for _, c := range changes {
		got = append(got, c.String())
	}
	want := []string{
		"new.conf:1:1: altq on em0: bandwidth 10 Mbit/s → 20 Mbit/s",
		"new.conf:4:1: queue bulk on em0 added: bandwidth 6 Mbit/s (30%), priority 1, qlimit 50",
		"new.conf:3:1: queue ssh on em0: bandwidth 2 Mbit/s (20%) → 4 Mbit/s (20%)",
		"new.conf:3:1: queue ssh on em0: priority 6 → 7",
		"new.conf:2:1: queue std on em0: bandwidth 5 Mbit/s (50%) → 10 Mbit/s (50%)",
		"old.conf:4:1: queue web on em0 removed (was bandwidth 3 Mbit/s (30%), priority 4, qlimit 50, flags borrow)",
		`new.conf:6:1: rule "pass out on em0 proto tcp to port 80": class queue web → queue std`,
		`new.conf:7:1: rule "pass out on em0 proto tcp to port 873" added: queue bulk`,
		`old.conf:7:1: rule "pass out on em0 proto tcp to port 25" removed (was queue std)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(Diff(build(t, "a", old, "openbsd-5.4"), build(t, "b", old, "openbsd-5.4"))) != 0 {
		t.Error("a ruleset compared with itself has changes")
	}
}

func TestDiffNewQueues(t *testing.T) {
	old := "queue root on em0 bandwidth 100M\nqueue std parent root bandwidth 60M default\nqueue voip parent root bandwidth 40M min 10M\n"
	cur := "queue root on em0 bandwidth 100M\nqueue std parent root bandwidth 50M default\nqueue voip parent root bandwidth 50M min 20M burst 30M for 100ms\n"
	changes := Diff(build(t, "old.conf", old, "openbsd"), build(t, "new.conf", cur, "openbsd"))
	var got []string
	for _, c := range changes {
		got = append(got, c.Field+": "+c.Old+" → "+c.New)
	}
	want := "bandwidth: 60 Mbit/s → 50 Mbit/s\nbandwidth: 40 Mbit/s → 50 Mbit/s\nmin: 10 Mbit/s → 20 Mbit/s (burst 30 Mbit/s for 100ms)"
	if strings.Join(got, "\n") != want {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
