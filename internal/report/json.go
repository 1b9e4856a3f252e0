package report

import (
	"encoding/json"
	"io"

	"github.com/pfshape/pfshape/lint"
)

// The json format is one document, stable across releases (fields are only
// ever added):
//
//	{
//	  "version": 1,
//	  "diagnostics": [
//	    {
//	      "file": "pf.conf",            // as named on the command line
//	      "line": 4, "column": 44,      // 1-based; columns count bytes
//	      "endLine": 4, "endColumn": 47,
//	      "offset": 130, "endOffset": 133, // bytes, end exclusive
//	      "rule": "PF102", "name": "undefined-queue",
//	      "severity": "error",          // error | warning | info
//	      "code": "queue-undefined",    // pfctl's error reported, if any
//	      "message": "queue shh is not defined: …",
//	      "fixes": [                    // omitted when there is none
//	        {"message": "…", "edits": [
//	          {"file": "pf.conf", "offset": 130, "endOffset": 133,
//	           "line": 4, "column": 44, "endLine": 4, "endColumn": 47,
//	           "newText": "ssh"}]}
//	      ],
//	      "related": [                  // omitted when there is none
//	        {"file": "pf.conf", "line": 3, "column": 7, "endLine": 3,
//	         "endColumn": 10, "message": "queue ssh is defined here"}
//	      ]
//	    }
//	  ]
//	}
type jsonDoc struct {
	Version     int              `json:"version"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonDiagnostic struct {
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"endLine"`
	EndColumn int           `json:"endColumn"`
	Offset    int           `json:"offset"`
	EndOffset int           `json:"endOffset"`
	Rule      string        `json:"rule"`
	Name      string        `json:"name"`
	Severity  string        `json:"severity"`
	Code      string        `json:"code,omitempty"`
	Message   string        `json:"message"`
	Fixes     []jsonFix     `json:"fixes,omitempty"`
	Related   []jsonRelated `json:"related,omitempty"`
}

type jsonRelated struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Message   string `json:"message"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	File      string `json:"file"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"endOffset"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	NewText   string `json:"newText"`
}

func writeJSON(w io.Writer, diags []lint.Diagnostic, _ Options) error {
	doc := jsonDoc{Version: 1, Diagnostics: []jsonDiagnostic{}}
	for _, d := range diags {
		s, e := d.Range.Start, d.Range.End
		jd := jsonDiagnostic{File: s.File, Line: s.Line, Column: s.Column, EndLine: e.Line, EndColumn: e.Column,
			Offset: s.Offset, EndOffset: e.Offset, Rule: d.Rule, Name: ruleName(d.Rule),
			Severity: d.Severity.String(), Code: string(d.Code), Message: d.Message}
		for _, r := range d.Related {
			rs, re := r.Range.Start, r.Range.End
			jd.Related = append(jd.Related, jsonRelated{File: rs.File, Line: rs.Line, Column: rs.Column,
				EndLine: re.Line, EndColumn: re.Column, Message: r.Message})
		}
		for _, f := range d.Fixes {
			jf := jsonFix{Message: f.Message, Edits: []jsonEdit{}}
			for _, ed := range f.Edits {
				rs, re := ed.Range.Start, ed.Range.End
				jf.Edits = append(jf.Edits, jsonEdit{File: rs.File, Offset: ed.Start, EndOffset: ed.End,
					Line: rs.Line, Column: rs.Column, EndLine: re.Line, EndColumn: re.Column, NewText: ed.NewText})
			}
			jd.Fixes = append(jd.Fixes, jf)
		}
		doc.Diagnostics = append(doc.Diagnostics, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
