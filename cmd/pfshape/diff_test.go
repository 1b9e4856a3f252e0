package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.conf")
	cur := filepath.Join(dir, "new.conf")
	os.WriteFile(old, []byte("altq on em0 priq bandwidth 10Mb queue { a b }\nqueue a priority 1 priq(default)\nqueue b priority 5\npass out queue b\n"), 0o644)
	os.WriteFile(cur, []byte("altq on em0 priq bandwidth 10Mb queue { a b }\nqueue a priority 1 priq(default)\nqueue b priority 7\npass out queue a\n"), 0o644)

	code, stdout, stderr := runPfshape(t, "", "diff", old, cur)
	if code != 1 || !strings.Contains(stdout, "queue b on em0: priority 5 → 7") || !strings.Contains(stdout, `rule "pass out": class queue b → queue a`) {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	// diff's messages name diff, not translate
	if !strings.Contains(stderr, "pfshape diff: "+old+": reading it as openbsd-5.4 (inferred; give --from to choose)") || strings.Contains(stderr, "pfshape translate") {
		t.Errorf("stderr names the wrong command or words: %s", stderr)
	}
	code, stdout, _ = runPfshape(t, "", "diff", "--format", "json", old, cur)
	var doc struct {
		Changes []struct{ Kind, Subject, Field, Old, New, At string }
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || code != 1 || len(doc.Changes) != 2 || doc.Changes[0].At != cur+":3:1" {
		t.Errorf("json: exit %d, %v, %+v", code, err, doc)
	}
	if code, stdout, _ := runPfshape(t, "", "diff", old, old); code != 0 || stdout != "" {
		t.Errorf("same file: exit %d, %q", code, stdout)
	}
	if code, _, stderr := runPfshape(t, "", "diff", old); code != 2 || !strings.Contains(stderr, "want two files") {
		t.Errorf("one file: exit %d, %s", code, stderr)
	}
}

// TestDiffVerdicts: besides the shaping, diff says which packets the
// new ruleset treats differently, one line per merged class, with the
// deciding rules of both.
func TestDiffVerdicts(t *testing.T) {
	const queues = "queue rootq on em0 bandwidth 10M\nqueue ssh parent rootq bandwidth 1M\nqueue bulk parent rootq bandwidth 5M default\n"
	tests := []struct {
		name     string
		old, new string
		code     int
		// verdicts are the verdict lines, all of them, in order;
		// shaping is a line the shaping half prints, if any.
		verdicts []string
		shaping  string
	}{
		{"opening a port", "block in on em0\npass out\n", "block in on em0\npass in on em0 proto tcp to 10.0.0.5 port 22\npass out\n", 1,
			[]string{"now passes: in on em0 inet proto tcp from any to 10.0.0.5 port 22 flags S/SA (blocked by old.conf:1, passed by new.conf:2)"}, ""},
		{"blocking", "pass\n", "pass\nblock in on em1 proto udp to port 53\n", 1,
			[]string{"now blocked: in on em1 proto udp from any to any port 53 (passed by old.conf:1, blocked by new.conf:2)"}, ""},
		{"the default rule", "pass out\n", "pass out\nblock in on em0 proto tcp\n", 1,
			[]string{"now blocked: in on em0 proto tcp (passed by the default rule, blocked by new.conf:2)"}, ""},
		{"prio", "pass out proto tcp set prio 3\n", "pass out proto tcp set prio 5\n", 1,
			[]string{"prio changed: out proto tcp flags S/SA (3 → 5; passed by old.conf:1, passed by new.conf:1)"}, "set prio 3 → set prio 5"},
		{"queue", queues + "pass out on em0 proto tcp to port 22 queue ssh\n", queues + "pass out on em0 proto tcp to port 22 queue bulk\n", 1,
			[]string{"queue changed: out on em0 proto tcp from any to any port 22 flags S/SA (ssh → bulk; passed by old.conf:4, passed by new.conf:4)"}, "queue ssh → queue bulk"},
		{"reorder, no change", "pass in on em0 proto tcp to port 22\npass in on em1 proto udp\n", "pass in on em1 proto udp\npass in on em0 proto tcp to port 22\n", 0,
			nil, ""},
		{"a rule with criteria only the machine decides, moved", "block in\npass in proto tcp to port 22 tos 0x10 user root\n", "block in\n\n# ssh\npass in proto tcp to port 22 tos 0x10 user root\n", 0,
			nil, ""},
		{"such a rule changed", "block in\npass in proto tcp to port 22 tos 0x10\n", "block in\npass in proto tcp to port 22 tos 0x08\n", 1,
			[]string{
				"now blocked: in proto tcp from any to any port 22 flags S/SA (passed by old.conf:2, blocked by new.conf:1; assuming: not: tos 0x08: the packet matches it; tos 0x10: the packet matches it)",
				"now passes: in proto tcp from any to any port 22 flags S/SA (blocked by old.conf:1, passed by new.conf:2; assuming: tos 0x08: the packet matches it; not: tos 0x10: the packet matches it)",
			}, ""},
		{"such a rule's action changed", "block in\npass in proto tcp to port 22 tos 0x10\n", "block in\nblock in proto tcp to port 22 tos 0x10\n", 1,
			[]string{
				"now blocked: in proto tcp from any to any port 22 flags S/SA (passed by old.conf:2, blocked by new.conf:2; assuming: tos 0x10: the packet matches it)",
			}, ""},
		{"only under an unknown", "block in\n", "block in\npass in on egress proto tcp to port 22\n", 1,
			[]string{
				"now passes: in on ! egress proto tcp from any to any port 22 flags S/SA (blocked by old.conf:1, passed by new.conf:2; assuming: on egress: the interface is in group egress)",
				"now passes: in on egress proto tcp from any to any port 22 flags S/SA (blocked by old.conf:1, passed by new.conf:2)",
			}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			old, cur := filepath.Join(dir, "old.conf"), filepath.Join(dir, "new.conf")
			os.WriteFile(old, []byte(tt.old), 0o644)
			os.WriteFile(cur, []byte(tt.new), 0o644)
			code, stdout, stderr := runPfshape(t, "", "diff", old, cur)
			stdout = strings.ReplaceAll(stdout, filepath.ToSlash(dir)+"/", "")
			var verdicts []string
			shaping := false
			for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
				switch {
				case l == "":
				case strings.HasPrefix(l, "now ") || strings.Contains(l, " changed: ") || strings.HasPrefix(l, "not compared: "):
					verdicts = append(verdicts, l)
				case tt.shaping != "" && strings.Contains(l, tt.shaping):
					shaping = true
				default:
					t.Errorf("unexpected line %q", l)
				}
			}
			if code != tt.code || !slices.Equal(verdicts, tt.verdicts) || tt.shaping != "" && !shaping {
				t.Errorf("exit %d, want %d\nverdicts: %q\nwant:     %q\nstdout: %s\nstderr: %s", code, tt.code, verdicts, tt.verdicts, stdout, stderr)
			}
		})
	}
}

// TestDiffVerdictsJSON: --format json adds the verdict changes (both
// sides as data, the assumptions apart) and the parts not compared to
// the shaping changes.
func TestDiffVerdictsJSON(t *testing.T) {
	dir := t.TempDir()
	old, cur := filepath.Join(dir, "old.conf"), filepath.Join(dir, "new.conf")
	os.WriteFile(old, []byte("block in\npass out\n"), 0o644)
	os.WriteFile(cur, []byte("block in\npass in on egress proto tcp to port 22 set prio 6\npass out\n"), 0o644)
	code, stdout, stderr := runPfshape(t, "", "diff", "--format", "json", old, cur)
	type side struct {
		Action    string
		DecidedBy string `json:"decided_by"`
		File      *string
		Line      *int
		Queue     *struct{ Data, Ack string }
		Prio      []int
	}
	var doc struct {
		Changes  []json.RawMessage
		Verdicts []struct {
			Change, Kind, Class string
			Old, New            side
			Assumes             []string
		}
		Uncompared []struct{ Class, Reason string }
		ReadAs     map[string]string `json:"read_as"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || code != 1 {
		t.Fatalf("exit %d, %v\n%s\n%s", code, err, stdout, stderr)
	}
	if doc.Changes == nil || doc.Uncompared == nil || len(doc.Uncompared) != 0 || doc.ReadAs["old"] != "openbsd-7.8" || doc.ReadAs["new"] != "openbsd-7.8" {
		t.Errorf("changes %v, uncompared %v, read_as %v", doc.Changes, doc.Uncompared, doc.ReadAs)
	}
	if len(doc.Verdicts) != 2 {
		t.Fatalf("%d verdicts, want 2: %s", len(doc.Verdicts), stdout)
	}
	v := doc.Verdicts[0]
	if v.Change != "now passes" || v.Kind != "now-passes" || v.Class != "in on ! egress proto tcp from any to any port 22 flags S/SA" ||
		len(v.Assumes) != 1 || v.Assumes[0] != "on egress: the interface is in group egress" ||
		v.Old.Action != "block" || v.Old.DecidedBy != "rule" || v.Old.File == nil || *v.Old.File != old || *v.Old.Line != 1 || v.Old.Prio != nil ||
		v.New.Action != "pass" || v.New.File == nil || *v.New.File != cur || *v.New.Line != 2 || !slices.Equal(v.New.Prio, []int{6, 6}) && !slices.Equal(v.New.Prio, []int{6}) {
		t.Errorf("verdict %+v", v)
	}
	if w := doc.Verdicts[1]; w.Class != "in on egress proto tcp from any to any port 22 flags S/SA" || w.Assumes == nil || len(w.Assumes) != 0 {
		t.Errorf("verdict %+v", w)
	}
	// the default rule has no file and no line
	os.WriteFile(old, []byte("pass out\n"), 0o644)
	os.WriteFile(cur, []byte("pass out\nblock in on em0 proto tcp\n"), 0o644)
	_, stdout, _ = runPfshape(t, "", "diff", "--format", "json", old, cur)
	doc.Verdicts = nil
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || len(doc.Verdicts) != 1 ||
		doc.Verdicts[0].Old.DecidedBy != "default" || doc.Verdicts[0].Old.File != nil || doc.Verdicts[0].Old.Line != nil || doc.Verdicts[0].Kind != "now-blocked" {
		t.Errorf("%v\n%s", err, stdout)
	}
}

// TestDiffREADME checks that the README shows what diff prints for its
// example now.
func TestDiffREADME(t *testing.T) {
	const queues = "queue rootq on em0 bandwidth 10M\nqueue ssh parent rootq bandwidth 1M\nqueue bulk parent rootq bandwidth 5M default\n"
	dir := t.TempDir()
	old, cur := filepath.Join(dir, "old.conf"), filepath.Join(dir, "new.conf")
	os.WriteFile(old, []byte(queues+"block in on em0\npass out on em0 proto tcp to port 22 queue ssh\n"), 0o644)
	os.WriteFile(cur, []byte(queues+"block in on em0\npass in on em0 proto tcp to 10.0.0.5 port 22\npass out on em0 proto tcp to port 22 queue bulk\nblock in on em1 proto udp to port 53\n"), 0o644)
	code, stdout, stderr := runPfshape(t, "", "diff", old, cur)
	stdout = strings.ReplaceAll(stdout, filepath.ToSlash(dir)+"/", "")
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if code != 1 || strings.Count(stdout, "\n") != 4 || !strings.Contains(string(readme), "```\n"+stdout+"```\n") {
		t.Errorf("exit %d; the README does not show:\n%s\nstderr: %s", code, stdout, stderr)
	}
	// and the help, the verdict lines
	_, _, help := runPfshape(t, "", "diff", "--help")
	for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")[1:] {
		if !strings.Contains(help, "  "+l+"\n") {
			t.Errorf("the help does not show %q", l)
		}
	}
}

// TestDiffReleases: files read as different releases are each evaluated
// on their own, and diff says so.
func TestDiffReleases(t *testing.T) {
	dir := t.TempDir()
	old, cur := filepath.Join(dir, "old.conf"), filepath.Join(dir, "new.conf")
	os.WriteFile(old, []byte("altq on em0 priq bandwidth 10Mb queue { a b }\nqueue a priority 1 priq(default)\nqueue b priority 5\npass out proto tcp queue b\n"), 0o644)
	os.WriteFile(cur, []byte("pass out proto tcp set prio 7\n"), 0o644)
	code, stdout, stderr := runPfshape(t, "", "diff", old, cur)
	want := "queue and prio changed: out proto tcp flags S/SA (queue b → none, prio default → 7; passed by " + old + ":4, passed by " + cur + ":1)\n"
	if code != 1 || !strings.HasSuffix(stdout, want) ||
		!strings.Contains(stderr, old+" is read as openbsd-5.4 and "+cur+" as openbsd-7.8: each is evaluated as pf on its own release") {
		t.Errorf("exit %d\nstdout: %s\nwant suffix: %s\nstderr: %s", code, stdout, want, stderr)
	}
	_, stdout, _ = runPfshape(t, "", "diff", "--format", "json", old, cur)
	var doc struct {
		ReadAs map[string]string `json:"read_as"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || doc.ReadAs["old"] != "openbsd-5.4" || doc.ReadAs["new"] != "openbsd-7.8" {
		t.Errorf("json: %v %v", err, doc.ReadAs)
	}
	if _, _, stderr := runPfshape(t, "", "diff", cur, cur); strings.Contains(stderr, "is read as") {
		t.Errorf("same release, yet: %s", stderr)
	}
}

// TestDiffNotCompared: a part of the packet space that splits into more
// cases than the engine follows is reported with why, not dropped, and then diff
// cannot say nothing changed: exit 1.
func TestDiffNotCompared(t *testing.T) {
	// 130 sources × 130 destinations, each pair with its own prio and
	// tag: inbound TCP on em0 splits into some 17,000 cases, more than
	// that part's share of the work budget reaches. (The engine's
	// MaxPieces, the other reason, is not reached first by a part the
	// budget shares with the others.)
	var b strings.Builder
	for j := 1; j <= 130; j++ {
		fmt.Fprintf(&b, "match in on em0 proto tcp from 10.0.0.%d set prio %d\n", j, j%8)
	}
	for k := 1; k <= 130; k++ {
		fmt.Fprintf(&b, "match in on em0 proto tcp to 10.1.0.%d tag T%d\n", k, k)
	}
	b.WriteString("pass\n")
	dir := t.TempDir()
	old, cur, other := filepath.Join(dir, "old.conf"), filepath.Join(dir, "new.conf"), filepath.Join(dir, "other.conf")
	os.WriteFile(old, []byte(b.String()), 0o644)
	os.WriteFile(cur, []byte(b.String()+"block in on em1 proto udp\nblock in on em0 inet proto tcp to port 9999\n"), 0o644)
	code, stdout, stderr := runPfshape(t, "", "diff", old, cur)
	wantLines := []string{
		"now blocked: in on em1 proto udp (passed by " + old + ":261, blocked by " + cur + ":262)",
		"not compared: in on em0 inet proto tcp (beyond the work budget)",
	}
	if code != 1 || stdout != strings.Join(wantLines, "\n")+"\n" {
		t.Errorf("exit %d\nstdout: %s\nwant: %s\nstderr: %s", code, stdout, strings.Join(wantLines, "\n"), stderr)
	}
	// The part too large to classify is not classified where both files
	// evaluate it with the same rules: only the change is reported.
	os.WriteFile(other, []byte(b.String()+"block in on em1 proto udp\n"), 0o644)
	code, stdout, stderr = runPfshape(t, "", "diff", old, other)
	if want := "now blocked: in on em1 proto udp (passed by " + old + ":261, blocked by " + other + ":262)\n"; code != 1 || stdout != want {
		t.Errorf("unchanged part: exit %d\nstdout: %s\nwant: %s\nstderr: %s", code, stdout, want, stderr)
	}
	if code, stdout, _ = runPfshape(t, "", "diff", old, old); code != 0 || stdout != "" {
		t.Errorf("a file against itself: exit %d, %q", code, stdout)
	}
	code, stdout, _ = runPfshape(t, "", "diff", "--format", "json", old, cur)
	var doc struct {
		Verdicts   []json.RawMessage
		Uncompared []struct{ Class, Reason, Code string }
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || code != 1 || len(doc.Verdicts) != 1 ||
		len(doc.Uncompared) != 1 || doc.Uncompared[0].Class != "in on em0 inet proto tcp" || doc.Uncompared[0].Code != "work-budget" || doc.Uncompared[0].Reason != "beyond the work budget" {
		t.Errorf("json: exit %d, %v\n%s", code, err, stdout)
	}
}

// TestDiffAnchors: the rules `load anchor` reads are compared too, and
// named by their own file.
func TestDiffAnchors(t *testing.T) {
	dir := t.TempDir()
	w := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	webOld := w("web-old.conf", "pass in on em0 proto tcp to port 80\n")
	webNew := w("web-new.conf", "pass in on em0 proto tcp to port { 80 443 }\n")
	old := w("old.conf", "block in\nanchor \"web\"\nload anchor \"web\" from \""+webOld+"\"\n")
	cur := w("new.conf", "block in\nanchor \"web\"\nload anchor \"web\" from \""+webNew+"\"\n")
	code, stdout, stderr := runPfshape(t, "", "diff", old, cur)
	want := "now passes: in on em0 proto tcp from any to any port 443 flags S/SA (blocked by " + old + ":1, passed by " + webNew + ":1)\n"
	if code != 1 || stdout != want {
		t.Errorf("exit %d\nstdout: %s\nwant:   %s\nstderr: %s", code, stdout, want, stderr)
	}
}
