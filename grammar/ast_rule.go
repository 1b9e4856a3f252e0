package grammar

// FilterRule is a `pass`, `block` or `match` rule.
type FilterRule struct {
	Action string     `parser:"@(\"pass\" | \"block\" | \"match\")"`
	Block  *BlockSpec `parser:"@@?"`
	RuleHead
	Options []FilterOpt `parser:"(@@ \",\"?)*"`
}

// BlockSpec is what `block` does: `drop`, `return`, `return-rst (ttl N)`,
// `return-icmp (code[, code])`, `return-icmp6 (code)`.
type BlockSpec struct {
	Kind string `parser:"@(\"drop\" | \"return-rst\" | \"return-icmp6\" | \"return-icmp\" | \"return\")"`
	Args []Str  `parser:"( \"(\" ( @(Word | Number | Keyword) \",\"? )* \")\" )?"`
}

// RuleHead is what filter, anchor, scrub and translation rules share:
// direction, log and quick, interface, address family, protocol, and the
// from/to part.
type RuleHead struct {
	Dir    string      `parser:"@(\"in\" | \"out\")?"`
	Log    []*LogSpec  `parser:"( @@"`
	Quick  bool        `parser:"  | @\"quick\" )*"`
	On     *Interface  `parser:"@@?"`
	Route  []*RouteOpt `parser:"@@*"`
	AF     string      `parser:"@(\"inet\" | \"inet6\")?"`
	Proto  *ProtoSpec  `parser:"@@?"`
	FromTo *FromTo     `parser:"@@?"`
}

// LogSpec is `log` or `log (all, matches, user, to pflogN)`.
type LogSpec struct {
	Log  bool  `parser:"@\"log\""`
	Opts []Str `parser:"( \"(\" ( @(\"all\" | \"matches\" | \"user\" | \"to\") | @(Word | Quoted) ) ( \",\"? ( @(\"all\" | \"matches\" | \"user\" | \"to\") | @(Word | Quoted) ) )* \")\" )?"`
}

// ProtoSpec is `proto NAME` or `proto { … }`.
type ProtoSpec struct {
	Items []Str `parser:"\"proto\" ( \"{\" ( @(Word | Number | Quoted) \",\"? )+ \"}\" | @(Word | Number | Quoted) )"`
}

// FromTo is `all` or `[from …] [os …] [to …]`. Its parts are kept in the
// order written; validate checks that the order is pfctl's.
type FromTo struct {
	Pos   Offset
	Parts []*FromToPart `parser:"@@+"`
}

// FromToPart is one of `all`, `from …`, `os …`, `to …`.
type FromToPart struct {
	All  bool      `parser:"  @\"all\""`
	From *HostPort `parser:"| \"from\" @@"`
	OS   []Str     `parser:"| \"os\" ( \"{\" ( @(Word | Quoted) \",\"? )* \"}\" | @(Word | Quoted) )"`
	To   *HostPort `parser:"| \"to\" @@"`
}

// From returns the `from` part, if any.
func (f *FromTo) From() *HostPort {
	for _, p := range f.Parts {
		if p.From != nil {
			return p.From
		}
	}
	return nil
}

// To returns the `to` part, if any.
func (f *FromTo) To() *HostPort {
	for _, p := range f.Parts {
		if p.To != nil {
			return p.To
		}
	}
	return nil
}

// order reports whether the parts are in pfctl's order: `all` alone, or
// from, os, to, each at most once.
func (f *FromTo) order() bool {
	rank := 0
	for _, p := range f.Parts {
		r := 4
		switch {
		case p.All:
			if len(f.Parts) != 1 {
				return false
			}
		case p.From != nil:
			r = 1
		case p.OS != nil:
			r = 2
		case p.To != nil:
			r = 3
		}
		if r <= rank {
			return false
		}
		rank = r
	}
	return true
}

// HostPort is an address list with an optional port, or a port alone.
type HostPort struct {
	Hosts *HostEntry `parser:"( @@ | \"{\" \"}\" )?"`
	Port  *PortSpec  `parser:"@@?"`
}

// RouteOpt is `route-to`, `reply-to`, `dup-to` or FreeBSD's `fastroute`.
type RouteOpt struct {
	Pos   Offset
	Kind  string     `parser:"( @\"fastroute\""`
	Kind2 string     `parser:"| @(\"route-to\" | \"reply-to\" | \"dup-to\")"`
	Hosts *RedirSpec `parser:"  @@"`
	Pool  []*PoolOpt `parser:"  @@* )"`
}

// Flags is `flags S/SA`, `flags /SA`, `flags any`.
type Flags struct {
	Any  bool `parser:"  @\"any\""`
	Set  *Str `parser:"| @Word? \"/\""`
	Mask Str  `parser:"  @Word"`
}

// IcmpSpec is `icmp-type echoreq [code N]` or a `{ … }` list of those.
type IcmpSpec struct {
	Items []*IcmpItem `parser:"\"{\" (@@ \",\"?)+ \"}\" | @@"`
}

// IcmpItem is one icmp type with an optional code.
type IcmpItem struct {
	Type Str  `parser:"@(Word | Number)"`
	Code *Str `parser:"(\"code\" @(Word | Number))?"`
}

// StateSpec is `keep state`, `modulate state`, `synproxy state`, `no state`,
// with state options in parentheses. It is a FilterOpt as it stands.
type StateSpec struct {
	OptPos
	Kind string       `parser:"( @(\"keep\" | \"modulate\" | \"synproxy\") | @\"no\" ) \"state\""`
	Opts []*OptionArg `parser:"( \"(\" (@@ \",\"?)* \")\" )?"`
}

// DivertSpec is `divert-to HOST port PORT`.
type DivertSpec struct {
	Host *HostEntry `parser:"@@"`
	Port *PortSpec  `parser:"@@?"`
}

// PrioSpec is `N` or `(N, M)`.
type PrioSpec struct {
	Pos  Offset
	Prio *int  `parser:"  @Number"`
	Pair []int `parser:"| \"(\" @Number \",\"? @Number \")\""`
}

// QueueRef is a queue assignment: `q` or `(q, ackq)`.
type QueueRef struct {
	Pos    Offset
	EndPos Offset
	Name   *Str  `parser:"  @(Word | Quoted)"`
	Pair   []Str `parser:"| \"(\" @(Word | Quoted) ( \",\"? @(Word | Quoted) )? \")\""`
}

// SetAction is what follows `set` in a rule: `prio …`, `queue …`,
// `tos …`, `delay N`, or a `( … )` group of those.
type SetAction struct {
	Group []*SetItem `parser:"  \"(\" (@@ \",\"?)+ \")\""`
	Item  *SetItem   `parser:"| @@"`
}

// Items are the settings of the action: the group's, or its one item.
func (s *SetAction) Items() []*SetItem {
	if s.Item != nil {
		return []*SetItem{s.Item}
	}
	return s.Group
}

// SetItem is one of the settings of SetAction.
type SetItem struct {
	Pos    Offset
	EndPos Offset
	Prio   *PrioSpec `parser:"  \"prio\" @@"`
	Queue  *QueueRef `parser:"| \"queue\" @@"`
	Tos    *Str      `parser:"| \"tos\" @(Word | Number)"`
	Delay  *int      `parser:"| \"delay\" @Number"`
}

// Rate is `N/S`.
type Rate struct {
	Count   int `parser:"@Number \"/\""`
	Seconds int `parser:"@Number"`
}

// NumberPair is `N` or `(N, M)` (FreeBSD dummynet pipes and queues).
type NumberPair struct {
	One  *int  `parser:"  @Number"`
	Pair []int `parser:"| \"(\" @Number \",\"? @Number \")\""`
}

// Redirect is the target of nat-to, rdr-to, binat-to: addresses, an
// optional port and pool options.
type Redirect struct {
	Hosts *RedirSpec `parser:"@@"`
	Port  *PortSpec  `parser:"@@?"`
	Pool  []*PoolOpt `parser:"@@*"`
}

// PoolOpt is an address pool option.
type PoolOpt struct {
	Kind string `parser:"  @(\"bitmask\" | \"random\" | \"round-robin\" | \"least-states\" | \"static-port\" | \"sticky-address\" | \"prefer-ipv6-nexthop\" | \"endpoint-independent\")"`
	Hash bool   `parser:"| ( @\"source-hash\""`
	Key  *Str   `parser:"    @(Word | Quoted)? )"`
	MapE []Str  `parser:"| \"map-e-portset\" @(Number | Word) \"/\" @(Number | Word) \"/\" @(Number | Word)"`
}

// AfTo is `af-to inet6 from ADDR [to ADDR]`.
type AfTo struct {
	AF   string    `parser:"@(\"inet\" | \"inet6\")"`
	From *Redirect `parser:"\"from\" @@"`
	To   *Redirect `parser:"(\"to\" @@)?"`
}
