package lsp

import (
	"bytes"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/pfshape/pfshape/internal/queueview"
	"github.com/pfshape/pfshape/translate"
)

// altqHover is the hover over an `altq on` line (anywhere but on a queue
// name or a macro, which have their own): the queue trees the line sets
// up, as `pfshape queues` draws them, with the set prio each queue
// becomes in the translation for the upgrade target.
func (a *analysis) altqHover(d *document, offset int) *protocol.Hover {
	s := a.statementAt(d.path, offset)
	if s == nil || s.Stmt == nil || s.Altq == nil || a.model == nil {
		return nil
	}
	in := queueview.Input{Model: a.model}
	if a.lint != nil {
		in.Findings = a.lint.Diagnostics
	}
	if tr := a.translate(); tr != nil {
		in.Translation, in.To = tr, translate.ToPrio
	}
	v := queueview.Build(d.path, in)
	at := s.Pos().String()
	var trees []*queueview.Tree
	for _, t := range v.Trees {
		if t.Kind == "altq" && t.Pos == at {
			trees = append(trees, t)
		}
	}
	if len(trees) == 0 {
		return nil
	}
	v.Trees = trees
	var b bytes.Buffer
	if err := queueview.Text(&b, v, queueview.TextOptions{}); err != nil {
		return nil
	}
	fence := "```"
	for strings.Contains(b.String(), fence) {
		fence += "`"
	}
	r := d.index.rangeOf(s.Span.Start, s.Span.End)
	return &protocol.Hover{
		Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: fence + "text\n" + b.String() + fence},
		Range:    &r,
	}
}
