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
	tests := []struct {
		target, src string
		want        []string
	}{
		// queue: the new queueing's qname looks the queue up before the
		// action tests for a second assignment
		{"openbsd-7.8", newQueues + "pass queue d set queue d", []string{"3: queue cannot be redefined"}},
		{"openbsd-7.8", newQueues + "pass queue d queue nosuch", []string{"3: queue nosuch is not defined"}},
		{"openbsd-3.3", "pass queue a queue b", []string{"1: queue cannot be redefined"}},
		{"openbsd-3.2", "pass queue a queue b", nil},
		// a prio's range
		{"openbsd-7.8", "pass set prio 2 set prio 9", []string{"1: prio must be 0 - 7"}},
		{"openbsd-7.8", "pass prio 9", []string{"1: prio must be 0 - 7"}},
		// an error of the rule's head comes before its options'
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

// TestRedefinedAfterParserError checks that an option the parser refused
// (an illegal tos, prio (N, M) as a criterion) ends the statement: pfctl
// reports nothing after it.
func TestRedefinedAfterParserError(t *testing.T) {
	for _, src := range []string{"pass set tos 999 queue a queue b", "pass prio (1, 2) queue a queue b"} {
		f, _ := grammar.Parse("stdin", []byte(src+"\n"), grammar.Options{Target: target.MustParse("openbsd-5.4")})
		if len(f.Errors) != 1 {
			t.Fatalf("%q: want one parser error, got %v", src, f.Errors)
		}
		m, _ := Build(f)
		if got := messages(m); len(got) != 0 {
			t.Errorf("%q: the model reports %v after the parser's error", src, got)
		}
	}
}
