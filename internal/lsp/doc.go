// Package lsp is pfshape's language server: what `pfshape lsp` runs for
// editors, over standard input and output.
//
// It publishes the lint findings of every open document as diagnostics
// (on open, change and save; columns in UTF-16 code units, as LSP
// counts them), offers the lint fixes and its own as code actions
// ("Rename to the defined queue X", "Add the missing default queue",
// "Translate this ALTQ block to set prio"), describes queues, macros and
// tables on hover, and jumps to their definitions. It reuses lint,
// translate and the model as they are: it derives no queue tree or
// bandwidth of its own.
//
// The protocol types and the method dispatch are github.com/tliron/glsp
// (its protocol_3_16 package): typed messages with few dependencies. The
// transport is github.com/sourcegraph/jsonrpc2 with a framing reader of
// our own (rpc.go) that skips a malformed message instead of closing the
// connection. glsp's own server package is not used: it serves
// os.Stdin and os.Stdout only and brings a logging framework.
//
// Robustness: each message is handled under recover, each document is
// read under its own recover, so a bad document or request gets an error
// or a diagnostic and the server goes on. There is no package-level
// state: a Server holds its documents and settings.
//
// It does not do completion, formatting, rename or workspace-wide
// symbols, and publishes the findings of an included file on that file
// only when it is open (the include line of the includer sums them up).
package lsp
