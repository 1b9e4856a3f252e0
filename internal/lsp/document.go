package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// document is an open text document: the text the editor has, which may
// differ from the file on disk.
type document struct {
	uri     protocol.DocumentUri
	path    string // the file name the ruleset is read under
	version protocol.Integer
	text    []byte
	index   *lineIndex
	// analysis caches what the server knows of this version of the text;
	// nil until asked.
	analysis *analysis
}

func newDocument(uri protocol.DocumentUri, version protocol.Integer, text string) *document {
	d := &document{uri: uri, path: uriPath(uri), version: version}
	d.setText([]byte(text))
	return d
}

func (d *document) setText(b []byte) {
	d.text = b
	d.index = newLineIndex(b)
	d.analysis = nil
}

// apply applies one content change: a range and its new text, or the
// whole text.
func (d *document) apply(change any) error {
	switch c := change.(type) {
	case protocol.TextDocumentContentChangeEventWhole:
		d.setText([]byte(c.Text))
	case protocol.TextDocumentContentChangeEvent:
		if c.Range == nil {
			d.setText([]byte(c.Text))
			return nil
		}
		start, end := d.index.offset(c.Range.Start), d.index.offset(c.Range.End)
		if end < start {
			return fmt.Errorf("change range ends before it starts (%d:%d-%d:%d)",
				c.Range.Start.Line, c.Range.Start.Character, c.Range.End.Line, c.Range.End.Character)
		}
		b := make([]byte, 0, len(d.text)-(end-start)+len(c.Text))
		b = append(append(append(b, d.text[:start]...), c.Text...), d.text[end:]...)
		d.setText(b)
	default:
		return fmt.Errorf("unknown content change %T", change)
	}
	return nil
}

// uriPath turns a file: URI into a path. Any other URI (untitled:, …) is
// kept as it is: the ruleset is read under that name, and its includes
// are then resolved against the server's working folder.
func uriPath(uri protocol.DocumentUri) string {
	u, err := url.Parse(string(uri))
	if err != nil || u.Scheme != "file" {
		return string(uri)
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.FromSlash(p)
}

// pathURI turns a path into a file: URI.
func pathURI(path string) protocol.DocumentUri {
	if strings.Contains(path, ":") && !filepath.IsAbs(path) {
		return protocol.DocumentUri(path) // already a URI (untitled:…)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return protocol.DocumentUri((&url.URL{Scheme: "file", Path: p}).String())
}
