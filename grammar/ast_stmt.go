package grammar

import "strings"

// Stmt is one statement of pf.conf as participle parses it. Exactly one of
// its fields is set. Statements are parsed one at a time (see parse.go), so
// a Stmt never spans a newline outside braces, and the bodies of inline
// anchors are attached by the statement splitter, not by this grammar.
type Stmt struct {
	Include     *Include         `parser:"  @@"`
	Macro       *MacroDef        `parser:"| @@"`
	Table       *TableDef        `parser:"| @@"`
	Option      *SetOption       `parser:"| @@"`
	Limiter     *LimiterDef      `parser:"| @@"`
	Altq        *Altq            `parser:"| @@"`
	Queue       *QueueDef        `parser:"| @@"`
	LoadAnchor  *LoadAnchor      `parser:"| @@"`
	Anchor      *AnchorRule      `parser:"| @@"`
	Antispoof   *Antispoof       `parser:"| @@"`
	Scrub       *ScrubRule       `parser:"| @@"`
	Translation *NatRule         `parser:"| @@"`
	Ether       *EtherRule       `parser:"| @@"`
	Rule        *FilterRule      `parser:"| @@"`
	Anonymous   *AnonymousAnchor `parser:"| @@"`
}

// Str is a string operand: a bare word, a number, or a quoted string. A
// quoted string keeps its quotes here so that it can never be mistaken for
// a keyword; Text returns it without them.
type Str string

// Text returns the string without quotes.
func (s Str) Text() string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return string(s[1 : len(s)-1])
	}
	return string(s)
}

// Quoted reports whether the string was written in quotes.
func (s Str) Quoted() bool { return len(s) >= 2 && s[0] == '"' }

// Include is `include "file"`.
type Include struct {
	File Str `parser:"\"include\" @(Quoted | Word)"`
}

// MacroDef is `name = value…`.
type MacroDef struct {
	Name   Str   `parser:"@Word \"=\""`
	Values []Str `parser:"@(Word | Number | Quoted)+"`
}

// Value is the macro's text as pfctl stores it: the words joined by spaces.
func (m *MacroDef) Value() string {
	parts := make([]string, len(m.Values))
	for i, v := range m.Values {
		parts[i] = v.Text()
	}
	return strings.Join(parts, " ")
}

// TableDef is `table <name> [persist] [const] [counters] [file "…"] [{ … }]`.
type TableDef struct {
	Pos     Offset
	Name    Str         `parser:"\"table\" \"<\" @(Word | Quoted) \">\""`
	Options []*TableOpt `parser:"@@*"`
}

// TableOpt is one option of a table definition.
type TableOpt struct {
	Flag    string       `parser:"  @(\"persist\" | \"const\" | \"counters\")"`
	File    *Str         `parser:"| \"file\" @(Quoted | Word)"`
	Entries []*HostEntry `parser:"| \"{\" (@@ \",\"?)* \"}\""`
}

// SetOption is a `set …` global option.
type SetOption struct {
	Name string `parser:"\"set\" @(\"optimization\" | \"ruleset-optimization\" | \"reassemble\" | \"timeout\" | \"limit\" | \"loginterface\" | \"hostid\" | \"block-policy\" | \"fail-policy\" | \"fingerprints\" | \"state-policy\" | \"debug\" | \"skip\" | \"state-defaults\" | \"syncookies\" | \"require-order\" | \"keepcounters\")"`
	// Args are the option's operands; their shape is checked by the
	// semantic pass, which knows each option.
	Args []*OptionArg `parser:"@@*"`
}

// OptionArg is one operand of a set option.
type OptionArg struct {
	Pos   Offset
	List  []*OptionArg `parser:"  \"{\" (@@ \",\"?)* \"}\""`
	Paren []*OptionArg `parser:"| \"(\" (@@ \",\"?)* \")\""`
	Table *Str         `parser:"| \"<\" @(Word | Quoted | Number) \">\""`
	Value *Str         `parser:"| @(Word | Number | Quoted | Keyword | \"/\")"`
	// Not is a `!` before the next operand: FreeBSD's ether rules negate
	// an interface or a MAC address with it (if_item_not, xmac); anywhere
	// else validate reports it.
	Not bool `parser:"| @\"!\""`
	// Comma is a comma between operands, which only state-defaults takes
	// outside braces and parentheses (validate checks).
	Comma bool `parser:"| @\",\""`
}

// LoadAnchor is `load anchor NAME from "file"`.
type LoadAnchor struct {
	Name Str `parser:"\"load\" \"anchor\" @(Word | Quoted)"`
	File Str `parser:"\"from\" @(Quoted | Word)"`
}

// AnonymousAnchor is a `{` at the start of a statement: an anchor with no
// name whose body follows. The splitter attaches the body.
type AnonymousAnchor struct {
	Open bool `parser:"@\"{\""`
}
