package report

import (
	"encoding/xml"
	"io"

	"github.com/pfshape/pfshape/lint"
)

// The checkstyle format is the XML that Jenkins, GitLab and reviewdog
// read: findings grouped by file, in the order given.
type checkstyleDoc struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func writeCheckstyle(w io.Writer, diags []lint.Diagnostic) error {
	doc := checkstyleDoc{Version: "4.3"}
	index := map[string]int{}
	for _, d := range diags {
		name := d.Range.Start.File
		i, ok := index[name]
		if !ok {
			i = len(doc.Files)
			index[name] = i
			doc.Files = append(doc.Files, checkstyleFile{Name: name})
		}
		doc.Files[i].Errors = append(doc.Files[i].Errors, checkstyleError{
			Line: d.Range.Start.Line, Column: d.Range.Start.Column, Severity: d.Severity.String(),
			Message: d.Message, Source: "pfshape." + d.Rule})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
