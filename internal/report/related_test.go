package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pfshape/pfshape/lint"
)

// withCode is a finding that reports a pfctl error, with a related place.
func withCode() []lint.Diagnostic {
	d := sample()[0]
	d.Code = "queue-undefined"
	d.Related = []lint.Related{{Range: lint.Range{Start: pos(3, 7, 92), End: pos(3, 10, 95)}, Message: "queue ssh is defined here"}}
	return []lint.Diagnostic{d}
}

// TestCodeRelatedAndHelp checks that the formats that can carry them
// carry pfctl's code, the related places and the rule's page.
func TestCodeRelatedAndHelp(t *testing.T) {
	page := "https://github.com/pfshape/pfshape/blob/main/docs/rules/PF102.md"
	tests := []struct {
		format string
		want   []string
	}{
		{"json", []string{`"code": "queue-undefined"`, `"related": [`, `"line": 3`, `"message": "queue ssh is defined here"`}},
		{"sarif", []string{`"pfctlCode": "queue-undefined"`, `"relatedLocations": [`, `"startLine": 3`, `"text": "queue ssh is defined here"`, `"helpUri": "` + page + `"`}},
		{"rdjsonl", []string{`"related_locations":[{"message":"queue ssh is defined here"`, `"url":"` + page + `"`}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			got := write(t, tt.format, withCode())
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %s:\n%s", w, got)
				}
			}
			if tt.format != "rdjsonl" && !json.Valid([]byte(got)) {
				t.Errorf("not JSON:\n%s", got)
			}
		})
	}
}
