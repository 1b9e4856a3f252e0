package main

import (
	"encoding/json"
	"os"
	"path/filepath"
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
