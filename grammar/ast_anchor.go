package grammar

// AnchorRule is `anchor NAME … [{ … }]`, and FreeBSD's (and old OpenBSD's)
// `nat-anchor`, `rdr-anchor`, `binat-anchor`. The `{` that opens an inline
// body, and the body itself, are taken off by the statement splitter; the
// statement records them in Statement.Body.
type AnchorRule struct {
	Kind string `parser:"@(\"anchor\" | \"nat-anchor\" | \"rdr-anchor\" | \"binat-anchor\")"`
	Name *Str   `parser:"@(Word | Quoted | Number)?"`
	RuleHead
	Options []FilterOpt `parser:"(@@ \",\"?)*"`
}

// Antispoof is `antispoof [log] [quick] for IF [inet|inet6] [label …]`.
type Antispoof struct {
	Log     []*LogSpec  `parser:"\"antispoof\" ( @@"`
	Quick   bool        `parser:"  | @\"quick\" )*"`
	For     []*IfItem   `parser:"\"for\" ( \"{\" (@@ \",\"?)+ \"}\" | @@ )"`
	AF      string      `parser:"@(\"inet\" | \"inet6\")?"`
	Options []FilterOpt `parser:"(@@ \",\"?)*"`
}

// ScrubRule is a standalone `scrub` rule (FreeBSD; OpenBSD before 4.6).
type ScrubRule struct {
	No bool `parser:"@\"no\"? \"scrub\""`
	RuleHead
	Options []*ScrubOpt `parser:"(@@ \",\"?)*"`
}

// ScrubOpt is one option of a scrub rule.
type ScrubOpt struct {
	Flag     string       `parser:"  @(\"no-df\" | \"random-id\")"`
	Name     string       `parser:"| @(\"min-ttl\" | \"max-mss\" | \"set-tos\")"`
	Value    *Str         `parser:"  @(Word | Number)"`
	Fragment string       `parser:"| \"fragment\" @( \"no\"? \"reassemble\" | \"crop\" | \"drop-ovl\")"`
	Reass    *Str         `parser:"| \"reassemble\" @(Word | Keyword)"`
	Paren    []*OptionArg `parser:"| \"(\" (@@ \",\"?)* \")\""`
	Filter   FilterOpt    `parser:"| @@"`
}

// NatRule is a `nat`, `rdr` or `binat` rule with `->` (FreeBSD; OpenBSD
// before 4.7), or its `no` form.
type NatRule struct {
	No      bool     `parser:"@\"no\"?"`
	Kind    string   `parser:"@(\"nat\" | \"rdr\" | \"binat\")"`
	Pass    bool     `parser:"( @\"pass\""`
	PassLog *LogSpec `parser:"  @@? )?"`
	RuleHead
	Options []FilterOpt `parser:"(@@ \",\"?)*"`
	To      *Redirect   `parser:"( \"->\" @@ )?"`
	After   []FilterOpt `parser:"(@@ \",\"?)*"`
}

// EtherRule is a FreeBSD layer-2 rule (`ether pass …`, `ether block …`,
// `ether anchor …`). Its operands are kept as a flat list; pfshape does not
// shape layer-2 traffic.
type EtherRule struct {
	Action string       `parser:"\"ether\" @(\"pass\" | \"block\" | \"match\" | \"anchor\")"`
	Args   []*OptionArg `parser:"@@*"`
}
