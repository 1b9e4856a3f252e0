package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/grammar"
	"github.com/pfshape/pfshape/internal/edit"
	"github.com/pfshape/pfshape/lint"
)

// hostile is a message with every character the formats must escape.
const hostile = "100% of a: b, c\nnext line\r\nend"

func pos(line, col, off int) grammar.Position {
	return grammar.Position{File: "dir/pf.conf", Line: line, Column: col, Offset: off}
}

func sample() []lint.Diagnostic {
	r := lint.Range{Start: pos(4, 44, 130), End: pos(4, 47, 133)}
	return []lint.Diagnostic{
		{Range: r, Rule: "PF102", Severity: lint.Error, Message: hostile,
			Fixes: []lint.Fix{{Message: "write ssh", Edits: []lint.FileEdit{{Edit: edit.Edit{Start: 130, End: 133, NewText: "ssh"}, Range: r}}}}},
		{Range: lint.Range{Start: pos(1, 1, 0), End: pos(1, 5, 4)}, Rule: "PF302", Severity: lint.Info, Message: "plain"},
	}
}

func write(t *testing.T, format string, diags []lint.Diagnostic) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, diags, Options{BaseDir: ".", Version: "1.0"}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestText(t *testing.T) {
	got := write(t, "text", sample())
	// The CR is escaped (termsafe): a raw one lets the next bytes
	// overwrite the line in a terminal, or start a line for the CI runner.
	want := "dir/pf.conf:4:44: error: 100% of a: b, c\n\tnext line\\x0d\n\tend [PF102]\ndir/pf.conf:1:1: info: plain [PF302]\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestGitHub(t *testing.T) {
	got := write(t, "github", sample())
	want := "::error file=dir/pf.conf,line=4,col=44,endLine=4,endColumn=47,title=PF102 undefined-queue::100%25 of a: b, c%0Anext line%0D%0Aend\n" +
		"::notice file=dir/pf.conf,line=1,col=1,endLine=1,endColumn=5,title=PF302 unused-macro::plain\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	tests := []struct{ in, data, prop string }{
		{"a%b", "a%25b", "a%25b"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"%0A", "%250A", "%250A"},
	}
	for _, tc := range tests {
		if d := escapeData(tc.in); d != tc.data {
			t.Errorf("escapeData(%q) = %q, want %q", tc.in, d, tc.data)
		}
		if p := escapeProperty(tc.in); p != tc.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tc.in, p, tc.prop)
		}
	}
}

func TestRDJSONL(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(write(t, "rdjsonl", sample()), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %d", len(lines))
	}
	var d rdDiagnostic
	if err := json.Unmarshal([]byte(lines[0]), &d); err != nil {
		t.Fatal(err)
	}
	if d.Message != hostile || d.Severity != "ERROR" || d.Code.Value != "PF102" || d.Location.Path != "dir/pf.conf" {
		t.Errorf("decoded %+v", d)
	}
	if d.Location.Range.Start != (rdPosition{4, 44}) || *d.Location.Range.End != (rdPosition{4, 47}) {
		t.Errorf("range %+v", d.Location.Range)
	}
	if len(d.Suggestions) != 1 || d.Suggestions[0].Text != "ssh" || d.Suggestions[0].Range.Start != (rdPosition{4, 44}) {
		t.Errorf("suggestions %+v", d.Suggestions)
	}
}

func TestJSON(t *testing.T) {
	var doc jsonDoc
	if err := json.Unmarshal([]byte(write(t, "json", sample())), &doc); err != nil {
		t.Fatal(err)
	}
	d := doc.Diagnostics[0]
	if doc.Version != 1 || d.Message != hostile || d.Name != "undefined-queue" || d.Severity != "error" ||
		d.Line != 4 || d.EndColumn != 47 || d.Offset != 130 || d.Fixes[0].Edits[0].NewText != "ssh" {
		t.Errorf("decoded %+v", doc)
	}
	if out := write(t, "json", nil); !strings.Contains(out, `"diagnostics": []`) {
		t.Errorf("no findings must give an empty list: %s", out)
	}
}

func TestCheckstyle(t *testing.T) {
	out := write(t, "checkstyle", sample())
	var doc checkstyleDoc
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	e := doc.Files[0].Errors[0]
	// XML normalises a CR LF in an attribute unless escaped; the encoder escapes both.
	if doc.Files[0].Name != "dir/pf.conf" || e.Message != hostile || e.Line != 4 || e.Source != "pfshape.PF102" || e.Severity != "error" {
		t.Errorf("decoded %+v", doc)
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "yaml", nil, Options{}); err == nil {
		t.Error("want an error")
	}
}
