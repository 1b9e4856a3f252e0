// Package grammar reads pf.conf the way pfctl does, for a chosen release
// of OpenBSD (3.x to current) or FreeBSD, into a lossless syntax tree.
//
// Reading goes in three steps. A hand-written lexer (lexer.go) does what
// pfctl's yylex does: comments, backslash-newline continuation, `$macro`
// expansion with the expansion lexed again, numbers told from strings by
// the character after them, and the keyword table of the release
// (keywords.go). A splitter (parse.go) cuts the tokens into statements and
// reads inline anchor bodies. Each statement is then parsed on its own, in
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
// runtime is fastpath.go). It hands the statement to participle whenever
// it meets anything it does not expect; participle then parses it and
// reports the syntax error in pfctl's words. Tests check on the corpus, on
// generated rulesets and under fuzzing that both give the same tree.
//
// Every token keeps the byte span it came from (a token that came from a
// macro points at the `$name` reference) and every node the position it
// starts at, so that later stages can rewrite a few bytes and leave every
// other line as it was. A statement keeps its tokens compact (Tokens, in
// token.go): 12 bytes a token, offsets and kind, its text read from the
// source's bytes; only a text that is not its bytes (a macro's expansion,
// an escape) and the macro reference are kept apart, in the statement's
// side table. Tokens.At shows one as a Token. The nodes that edits replace whole (rule options,
// queue assignments, set items and the ALTQ statements' parts) also keep
// where they end (EndPos; see Statement.NodeSpan); the others do not, as
// an EndPos costs 40 bytes a node and a 100,000-line ruleset has over a
// million nodes. For the same reason a rule option is a node of its own
// kind, holding only its positions and its value.
package grammar
