package grammar

// LimiterDef is `state limiter NAME id N limit N rate N/S` or
// `source limiter NAME id N entries N limit N rate N/S [inet mask N]`
// (OpenBSD 7.x, FreeBSD 15).
type LimiterDef struct {
	Kind string       `parser:"@(\"state\" | \"source\") \"limiter\""`
	Name Str          `parser:"@(Word | Quoted)"`
	Args []*OptionArg `parser:"@@*"`
}

// LimiterRef is a rule's `state limiter NAME [(opts)]` or
// `source limiter NAME [(opts)]`. It is a FilterOpt as it stands.
type LimiterRef struct {
	OptPos
	Kind string       `parser:"@(\"state\" | \"source\") \"limiter\""`
	Name *Str         `parser:"( @(Word | Quoted)"`
	ID   *int         `parser:"| \"id\" @Number )"`
	Opts []*OptionArg `parser:"( \"(\" (@@ \",\"?)* \")\" )?"`
}
