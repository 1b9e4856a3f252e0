package report

import (
	"encoding/json"
	"io"

	"github.com/pfshape/pfshape/lint"
)

// The rdjsonl format is reviewdog's Diagnostic Format, one JSON object a
// line (reviewdog -f=rdjsonl). Columns are 1-based byte counts, as
// reviewdog wants them. A fix with edits in the finding's file becomes
// suggestions, which reviewdog posts as suggested changes.
type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      rdSource       `json:"source"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
	Related     []rdRelated    `json:"related_locations,omitempty"`
}

type rdRelated struct {
	Message  string     `json:"message,omitempty"`
	Location rdLocation `json:"location"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition  `json:"start"`
	End   *rdPosition `json:"end,omitempty"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

func writeRDJSONL(w io.Writer, diags []lint.Diagnostic, opts Options) error {
	enc := json.NewEncoder(w)
	for _, d := range diags {
		s, e := d.Range.Start, d.Range.End
		rd := rdDiagnostic{
			Message:  d.Message,
			Location: rdLocation{Path: relPath(s.File, opts), Range: rdRange{Start: rdPosition{s.Line, s.Column}, End: &rdPosition{e.Line, e.Column}}},
			Severity: map[lint.Severity]string{lint.Error: "ERROR", lint.Warning: "WARNING", lint.Info: "INFO"}[d.Severity],
			Source:   rdSource{Name: "pfshape", URL: "https://github.com/pfshape/pfshape"},
			Code:     rdCode{Value: d.Rule, URL: docURL(d.Rule)},
		}
		for _, r := range d.Related {
			rs, re := r.Range.Start, r.Range.End
			rd.Related = append(rd.Related, rdRelated{Message: r.Message, Location: rdLocation{Path: relPath(rs.File, opts),
				Range: rdRange{Start: rdPosition{rs.Line, rs.Column}, End: &rdPosition{re.Line, re.Column}}}})
		}
		for _, f := range d.Fixes {
			for _, ed := range f.Edits {
				if ed.Range.Start.File != s.File {
					continue // reviewdog suggests changes in the finding's file only
				}
				rs, re := ed.Range.Start, ed.Range.End
				rd.Suggestions = append(rd.Suggestions, rdSuggestion{
					Range: rdRange{Start: rdPosition{rs.Line, rs.Column}, End: &rdPosition{re.Line, re.Column}},
					Text:  ed.NewText})
			}
			break // the first fix: suggestions of two fixes could overlap
		}
		if err := enc.Encode(rd); err != nil {
			return err
		}
	}
	return nil
}
