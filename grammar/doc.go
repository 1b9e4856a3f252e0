// Package grammar reads pf.conf the way pfctl does, for a chosen release
// of OpenBSD (3.x to current) or FreeBSD, into a lossless syntax tree.
//
// Reading goes in three steps. A hand-written lexer (lexer.go) does what
// pfctl's yylex does: comments, backslash-newline continuation, `$macro`
// expansion with the expansion lexed again, numbers told from strings by
// the character after them, and the keyword table of the release
// (keywords.go). A splitter (parse.go) cuts the tokens into statements and
// reads inline anchor bodies. What is written plainly (words, numbers,
// quoted strings without escapes, punctuation, macros whose values are
// such tokens: nearly every token) the splitter reads itself, straight
// from the bytes into the statement's compact tokens (scan.go), and it
// hands the lexer anything else, token by token; FuzzParse checks that
// both ways read every input alike. Each statement is then parsed on its own, in
// parallel while the splitter reads on (jobs.go), and the outcomes are
// applied in order: pfctl's yacc silence after an error, statement order,
// and the checks that differ between releases (validate.go).
//
// The language is defined once, by a participle grammar in the struct tags
// of the syntax tree (ast_*.go) and the union of a rule's options
// (FilterOpt: a choice of small node types, registered with
// participle.Union in ast_option.go). For speed, the statements of a
// ruleset are read by a one-pass parser generated from that grammar
// (fastpath_gen.go, written by grammar/internal/fastgen: `go generate
// ./grammar`, and TestFastPathGenerated fails when it is stale; its
// runtime is fastpath.go). Where participle goes back and reads on — an
// alternative, or an optional or repeated part, that fails within its
// lookahead — so does the generated parser (ruleParser.try), undoing
// what the failed branch stored. It hands the statement to participle
// whenever it meets anything else it does not expect; participle then parses it and
// reports the syntax error in pfctl's words, except where the error does
// not depend on what participle says (featureError: a statement whose
// first word names a feature of another release, such as altq on OpenBSD
// 5.6 and later), and where participle has read a statement of the same
// shape: the same token types and the same values of all it compares,
// which are its literals (listed in the generated file) and numbers
// (fallback_memo.go). Tests check on the corpus, on
// generated rulesets and under fuzzing that both give the same tree (all
// but the positions, which only the generated parser fills) and that the
// generated parser parses whatever participle does.
//
// Every token keeps the byte span it came from (a token that came from a
// macro points at the `$name` reference), so that later stages can
// rewrite a few bytes and leave every other line as it was. A statement
// keeps its tokens compact (Tokens, in token.go): 12 bytes a token,
// offsets and kind, its text read from the source's bytes; only a text
// that is not its bytes (a macro's expansion, an escape) and the macro
// reference are kept apart, in the statement's side table. Tokens.At
// shows one as a Token.
//
// A node keeps the position it starts at (Pos) only where a reader needs
// it: where pfctl reports an error at a part of a statement (an address,
// a port, an option, a queue's parameter) and where an edit starts. The
// nodes that edits replace whole (rule options, queue assignments, set
// items, the ALTQ statements' option lists) also keep where they end
// (EndPos; see Statement.NodeSpan). A position is an Offset (offset.go):
// 4 bytes, the byte offset in the statement's source, which
// Statement.Position turns into file:line:col. The generated parser fills
// them from the tokens' offsets; participle, which fills only its own
// 40-byte lexer.Position, leaves them zero, and a tree of participle's
// (a statement the fast path declined and participle parsed, a bug of
// the fast path that a test binary panics on) gets its statement's start
// throughout (fallback.go). The others keep neither: a 100,000-line
// ruleset has over a million nodes; a statement's own position comes
// from its tokens. A reader that needs one more adds the field; the
// generated parser then fills it. A rule option is a node of its own kind
// (a participle union), holding only its positions and its value.
package grammar
