package grammar

// HostEntry is one element of an address list, possibly negated, possibly a
// nested `{ … }` list.
type HostEntry struct {
	Not  bool         `parser:"@\"!\"?"`
	List []*HostEntry `parser:"( \"{\" (@@ \",\"?)+ \"}\""`
	Host *Host        `parser:"| @@ )"`
}

// Host is one address: `any`, a name or address with an optional mask or
// range, `<table>`, `(interface)`, `route label`, `no-route`, `urpf-failed`.
type Host struct {
	Pos        Offset
	Any        bool     `parser:"  @\"any\""`
	NoRoute    bool     `parser:"| @\"no-route\""`
	UrpfFailed bool     `parser:"| @\"urpf-failed\""`
	Table      *Str     `parser:"| \"<\" @(Word | Quoted | Number) \">\""`
	Dynamic    *Dynamic `parser:"| @@"`
	Route      *Str     `parser:"| \"route\" @(Word | Quoted)"`
	Address    *Address `parser:"| @@"`
}

// Address is a name, an IPv4 or IPv6 address or network, or a range.
type Address struct {
	Pos     Offset
	Name    Str  `parser:"@(Word | Number | Quoted)"`
	Mask    *int `parser:"(\"/\" @Number)?"`
	RangeTo *Str `parser:"(\"-\" @(Word | Number))?"`
}

// Dynamic is `(em0)`, `(em0:network)`, or a route-to host `(em0 10.0.0.1)`.
type Dynamic struct {
	Pos   Offset
	Iface Str          `parser:"\"(\" @(Word | Quoted)"`
	Mask  *int         `parser:"(\"/\" @Number)?"`
	Hosts []*HostEntry `parser:"(\",\"? @@)* \")\""`
	Mask2 *int         `parser:"(\"/\" @Number)?"`
}

// RedirSpec is the address list of a translation or route option: one
// host or a `{ … }` list, each with an optional `weight N`. Unlike a
// from/to address it takes no `!`, `any` or `no-route`.
type RedirSpec struct {
	Hosts []*RedirHost `parser:"\"{\" (@@ \",\"?)+ \"}\" | @@"`
}

// RedirHost is one host of a RedirSpec.
type RedirHost struct {
	Table   *Str     `parser:"( \"<\" @(Word | Quoted | Number) \">\""`
	Dynamic *Dynamic `parser:"| @@"`
	Route   *Str     `parser:"| \"route\" @(Word | Quoted)"`
	Address *Address `parser:"| @@ )"`
	Weight  *int     `parser:"( \"weight\" @Number )?"`
}

// PortSpec is `port …`.
type PortSpec struct {
	Pos   Offset
	Items []*PortItem `parser:"\"port\" ( \"{\" (@@ \",\"?)+ \"}\" | @@ )"`
}

// PortItem is one port or port comparison: `80`, `ssh`, `!= 22`, `>= 1024`,
// `1000:2000`, `1000 <> 2000`, `1000 >< 2000`.
type PortItem struct {
	Pos  Offset
	Op   string `parser:"@(\"=\" | \"!=\" | \"<=\" | \">=\" | \"<\" | \">\")?"`
	From Str    `parser:"@(Word | Number | Quoted)"`
	Rng  string `parser:"( @(\"<>\" | \"><\" | \":\")"`
	To   *Str   `parser:"  @(Word | Number | Quoted) )?"`
}

// Interface is `on IF`, `on ! IF`, `on { IF … }`.
type Interface struct {
	Items []*IfItem `parser:"\"on\" ( \"{\" (@@ \",\"?)+ \"}\" | @@ )"`
}

// IfItem is one interface (or interface group) name.
type IfItem struct {
	Pos     Offset
	Not     bool `parser:"@\"!\"?"`
	Any     bool `parser:"( @\"any\""`
	Rdomain *int `parser:"| \"rdomain\" @Number"`
	Name    *Str `parser:"| @(Word | Quoted)"`
	Paren   *Str `parser:"| \"(\" @(Word | Quoted) \")\" )"`
}

// IDList is the operand of `user` and `group`: ids, names and ranges.
type IDList struct {
	Items []*PortItem `parser:"\"{\" (@@ \",\"?)+ \"}\" | @@"`
}
