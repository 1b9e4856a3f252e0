package lsp

import (
	"slices"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

func (s *Server) didOpen(ctx *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	d := newDocument(p.TextDocument.URI, p.TextDocument.Version, p.TextDocument.Text)
	s.mu.Lock()
	s.docs[d.uri] = d
	s.mu.Unlock()
	s.changed(ctx, d.uri)
	return nil
}

func (s *Server) didChange(ctx *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		s.logf("didChange for %s, which is not open: ignored", p.TextDocument.URI)
		return nil
	}
	for _, c := range p.ContentChanges {
		if err := d.apply(c); err != nil {
			// The texts no longer agree: say so; the next full change or
			// save with text puts them right.
			s.logf("%s: %v", d.uri, err)
		}
	}
	d.version = p.TextDocument.Version
	s.mu.Unlock()
	s.changed(ctx, p.TextDocument.URI)
	return nil
}

func (s *Server) didSave(ctx *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d != nil && p.Text != nil && *p.Text != string(d.text) {
		d.setText([]byte(*p.Text))
	}
	s.mu.Unlock()
	if d != nil {
		s.changed(ctx, p.TextDocument.URI)
	}
	return nil
}

func (s *Server) didClose(ctx *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	delete(s.docs, p.TextDocument.URI)
	s.mu.Unlock()
	if d == nil {
		return nil
	}
	// A closed document's findings go with it, as editors expect.
	ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{
		URI: d.uri, Diagnostics: []protocol.Diagnostic{},
	})
	// Documents that include it now read it from disk.
	s.refreshIncluders(ctx, d.path)
	return nil
}

// changed publishes the diagnostics of a document that changed, then of
// the open documents that include it. While more messages wait to be
// handled, it only notes the document: a burst of changes (typing in a
// large file) is analysed once, for the text the last one leaves, when
// the queue is empty (flushChanges); a request in between analyses the
// text as it then is.
func (s *Server) changed(ctx *glsp.Context, uri protocol.DocumentUri) {
	s.mu.Lock()
	q := s.queue
	if q != nil && q.waiting() {
		if s.unpublished == nil {
			s.unpublished = map[protocol.DocumentUri]bool{}
		}
		s.unpublished[uri] = true
		s.mu.Unlock()
		return
	}
	delete(s.unpublished, uri)
	s.mu.Unlock()
	path := s.publish(ctx, uri)
	if path != "" {
		s.refreshIncluders(ctx, path)
	}
}

// flushChanges publishes the documents changed meanwhile, once no message
// waits (or now, when all is set: before the answer to shutdown); it runs
// after every message Serve handles.
func (s *Server) flushChanges(ctx *glsp.Context, all bool) {
	s.mu.Lock()
	if len(s.unpublished) == 0 || s.queue == nil || (!all && s.queue.waiting()) {
		s.mu.Unlock()
		return
	}
	uris := make([]protocol.DocumentUri, 0, len(s.unpublished))
	for u := range s.unpublished {
		uris = append(uris, u)
	}
	s.unpublished = nil
	s.mu.Unlock()
	slices.Sort(uris)
	for _, u := range uris {
		if path := s.publish(ctx, u); path != "" {
			s.refreshIncluders(ctx, path)
		}
	}
}

// refreshIncluders publishes again the diagnostics of the open documents
// whose last reading included path.
func (s *Server) refreshIncluders(ctx *glsp.Context, path string) {
	s.mu.Lock()
	var uris []protocol.DocumentUri
	for _, d := range s.docs {
		if d.path == path || d.analysis == nil || d.analysis.lint == nil {
			continue
		}
		if _, ok := d.analysis.lint.Sources[path]; ok {
			d.analysis = nil
			uris = append(uris, d.uri)
		}
	}
	s.mu.Unlock()
	for _, u := range uris {
		s.publish(ctx, u)
	}
}

// refreshAll reads every open document again (the settings changed).
func (s *Server) refreshAll(ctx *glsp.Context) {
	s.mu.Lock()
	var uris []protocol.DocumentUri
	for _, d := range s.docs {
		d.analysis = nil
		uris = append(uris, d.uri)
	}
	s.mu.Unlock()
	for _, u := range uris {
		s.publish(ctx, u)
	}
}

// publish reads a document and sends its diagnostics; it returns the
// document's path ("" when it is not open). Whatever goes wrong with one
// document is reported on that document and stops nothing else.
func (s *Server) publish(ctx *glsp.Context, uri protocol.DocumentUri) string {
	d, a, err := s.analysisOf(uri)
	if d == nil {
		return ""
	}
	diags := []protocol.Diagnostic{}
	func() {
		defer func() {
			if r := recover(); r != nil {
				s.logStack(errorf("internal error while converting the diagnostics of %s: %v", d.path, r))
				diags = []protocol.Diagnostic{}
				err = errorf("%v", r)
			}
		}()
		if a != nil {
			diags = append(diags, s.diagnostics(d, a)...)
		}
	}()
	if err != nil {
		diags = append(diags, internalDiagnostic(d, err))
	}
	version := protocol.UInteger(max(d.version, 0))
	ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{
		URI: d.uri, Version: &version, Diagnostics: diags,
	})
	return d.path
}

// analysisOf returns a document (a snapshot of it) and its analysis,
// computing it when the text changed since the last one.
func (s *Server) analysisOf(uri protocol.DocumentUri) (*document, *analysis, error) {
	s.mu.Lock()
	live := s.docs[uri]
	if live == nil {
		s.mu.Unlock()
		return nil, nil, nil
	}
	snap := *live
	st := s.settings
	s.mu.Unlock()
	if snap.analysis != nil {
		return &snap, snap.analysis, nil
	}
	s.analyses.Add(1)
	a, err := s.analyze(&snap, st)
	if err != nil {
		return &snap, a, err
	}
	s.mu.Lock()
	// Keep it only if the document did not change meanwhile.
	if cur := s.docs[uri]; cur != nil && cur.version == snap.version && string(cur.text) == string(snap.text) {
		cur.analysis = a
	}
	s.mu.Unlock()
	snap.analysis = a
	return &snap, a, nil
}
