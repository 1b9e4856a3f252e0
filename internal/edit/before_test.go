package edit

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestMappingBefore(t *testing.T) {
	src := "altq on em0\nqueue q\npass os A queue q\n"
	edits := []Edit{
		{Start: 0, End: 20, NewText: ""},                // the altq and queue lines deleted
		{Start: 30, End: 37, NewText: "set prio 3"},     // queue q → set prio 3
		{Start: 38, End: 38, NewText: "pass out all\n"}, // a line added at the end
	}
	out, err := Apply([]byte(src), edits)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "pass os A set prio 3\npass out all\n"; got != want {
		t.Fatalf("Apply: %q, want %q", got, want)
	}
	m := NewMapping(len(src), edits)
	for _, tc := range []struct {
		name    string
		off     int
		want    int
		wantSrc string // the original text from the mapped offset on, when it is unchanged text
	}{
		{"unchanged text after a deletion", 0, 20, "pass os A queue q\n"},
		{"inside unchanged text", 5, 25, "os A queue q\n"},
		{"inside a replacement", 13, 30, "queue q\n"},
		{"just after a replacement", 20, 37, "\n"},
		{"inside an insertion at the end", 22, 38, ""},
		{"the end", len(out), 38, ""},
	} {
		got := m.Before(tc.off)
		if got != tc.want {
			t.Errorf("%s: Before(%d) = %d, want %d", tc.name, tc.off, got, tc.want)
			continue
		}
		if src[got:] != tc.wantSrc {
			t.Errorf("%s: the original from %d is %q, want %q", tc.name, got, src[got:], tc.wantSrc)
		}
	}
	if got := NewMapping(3, []Edit{{Start: 2, End: 9}}).Before(7); got != 7 {
		t.Errorf("invalid edits: Before = %d, want the offset itself", got)
	}
}

// TestMappingMatchesWalk: on random edits, the binary search gives what
// walking the edits in order gives, for every offset of the changed text.
func TestMappingMatchesWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		n := r.IntN(40)
		src := make([]byte, n)
		for i := range src {
			src[i] = byte('a' + r.IntN(26))
		}
		var edits []Edit
		at := 0
		for at <= n && r.IntN(4) > 0 {
			start := at + r.IntN(n-at+1)
			end := start + r.IntN(n-start+1)
			if r.IntN(3) == 0 {
				end = start
			}
			edits = append(edits, Edit{Start: start, End: end, NewText: strings.Repeat("X", r.IntN(4))})
			at = end + 1
		}
		out, err := Apply(src, edits)
		if err != nil {
			t.Fatal(err)
		}
		m := NewMapping(n, edits)
		for off := 0; off <= len(out); off++ {
			got, want := m.Before(off), walkBefore(edits, off)
			if got != want {
				t.Fatalf("round %d: %q with %v: Before(%d) = %d, walking the edits %d", round, src, edits, off, got, want)
			}
		}
	}
}

// walkBefore is Mapping.Before by walking the edits (sorted by Start, as
// the generator makes them) in order.
func walkBefore(edits []Edit, off int) int {
	shift := 0
	for _, e := range edits {
		start := e.Start + shift
		if off < start {
			break
		}
		if off < start+len(e.NewText) {
			return e.Start
		}
		shift += len(e.NewText) - (e.End - e.Start)
	}
	return off - shift
}
