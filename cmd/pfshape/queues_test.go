package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const escName = "altq on em0 priq bandwidth 1Mb queue { \"a\x1b[31mb\" c }\nqueue \"a\x1b[31mb\" priority 2 priq(default)\nqueue c priority 1\n"

func TestQueuesCommand(t *testing.T) {
	cbq := filepath.Join("..", "..", "testdata", "examples", "altq-cbq.conf")
	tests := []struct {
		name            string
		stdin           string
		args            []string
		code            int
		stdout, stderr  []string
		notStdout       []string
		json, xml, dot  bool
		stdoutIsEmpty   bool
		stderrIsEmptied bool
	}{
		{name: "text", args: []string{cbq}, stdout: []string{"└── root_em0", "bandwidth 30% → 3 Mbit/s", "ack: 2 rules (lines 23, 24)", "default"},
			stderr: []string{"pfshape queues: " + cbq + ": reading it as openbsd-5.4"}, notStdout: []string{"\x1b"}},
		{name: "to prio", args: []string{"--to", "prio", cbq}, stdout: []string{"→ set prio 5", "lost: bandwidth 30% (3Mb/s on em0), borrow, red"}},
		{name: "to queues", args: []string{"--to", "queues", cbq}, stdout: []string{"→ queue web parent root_em0 bandwidth 3M", "becomes OpenBSD's queues"}},
		{name: "json", args: []string{"--format", "json", cbq}, json: true, stdout: []string{`"bits": 3000000`}},
		{name: "svg", args: []string{"--format", "svg", cbq}, xml: true},
		{name: "dot", args: []string{"--format", "dot", cbq}, dot: true},
		{name: "stdin", stdin: noSpeed, args: []string{"--from", "openbsd-5.4", "-"}, stdout: []string{"bandwidth 50% → ?", "--ifspeed em0=BW", "(stdin:1:1)"}},
		{name: "ifspeed", stdin: noSpeed, args: []string{"--from", "openbsd-5.4", "--ifspeed", "em0=100M", "-"}, stdout: []string{"bandwidth 50% → 50 Mbit/s"}},
		{name: "ifspeed unused", stdin: noSpeed, args: []string{"--from", "openbsd-5.4", "--ifspeed", "em9=1G", "-"}, stderr: []string{"pfshape queues: stdin: --ifspeed em9: no altq line is on em9"}},
		{name: "escaped name", stdin: escName, args: []string{"--from", "openbsd-5.4", "-"}, stdout: []string{`a\x1b[31mb`}, notStdout: []string{"\x1b"}},
		{name: "escaped name svg", stdin: escName, args: []string{"--from", "openbsd-5.4", "--format", "svg", "-"}, xml: true, notStdout: []string{"\x1b"}},
		{name: "escaped name dot", stdin: escName, args: []string{"--from", "openbsd-5.4", "--format", "dot", "-"}, dot: true, notStdout: []string{"\x1b"}},
		{name: "syntax error", stdin: "altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a bandwidth cbq(default)\n", args: []string{"--from", "openbsd-5.4", "-"}, code: 2,
			stderr: []string{"stdin:2:", ": error: syntax error"}, stdoutIsEmpty: true},
		{name: "does not load", stdin: "altq on em0 cbq bandwidth 10Mb queue { a }\nqueue a bandwidth 20Mb cbq(default)\n", args: []string{"--from", "openbsd-5.4", "-"}, code: 2,
			stderr: []string{"does not load on openbsd-5.4", "stdin:"}, stdoutIsEmpty: true},
		{name: "bad format", args: []string{"--format", "png", cbq}, code: 2, stderr: []string{"--format png: want text, json, dot or svg"}},
		{name: "bad to", args: []string{"--to", "cbq", cbq}, code: 2, stderr: []string{"--to: unknown translation"}},
		{name: "old target", args: []string{"--to", "queues", "--target", "openbsd-5.4", cbq}, code: 2, stderr: []string{"openbsd-5.4 has no queues of its own"}},
		{name: "no file", args: nil, code: 2, stderr: []string{"want one file"}},
		{name: "two files", args: []string{cbq, cbq}, code: 2, stderr: []string{"want one file"}},
		{name: "missing file", args: []string{"no-such.conf"}, code: 2, stderr: []string{"no-such.conf"}},
		{name: "no queues", stdin: "pass out all\n", args: []string{"--format", "json", "-"}, json: true, stdout: []string{`"trees": []`}, stderr: []string{"stdin defines no queues"}},
		{name: "help", args: []string{"--help"}, code: 0, stderr: []string{"usage: pfshape queues"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runPfshape(t, tc.stdin, append([]string{"queues"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tc.notStdout {
				if strings.Contains(stdout, s) {
					t.Errorf("stdout holds %q:\n%q", s, stdout)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if strings.Contains(stderr, "pfshape translate:") {
				t.Errorf("stderr names another command:\n%s", stderr)
			}
			if tc.stdoutIsEmpty && stdout != "" {
				t.Errorf("stdout is not empty:\n%s", stdout)
			}
			if tc.json {
				var v any
				if err := json.Unmarshal([]byte(stdout), &v); err != nil {
					t.Errorf("json: %v", err)
				}
			}
			if tc.xml {
				d := xml.NewDecoder(strings.NewReader(stdout))
				for {
					_, err := d.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatalf("svg: %v", err)
					}
				}
			}
			if tc.dot && !strings.HasPrefix(stdout, "digraph ") {
				t.Errorf("dot: %s", stdout)
			}
		})
	}
}

func TestQueuesNoColorOffTerminal(t *testing.T) {
	if colorOn(&bytes.Buffer{}) {
		t.Error("colour on a buffer")
	}
	t.Setenv("NO_COLOR", "1")
	if colorOn(os.Stdout) {
		t.Error("colour with NO_COLOR set")
	}
}

// readmeViews are the views the README shows and the pictures under docs/
// it links, each generated by pfshape queues from the repository's root.
var readmeViews = []struct {
	args    []string
	picture string // "" for text shown in the README
}{
	{args: []string{"testdata/examples/altq-cbq.conf"}},
	{args: []string{"--to", "queues", "testdata/examples/altq-cbq.conf"}},
	{args: []string{"--format", "svg", "testdata/examples/altq-cbq.conf"}, picture: "docs/queues-altq-cbq.svg"},
	{args: []string{"--format", "svg", "--to", "queues", "testdata/examples/altq-hfsc.conf"}, picture: "docs/queues-altq-hfsc.svg"},
}

// TestQueuesREADME checks that the README shows the current text views of
// the example rulesets and that the pictures under docs/ are what
// pfshape draws now (-update rewrites the pictures; the README's text is
// pasted by hand).
func TestQueuesREADME(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range readmeViews {
		code, stdout, stderr := runPfshape(t, "", append([]string{"queues"}, v.args...)...)
		if code != 0 {
			t.Fatalf("pfshape queues %v: exit %d: %s", v.args, code, stderr)
		}
		if v.picture == "" {
			if !strings.Contains(string(readme), "$ pfshape queues "+strings.Join(v.args, " ")+"\n"+stdout) {
				t.Errorf("README.md does not show the current output of pfshape queues %s:\n%s", strings.Join(v.args, " "), stdout)
			}
			continue
		}
		if !strings.Contains(string(readme), "("+v.picture+")") {
			t.Errorf("README.md does not link %s", v.picture)
		}
		if *update {
			if err := os.WriteFile(v.picture, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(v.picture)
		if err != nil || string(old) != stdout {
			t.Errorf("%s is not what pfshape queues %s draws now: go test ./cmd/pfshape -run TestQueuesREADME -update rewrites it", v.picture, strings.Join(v.args, " "))
		}
	}
}
