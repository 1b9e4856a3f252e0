package lsp

import (
	"fmt"
	"io"
	"log"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/tliron/glsp"

	"github.com/pfshape/pfshape/internal/target"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// serverName is the name the server gives in initialize and in its
// diagnostics' source.
const serverName = "pfshape"

// Options configure a server.
type Options struct {
	// Settings are the settings from the command line (--target, -D).
	Settings Settings
	// Log receives what the server has to say besides the protocol: errors,
	// recovered panics. Nothing when nil.
	Log io.Writer
	// Version is the version reported in initialize.
	Version string
	// IncludeRoot, when set, is the only folder included files are read
	// from; otherwise they are read from the workspace folders and the
	// including document's folder.
	IncludeRoot string
}

// Server is one language server: its open documents and settings. Every
// method is safe for concurrent use; there is no package-level state, so
// tests run many servers side by side.
type Server struct {
	handler protocol.Handler
	log     *log.Logger
	version string
	// includeRoot is Options.IncludeRoot.
	includeRoot string

	// parses counts the times a document was parsed (the loader's reads),
	// for the test that a change is parsed once.
	parses atomic.Int64

	mu       sync.Mutex
	settings Settings
	docs     map[protocol.DocumentUri]*document
	roots    []string
	// disabledSupport is the client's codeAction.disabledSupport: whether
	// it shows actions that cannot be applied, with the reason.
	disabledSupport bool
	shutdown        bool
	exited          bool

	// queue holds the messages read ahead (Serve); nil when messages are
	// handed to Handle one by one. unpublished are the documents changed
	// while more messages waited, whose diagnostics are not sent yet
	// (sync.go); analyses counts the analyses made, for tests.
	queue       *frameQueue
	unpublished map[protocol.DocumentUri]bool
	analyses    atomic.Int64
}

// New makes a server.
func New(opts Options) *Server {
	out := opts.Log
	if out == nil {
		out = io.Discard
	}
	s := &Server{
		log:         log.New(out, "pfshape lsp: ", log.LstdFlags),
		version:     opts.Version,
		includeRoot: opts.IncludeRoot,
		settings:    opts.Settings,
		docs:        map[protocol.DocumentUri]*document{},
	}
	if s.settings.Target == (target.Target{}) {
		s.settings.Target = DefaultSettings().Target
	}
	if s.settings.UpgradeTarget == (target.Target{}) {
		s.settings.UpgradeTarget = DefaultSettings().UpgradeTarget
	}
	s.handler = protocol.Handler{
		Initialize:                         s.initialize,
		Initialized:                        func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown:                           s.shutdownRequest,
		Exit:                               s.exit,
		SetTrace:                           func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		CancelRequest:                      func(*glsp.Context, *protocol.CancelParams) error { return nil },
		WorkspaceDidChangeConfiguration:    s.didChangeConfiguration,
		WorkspaceDidChangeWorkspaceFolders: s.didChangeWorkspaceFolders,
		TextDocumentDidOpen:                s.didOpen,
		TextDocumentDidChange:              s.didChange,
		TextDocumentDidSave:                s.didSave,
		TextDocumentDidClose:               s.didClose,
		TextDocumentHover:                  s.hover,
		TextDocumentDefinition:             s.definition,
		TextDocumentCodeAction:             s.codeAction,
	}
	return s
}

// Handle handles one message (glsp.Handler). A panic while handling it is
// recovered, logged with its stack, and answered as an error: one bad
// request or document never takes the server down.
func (s *Server) Handle(ctx *glsp.Context) (r any, validMethod bool, validParams bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pfshape: internal error while handling %s: %v", ctx.Method, p)
			s.logStack(err)
			r, validMethod, validParams = nil, true, true
		}
	}()
	return s.handler.Handle(ctx)
}

// Settings returns the settings in force.
func (s *Server) Settings() Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings
}

// ExitCode is what the process should exit with after the exit
// notification: 0 when shutdown came first, 1 otherwise, as the protocol
// asks.
func (s *Server) ExitCode() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown {
		return 0
	}
	return 1
}

func (s *Server) logf(format string, args ...any) { s.log.Printf(format, args...) }

func (s *Server) logStack(err error) {
	s.log.Printf("%v\n%s", err, debug.Stack())
}

func (s *Server) rootsSnapshot() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.roots...)
}

// openText returns the editor's text of an open document by path.
func (s *Server) openText(path string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.path == path {
			return d.text, true
		}
	}
	return nil, false
}

// uriFor is the URI of a file the server names in a result: the open
// document's own URI, as the client spelled it, when there is one.
func (s *Server) uriFor(path string) protocol.DocumentUri {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.path == path {
			return d.uri
		}
	}
	return pathURI(path)
}

func (s *Server) initialize(_ *glsp.Context, p *protocol.InitializeParams) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.settings.merge(p.InitializationOptions)
	if err != nil {
		// A bad option is the user's mistake, not a reason to refuse to
		// start: say so and go on with the settings there are.
		s.logf("initializationOptions: %v", err)
	} else {
		s.settings = st
	}
	s.roots = nil
	for _, f := range p.WorkspaceFolders {
		s.roots = append(s.roots, uriPath(f.URI))
	}
	if len(s.roots) == 0 && p.RootURI != nil {
		s.roots = append(s.roots, uriPath(*p.RootURI))
	}
	if len(s.roots) == 0 && p.RootPath != nil {
		s.roots = append(s.roots, *p.RootPath)
	}
	if ca := p.Capabilities.TextDocument; ca != nil && ca.CodeAction != nil && ca.CodeAction.DisabledSupport != nil {
		s.disabledSupport = *ca.CodeAction.DisabledSupport
	}
	sync := protocol.TextDocumentSyncKindIncremental
	openClose, includeText := true, true
	version := s.version
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: protocol.TextDocumentSyncOptions{
				OpenClose: &openClose,
				Change:    &sync,
				Save:      protocol.SaveOptions{IncludeText: &includeText},
			},
			HoverProvider:      true,
			DefinitionProvider: true,
			CodeActionProvider: protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, protocol.CodeActionKindRefactorRewrite},
			},
		},
		ServerInfo: &protocol.InitializeResultServerInfo{Name: serverName, Version: &version},
	}, nil
}

func (s *Server) shutdownRequest(*glsp.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shutdown = true
	return nil
}

func (s *Server) exit(*glsp.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exited = true
	return nil
}

func (s *Server) didChangeConfiguration(ctx *glsp.Context, p *protocol.DidChangeConfigurationParams) error {
	s.mu.Lock()
	st, err := s.settings.merge(p.Settings)
	if err == nil {
		s.settings = st
	}
	s.mu.Unlock()
	if err != nil {
		s.logf("workspace/didChangeConfiguration: %v", err)
		return nil
	}
	s.refreshAll(ctx)
	return nil
}

func (s *Server) didChangeWorkspaceFolders(ctx *glsp.Context, p *protocol.DidChangeWorkspaceFoldersParams) error {
	s.mu.Lock()
	removed := map[string]bool{}
	for _, f := range p.Event.Removed {
		removed[uriPath(f.URI)] = true
	}
	var roots []string
	for _, r := range s.roots {
		if !removed[r] {
			roots = append(roots, r)
		}
	}
	for _, f := range p.Event.Added {
		roots = append(roots, uriPath(f.URI))
	}
	s.roots = roots
	s.mu.Unlock()
	s.refreshAll(ctx)
	return nil
}
