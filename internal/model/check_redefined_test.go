package model

import (
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/target"
)

// TestRedefinedOptions runs pfctl's checks of options a rule takes once
// (filter_opt, filter_set, antispoof_opt; check_redefined.go): accepted
// once, refused the second time on the releases that have the check, and
// left alone on those that do not have it or the option.
func TestRedefinedOptions(t *testing.T) {
	newQueues := "queue r on em0 bandwidth 1G\nqueue d parent r bandwidth 1M default\n"
	labels := func(n int) string { return strings.Repeat(" label x", n) }
	tests := []struct {
		target, src string
		want        []string
	}{
		// flags (OpenBSD 3.3 and later; 3.2 reads the options in a fixed order)
		{"openbsd-7.8", "pass proto tcp flags S/SA", nil},
		{"openbsd-7.8", "pass proto tcp flags S/SA flags any", []string{"1: flags cannot be redefined"}},
		{"openbsd-3.3", "pass proto tcp flags S/SA flags S/SA", []string{"1: flags cannot be redefined"}},
		{"openbsd-3.2", "pass proto tcp flags S/SA flags S/SA", nil},
		{"freebsd-12.1", "pass proto tcp flags S/SA flags S/SA", []string{"1: flags cannot be redefined"}},
		{"freebsd-15.0", "pass proto tcp flags S/SA flags S/SA", []string{"1: flags cannot be redefined"}},
		// icmp-type and icmp6-type share one marker
		{"openbsd-7.8", "pass inet proto icmp icmp-type echoreq", nil},
		{"openbsd-7.8", "pass inet proto icmp icmp-type echoreq icmp-type echorep", []string{"1: icmp-type cannot be redefined"}},
		{"openbsd-7.8", "pass proto { icmp icmp6 } icmp-type echoreq icmp6-type echoreq", []string{"1: icmp-type cannot be redefined"}},
		{"freebsd-14.2", "pass inet proto icmp icmp-type echoreq icmp-type echorep", []string{"1: icmp-type cannot be redefined"}},
		// an icmp value error of the second comes first (icmp_item)
		{"openbsd-7.8", "pass inet proto icmp icmp-type 1 icmp-type 300", []string{"1: illegal icmp-type 300"}},
		// tos as a match criterion
		{"openbsd-7.8", "pass tos lowdelay", nil},
		{"openbsd-7.8", "pass tos lowdelay tos 0x10", []string{"1: tos cannot be redefined"}},
		{"openbsd-3.3", "pass tos lowdelay tos 0x10", []string{"1: tos cannot be redefined"}},
		{"freebsd-12.1", "pass tos lowdelay tos 0x10", []string{"1: tos cannot be redefined"}},
		// keep, modulate, synproxy and no state share one marker
		{"openbsd-7.8", "pass keep state (max 10)", nil},
		{"openbsd-7.8", "pass keep state (max 10) modulate state", []string{"1: modulate or keep cannot be redefined"}},
		{"openbsd-7.8", "pass no state keep state", []string{"1: modulate or keep cannot be redefined"}},
		{"openbsd-4.2", "pass keep state keep state", []string{"1: modulate or keep cannot be redefined"}},
		{"freebsd-14.2", "pass proto tcp synproxy state keep state", []string{"1: modulate or keep cannot be redefined"}},
		// label: one, or up to five on FreeBSD 13 and later
		{"openbsd-7.8", "pass label a", nil},
		{"openbsd-7.8", "pass label a label b", []string{"1: label cannot be redefined"}},
		{"openbsd-3.3", "pass label a label b", []string{"1: label cannot be redefined"}},
		{"freebsd-12.1", "pass label a label b", []string{"1: label cannot be redefined"}},
		{"freebsd-13.0", "pass label a label b", nil},
		{"freebsd-14.2", "pass" + labels(5), nil},
		{"freebsd-14.2", "pass" + labels(6), []string{"1: label can only be used 5 times"}},
		{"openbsd-7.8", "anchor a label x label y", []string{"1: label cannot be redefined"}},
		{"freebsd-14.2", "anchor a" + labels(6), []string{"1: label can only be used 5 times"}},
		// nat-anchor takes no filter options (pfctl: a syntax error the
		// grammar lets through); one given twice is still refused
		{"freebsd-12.1", "nat-anchor a queue q queue r", []string{"1: queue cannot be redefined"}},
		// antispoof's options (OpenBSD 3.4 and later, FreeBSD)
		{"openbsd-7.8", "antispoof for lo0 label a", nil},
		{"openbsd-7.8", "antispoof for lo0 label a label b", []string{"1: label cannot be redefined"}},
		{"openbsd-3.3", "antispoof for lo0 label a label b", nil},
		{"freebsd-12.1", "antispoof for lo0 label a label b", []string{"1: label cannot be redefined"}},
		{"freebsd-14.2", "antispoof for lo0" + labels(6), []string{"1: label can only be used 5 times"}},
		// queue: the new queueing's qname looks the queue up before the
		// action tests for a second assignment
		{"openbsd-7.8", newQueues + "pass queue d set queue d", []string{"3: queue cannot be redefined"}},
		{"openbsd-7.8", newQueues + "pass queue d queue nosuch", []string{"3: queue nosuch is not defined"}},
		{"openbsd-3.3", "pass queue a queue b", []string{"1: queue cannot be redefined"}},
		{"openbsd-3.2", "pass queue a queue b", nil},
		// prio as a match criterion: refused twice before its range is checked
		{"openbsd-7.8", "pass prio 3", nil},
		{"openbsd-7.8", "pass prio 3 prio 4", []string{"1: prio cannot be redefined"}},
		{"openbsd-7.8", "pass prio 3 prio 9", []string{"1: prio cannot be redefined"}},
		{"openbsd-7.8", "pass prio 9 prio 3", []string{"1: prio must be 0 - 7"}},
		{"openbsd-7.8", "pass prio 9", []string{"1: prio must be 0 - 7"}},
		{"openbsd-6.1", "pass prio 3 prio 4", nil},
		{"freebsd-12.1", "pass prio 3 prio 4", []string{"1: prio cannot be redefined"}},
		{"freebsd-14.2", "pass prio 3 prio 4", []string{"1: prio cannot be redefined"}},
		{"openbsd-5.1", "pass prio 3 prio 4", nil},
		// set prio: its range is checked before the action's test
		{"openbsd-7.8", "pass set prio 2", nil},
		{"openbsd-7.8", "pass prio 2 set prio 3", nil},
		{"openbsd-7.8", "pass set prio 2 set prio (3, 4)", []string{"1: prio cannot be redefined"}},
		{"openbsd-7.8", "pass set (prio 2, tos 1, prio 3)", []string{"1: prio cannot be redefined"}},
		{"openbsd-7.8", "pass set prio 2 set prio 9", []string{"1: prio must be 0 - 7"}},
		{"openbsd-5.4", "pass set prio 2 set prio 3", []string{"1: prio cannot be redefined"}},
		{"freebsd-12.1", "pass set prio 2 set prio 3", []string{"1: prio cannot be redefined"}},
		// set tos (OpenBSD 5.2 and later, FreeBSD 14 and later)
		{"openbsd-7.8", "pass set tos lowdelay", nil},
		{"openbsd-7.8", "pass tos lowdelay set tos lowdelay", nil},
		{"openbsd-7.8", "pass set tos lowdelay set tos 0x10", []string{"1: tos cannot be respecified"}},
		{"openbsd-5.4", "pass set (tos lowdelay, tos 0x10)", []string{"1: tos cannot be respecified"}},
		{"freebsd-14.2", "pass set tos lowdelay set tos 0x10", []string{"1: tos cannot be respecified"}},
		{"freebsd-12.1", "pass set tos lowdelay set tos 0x10", nil},
		// set delay: pfctl tests the delay it kept, then the range
		{"openbsd-7.8", "pass set delay 10", nil},
		{"openbsd-7.8", "pass set delay 10 set delay 20", []string{"1: delay cannot be respecified"}},
		{"openbsd-7.8", "pass set delay 0 set delay 20", nil},
		{"openbsd-7.8", "pass set delay 70000", []string{"1: illegal delay value 70000 (0-65535)"}},
		{"openbsd-7.8", "pass set delay 10 set delay 70000", []string{"1: delay cannot be respecified"}},
		{"openbsd-7.2", "pass set delay 10 set delay 20", nil},
		// nat-to and binat-to share one slot, which af-to fills too
		{"openbsd-7.8", "match out nat-to 192.0.2.1", nil},
		{"openbsd-7.8", "match out nat-to 192.0.2.1 nat-to 192.0.2.2", []string{"1: cannot respecify nat-to/binat-to"}},
		{"openbsd-7.8", "pass on em0 from 10.0.0.1 nat-to 192.0.2.1 binat-to 192.0.2.2", []string{"1: cannot respecify nat-to/binat-to"}},
		{"openbsd-4.7", "match out nat-to 192.0.2.1 nat-to 192.0.2.2", []string{"1: cannot respecify nat-to/binat-to"}},
		{"openbsd-7.8", "pass in inet af-to inet6 from 2001:db8::1 nat-to 192.0.2.1", []string{"1: cannot respecify nat-to/binat-to"}},
		{"openbsd-7.8", "pass in inet nat-to 192.0.2.1 af-to inet6 from 2001:db8::1", []string{"1: cannot respecify af-to"}},
		{"openbsd-5.4", "pass in inet nat-to 192.0.2.1 af-to inet6 from 2001:db8::1", []string{"1: cannot respecify af-to"}},
		// FreeBSD 15's parse.y was not at hand: not checked there
		{"freebsd-15.0", "match out nat-to 192.0.2.1 nat-to 192.0.2.2", nil},
		// rdr-to, and after af-to
		{"openbsd-7.8", "pass in rdr-to 192.0.2.1", nil},
		{"openbsd-7.8", "pass in rdr-to 192.0.2.1 rdr-to 192.0.2.2", []string{"1: cannot respecify rdr-to"}},
		{"openbsd-7.8", "pass in inet af-to inet6 from 2001:db8::1 rdr-to 2001:db8::2", []string{"1: cannot respecify rdr-to"}},
		{"openbsd-4.7", "pass in rdr-to 192.0.2.1 rdr-to 192.0.2.2", []string{"1: cannot respecify rdr-to"}},
		// received-on (OpenBSD 4.7 and later)
		{"openbsd-7.8", "pass out received-on em0", nil},
		{"openbsd-7.8", "pass out received-on em0 received-on em1", []string{"1: cannot respecify received-on"}},
		{"openbsd-4.7", "pass out received-on em0 received-on em1", []string{"1: cannot respecify received-on"}},
		// max-pkt-rate: the range, then a second after a nonzero count
		{"openbsd-7.8", "pass proto icmp max-pkt-rate 100/10", nil},
		{"openbsd-7.8", "pass proto icmp max-pkt-rate 100/10 max-pkt-rate 10/1", []string{"1: cannot respecify max-pkt-rate"}},
		{"openbsd-7.8", "pass proto icmp max-pkt-rate 0/10 max-pkt-rate 10/1", nil},
		{"openbsd-7.8", "pass proto icmp max-pkt-rate 4294967296/10", []string{"1: only positive values permitted"}},
		{"openbsd-7.2", "pass proto icmp max-pkt-rate 100/10 max-pkt-rate 10/1", nil},
		// the first refusal ends the statement
		{"openbsd-7.8", "pass label a label b tos 1 tos 2", []string{"1: label cannot be redefined"}},
		// an error of the rule's head comes before its options'
		{"openbsd-7.8", "pass in from 10.0.0.0/161 label a label b", []string{"1: could not parse host specification", "1: netmask is too large: /161"}},
		{"openbsd-7.8", newQueues + "pass in from 10.0.0.0/161 queue nosuch", []string{"3: could not parse host specification", "3: netmask is too large: /161"}},
	}
	for _, tc := range tests {
		t.Run(tc.target+"/"+tc.src, func(t *testing.T) {
			got := messages(buildSrc(t, tc.target, tc.src+"\n"))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("want\n\t%s\ngot\n\t%s", strings.Join(tc.want, "\n\t"), strings.Join(got, "\n\t"))
			}
		})
	}
}

// TestRedefinedAt checks that the error is at the repeated option, where
// pfctl's action runs.
func TestRedefinedAt(t *testing.T) {
	tests := []struct {
		target, src string
		col         int
	}{
		{"openbsd-7.8", "pass label a label b", 14},
		{"openbsd-7.8", "pass set (prio 2, tos 1, prio 3)", 26},
		{"openbsd-7.8", "pass in inet nat-to 192.0.2.1 af-to inet6 from 2001:db8::1", 31},
		{"openbsd-7.8", "antispoof for lo0 label a\\\n label b", 2},
		{"freebsd-14.2", "pass" + strings.Repeat(" label x", 6), 46},
	}
	for _, tc := range tests {
		errs := buildSrc(t, tc.target, tc.src+"\n").Check(target.MustParse(tc.target))
		if len(errs) != 1 || errs[0].Pos.Column != tc.col {
			t.Errorf("%s: %q: want one error at column %d, got %v", tc.target, tc.src, tc.col, errs)
		}
	}
}

// TestRedefinedAfterParserError checks that an option the parser refused
// (an illegal tos, prio (N, M) as a criterion) ends the statement: pfctl
// reports nothing after it.
func TestRedefinedAfterParserError(t *testing.T) {
	for _, src := range []string{"pass tos 999 tos 2", "pass set tos 999 set tos 2", "pass prio (1, 2) prio 3", "pass set tos 999 queue a queue b"} {
		f, _ := grammar.Parse("stdin", []byte(src+"\n"), grammar.Options{Target: target.MustParse("openbsd-7.8")})
		if len(f.Errors) != 1 {
			t.Fatalf("%q: want one parser error, got %v", src, f.Errors)
		}
		m, _ := Build(f)
		if got := messages(m); len(got) != 0 {
			t.Errorf("%q: the model reports %v after the parser's error", src, got)
		}
	}
}
