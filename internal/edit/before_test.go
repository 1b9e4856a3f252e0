package edit

import "testing"

func TestBefore(t *testing.T) {
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
		got := Before(len(src), edits, tc.off)
		if got != tc.want {
			t.Errorf("%s: Before(%d) = %d, want %d", tc.name, tc.off, got, tc.want)
			continue
		}
		if src[got:] != tc.wantSrc {
			t.Errorf("%s: the original from %d is %q, want %q", tc.name, got, src[got:], tc.wantSrc)
		}
	}
	if got := Before(3, []Edit{{Start: 2, End: 9}}, 7); got != 7 {
		t.Errorf("invalid edits: Before = %d, want the offset itself", got)
	}
}
