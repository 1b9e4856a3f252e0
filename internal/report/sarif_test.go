package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/lint"
)

// TestSARIFStructure checks the log field by field against what the SARIF
// 2.1.0 schema requires (sarifLog: version, runs; run: tool; tool: driver;
// toolComponent: name; reportingDescriptor: id; result: message with text;
// physicalLocation/artifactLocation/region; fix: artifactChanges with
// artifactLocation and replacements with deletedRegion) and what GitHub code
// scanning reads (rules with help text, partialFingerprints, relative URIs).
func TestSARIFStructure(t *testing.T) {
	var log map[string]any
	if err := json.Unmarshal([]byte(write(t, "sarif", sample())), &log); err != nil {
		t.Fatal(err)
	}
	get := func(v any, path ...any) any {
		t.Helper()
		for _, p := range path {
			switch k := p.(type) {
			case string:
				m, ok := v.(map[string]any)
				if !ok || m[k] == nil {
					t.Fatalf("missing %v in %v", path, v)
				}
				v = m[k]
			case int:
				a, ok := v.([]any)
				if !ok || len(a) <= k {
					t.Fatalf("missing %v", path)
				}
				v = a[k]
			}
		}
		return v
	}
	if get(log, "version") != "2.1.0" || !strings.Contains(get(log, "$schema").(string), "sarif-schema-2.1.0.json") {
		t.Errorf("version/schema: %v %v", log["version"], log["$schema"])
	}
	run := get(log, "runs", 0)
	driver := get(run, "tool", "driver")
	if get(driver, "name") != "pfshape" || get(driver, "version") != "1.0" {
		t.Errorf("driver %v", driver)
	}
	rules := get(driver, "rules").([]any)
	if len(rules) != len(lint.All()) {
		t.Fatalf("%d rules, want the catalogue's %d", len(rules), len(lint.All()))
	}
	for i, r := range lint.All() {
		rd := rules[i]
		if get(rd, "id") != r.ID || get(rd, "name") != r.Name || get(rd, "shortDescription", "text") != r.Summary {
			t.Errorf("rule %d: %v", i, rd)
		}
		if help := get(rd, "help", "text").(string); !strings.Contains(help, r.Bad) || get(rd, "help", "markdown") == "" {
			t.Errorf("rule %s: help lacks the examples", r.ID)
		}
		if lvl := get(rd, "defaultConfiguration", "level"); lvl != level(r.Severity) {
			t.Errorf("rule %s: level %v", r.ID, lvl)
		}
	}
	res := get(run, "results", 0)
	if get(res, "ruleId") != "PF102" || get(res, "level") != "error" || get(res, "message", "text") != hostile {
		t.Errorf("result %v", res)
	}
	idx := int(get(res, "ruleIndex").(float64))
	if get(rules[idx], "id") != "PF102" {
		t.Errorf("ruleIndex %d is not PF102", idx)
	}
	loc := get(res, "locations", 0, "physicalLocation")
	if get(loc, "artifactLocation", "uri") != "dir/pf.conf" || get(loc, "artifactLocation", "uriBaseId") != srcRoot {
		t.Errorf("artifact %v", loc)
	}
	reg := get(loc, "region")
	for k, want := range map[string]float64{"startLine": 4, "startColumn": 44, "endLine": 4, "endColumn": 47} {
		if get(reg, k) != want {
			t.Errorf("region %s = %v, want %v", k, get(reg, k), want)
		}
	}
	fp := get(res, "partialFingerprints", "pfshapeFinding/v1").(string)
	if !strings.HasSuffix(fp, ":1") || len(fp) != 18 {
		t.Errorf("fingerprint %q", fp)
	}
	change := get(res, "fixes", 0, "artifactChanges", 0)
	if get(change, "artifactLocation", "uri") != "dir/pf.conf" || get(change, "replacements", 0, "insertedContent", "text") != "ssh" ||
		get(change, "replacements", 0, "deletedRegion", "startColumn") != 44.0 {
		t.Errorf("fix %v", change)
	}
	var empty map[string]any
	if err := json.Unmarshal([]byte(write(t, "sarif", nil)), &empty); err != nil {
		t.Fatal(err)
	}
	if r, ok := get(empty, "runs", 0).(map[string]any)["results"].([]any); !ok || len(r) != 0 {
		t.Errorf("no findings must give results: [], got %v", get(empty, "runs", 0))
	}
}

func TestRelativeURI(t *testing.T) {
	tests := []struct{ path, base, want string }{
		{"/a/b/pf.conf", "/a", "b/pf.conf"},
		{"/x/pf.conf", "/a", "/x/pf.conf"},
		{"pf.conf", "", "pf.conf"},
		{"stdin", "/a", "stdin"},
	}
	for _, tc := range tests {
		if got := relPath(tc.path, Options{BaseDir: tc.base}); got != tc.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tc.path, tc.base, got, tc.want)
		}
	}
	if got := artifact("my dir/pf.conf").URI; got == nil || *got != "my%20dir/pf.conf" {
		t.Errorf("uri %v", got)
	}
}
