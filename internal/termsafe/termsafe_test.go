package termsafe

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"queue std on em0", "queue std on em0"},
		{"a\tb\nc", "a\tb\nc"},
		{"\x1b]0;PWNED\x07", `\x1b]0;PWNED\x07`},
		{"q\r::error::owned", `q\x0d::error::owned`},
		{"q\n::error::owned", "q\n:\\u003aerror::owned"},
		{"q\n \t::warning::x", "q\n \t:\\u003awarning::x"},
		{"::stop-commands::t", `:\u003astop-commands::t`},
		{"name a::b", "name a::b"},
		{"x ##[add-mask]secret", `x ##\u005badd-mask]secret`},
		{"del\x7f", `del\u007f`},
		{"csi\u009b31m", `csi\u009b31m`},
		{"raw \x9b byte", `raw \x9b byte`},
		{"é ü 中", "é ü 中"},
		{"\x00", `\x00`},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestEscapeJSON: an escaped JSON document decodes to the same value, its
// strings unescaped exactly back.
func TestEscapeJSON(t *testing.T) {
	names := []string{"\x1b]0;PWNED\x07", "q\r\n::error::x", "##[add-mask]s", "del\x7f", "c1\u0085\u009b", "plain"}
	b, err := json.MarshalIndent(map[string][]string{"names": names}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	esc := Escape(string(b))
	var back map[string][]string
	if err := json.Unmarshal([]byte(esc), &back); err != nil {
		t.Fatalf("escaped JSON does not decode: %v\n%s", err, esc)
	}
	for i, n := range names {
		if back["names"][i] != n {
			t.Errorf("name %d: %q after the round trip, want %q", i, back["names"][i], n)
		}
	}
	if strings.Contains(esc, "##[") || strings.ContainsAny(esc, "\x7f\u0085\u009b") {
		t.Errorf("left unescaped:\n%s", esc)
	}
}

func TestWriter(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	// A line written in pieces: its start is only known once it ends.
	for _, p := range []string{"ok\n:", ":error::x\n", "tail ##", "[y"} {
		w.Write([]byte(p))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "ok\n:\\u003aerror::x\ntail ##\\u005by"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}
