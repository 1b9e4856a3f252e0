package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/pfshape/pfshape/internal/termsafe"
	"github.com/pfshape/pfshape/lint"
)

// writeGitHub writes GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request:
//
//	::error file=pf.conf,line=4,col=44,endLine=4,endColumn=47,title=PF102 undefined-queue::message
func writeGitHub(w io.Writer, diags []lint.Diagnostic, opts Options) error {
	for _, d := range diags {
		s, e := d.Range.Start, d.Range.End
		cmd := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "notice"}[d.Severity]
		if cmd == "" {
			cmd = "warning"
		}
		props := []string{
			"file=" + escapeProperty(relPath(s.File, opts)),
			fmt.Sprintf("line=%d", s.Line),
			fmt.Sprintf("col=%d", s.Column),
		}
		if e.Line > 0 {
			props = append(props, fmt.Sprintf("endLine=%d", e.Line))
			if e.Line == s.Line {
				props = append(props, fmt.Sprintf("endColumn=%d", e.Column))
			}
		}
		props = append(props, "title="+escapeProperty(strings.TrimSpace(d.Rule+" "+ruleName(d.Rule))))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message, as the runner's
// toolkit does: % first, then CR and LF; then the other control
// characters and "##[" as termsafe does, which the runner shows as they
// are written.
func escapeData(s string) string {
	return termsafe.Escape(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s))
}

// escapeProperty escapes a property value: as data, plus : and , which
// separate the properties.
func escapeProperty(s string) string {
	return termsafe.Escape(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s))
}
