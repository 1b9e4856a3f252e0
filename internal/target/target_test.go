package target

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"openbsd", "openbsd-7.8", ""},
		{"freebsd", "freebsd-15.0", ""},
		{"OpenBSD-5.4", "openbsd-5.4", ""},
		{"freebsd-14.2", "freebsd-14.2", ""},
		{"freebsd-14", "freebsd-14.0", ""},
		{"openbsd-6.9", "openbsd-6.9", ""},
		{"openbsd-2.9", "", "releases with pf run from 3.0 to 7.8"},
		{"openbsd-9.0", "", "releases with pf run from 3.0 to 7.8"},
		{"openbsd-x", "", "not a number"},
		{"netbsd", "", "unknown target"},
	}
	for _, tc := range tests {
		got, err := Parse(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("Parse(%q) error %v, want %q", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || got.String() != tc.want):
			t.Errorf("Parse(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestFeatures(t *testing.T) {
	tests := []struct {
		target                                         string
		altq, newq, barePrio, setPrio, setQueue, scrub bool
		altqQueue                                      string
	}{
		{"openbsd-4.2", true, false, false, false, false, true, "queue"},
		{"openbsd-5.1", true, false, true, false, false, false, "queue"},
		{"openbsd-5.4", true, false, false, true, true, false, "queue"},
		{"openbsd-5.5", true, true, false, true, true, false, "oldqueue"},
		{"openbsd-5.6", false, true, false, true, true, false, ""},
		{"openbsd", false, true, false, true, true, false, ""},
		{"freebsd-12.1", true, false, false, true, false, true, "queue"},
	}
	for _, tc := range tests {
		tg := MustParse(tc.target)
		got := []bool{tg.HasALTQ(), tg.HasNewQueues(), tg.HasBarePrioAction(), tg.HasSetPrio(), tg.HasSetQueue(), tg.HasScrubRules()}
		want := []bool{tc.altq, tc.newq, tc.barePrio, tc.setPrio, tc.setQueue, tc.scrub}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: feature %d = %v, want %v", tc.target, i, got[i], want[i])
			}
		}
		if q := tg.ALTQQueueKeyword(); q != tc.altqQueue {
			t.Errorf("%s: ALTQ queue keyword %q, want %q", tc.target, q, tc.altqQueue)
		}
	}
	if !MustParse("freebsd-12.0").HFSC64() || MustParse("freebsd-11.4").HFSC64() || MustParse("openbsd").HFSC64() {
		t.Error("HFSC64: want FreeBSD 12.0+ only")
	}
}
