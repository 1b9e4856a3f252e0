package grammar

import "github.com/alecthomas/participle/v2"

// FilterOpt is one option after the from/to part of a rule (and of the
// other statements that take filter options): one of the Opt… types below,
// or a StateSpec or LimiterRef, which are options as they stand. Readers
// switch on its type. Each option is a node of its own kind, holding its
// position and its one value: a ruleset of 100,000 lines has about as
// many options, and a struct with a field for every kind cost 368 bytes
// an option.
type FilterOpt interface {
	// Bounds is where the option starts and where it ends, for
	// Statement.NodeSpan: edits replace or drop an option whole.
	Bounds() (pos, end Offset)
	filterOpt()
}

// filterOpts makes FilterOpt a participle union (in unionOptions):
// participle tries the kinds in this order, the order the grammar has
// always listed them in, and takes the first that matches. The generator
// of the fast parser (grammar/internal/fastgen) reads this list too: it is
// part of the grammar.
var filterOpts = participle.Union[FilterOpt](
	&OptUser{}, &OptGroup{}, &OptFlags{}, &OptIcmpType{}, &OptIcmp6Type{}, &OptTos{},
	&StateSpec{}, &OptFragment{}, &OptAllowOpts{}, &OptOnce{}, &OptLabel{}, &OptTag{},
	&OptTagged{}, &OptProbability{}, &OptRtable{}, &OptDivertTo{}, &OptDivertReply{},
	&OptDivertPacket{}, &OptPrio{}, &OptSet{}, &OptQueue{}, &OptMaxPktRate{},
	&OptMaxPktSize{}, &OptReceivedOn{}, &OptScrub{}, &OptNatTo{}, &OptRdrTo{},
	&OptBinatTo{}, &OptAfTo{}, &OptRoute{}, &OptDnpipe{}, &OptDnqueue{},
	&OptRidentifier{}, &OptL3{}, &LimiterRef{},
)

// OptPos is where a rule option starts and where it ends (the position of
// the token after it); every kind of FilterOpt embeds it, and with it the
// methods of the interface.
type OptPos struct {
	Pos    Offset
	EndPos Offset
}

// Bounds returns Pos and EndPos.
func (o *OptPos) Bounds() (pos, end Offset) { return o.Pos, o.EndPos }

func (*OptPos) filterOpt() {}

// OptUser is `user ID` or `user { … }`.
type OptUser struct {
	OptPos
	User *IDList `parser:"\"user\" @@"`
}

// OptGroup is `group ID` or `group { … }`.
type OptGroup struct {
	OptPos
	Group *IDList `parser:"\"group\" @@"`
}

// OptFlags is `flags S/SA`.
type OptFlags struct {
	OptPos
	Flags *Flags `parser:"\"flags\" @@"`
}

// OptIcmpType is `icmp-type TYPE [code CODE]` or a list of those.
type OptIcmpType struct {
	OptPos
	IcmpType *IcmpSpec `parser:"\"icmp-type\" @@"`
}

// OptIcmp6Type is `icmp6-type TYPE [code CODE]` or a list of those.
type OptIcmp6Type struct {
	OptPos
	Icmp6Type *IcmpSpec `parser:"\"icmp6-type\" @@"`
}

// OptTos is `tos N` or `tos NAME`.
type OptTos struct {
	OptPos
	Tos Str `parser:"\"tos\" @(Word | Number)"`
}

// OptFragment is `fragment`.
type OptFragment struct {
	OptPos
	Fragment bool `parser:"@\"fragment\""`
}

// OptAllowOpts is `allow-opts`.
type OptAllowOpts struct {
	OptPos
	AllowOpts bool `parser:"@\"allow-opts\""`
}

// OptOnce is `once`.
type OptOnce struct {
	OptPos
	Once bool `parser:"@\"once\""`
}

// OptLabel is `label TEXT`.
type OptLabel struct {
	OptPos
	Label Str `parser:"\"label\" @(Word | Quoted)"`
}

// OptTag is `tag NAME`.
type OptTag struct {
	OptPos
	Tag Str `parser:"\"tag\" @(Word | Quoted)"`
}

// OptTagged is `tagged NAME` or `! tagged NAME`.
type OptTagged struct {
	OptPos
	NotTagged bool `parser:"@\"!\"?"`
	Tagged    Str  `parser:"\"tagged\" @(Word | Quoted)"`
}

// OptProbability is `probability N%`.
type OptProbability struct {
	OptPos
	Probability Str `parser:"\"probability\" @(Word | Number)"`
}

// OptRtable is `rtable N`.
type OptRtable struct {
	OptPos
	Rtable int `parser:"\"rtable\" @Number"`
}

// OptDivertTo is `divert-to HOST port PORT`.
type OptDivertTo struct {
	OptPos
	DivertTo *DivertSpec `parser:"\"divert-to\" @@"`
}

// OptDivertReply is `divert-reply`.
type OptDivertReply struct {
	OptPos
	DivertReply bool `parser:"@\"divert-reply\""`
}

// OptDivertPacket is `divert-packet port PORT`.
type OptDivertPacket struct {
	OptPos
	DivertPacket *PortSpec `parser:"\"divert-packet\" @@"`
}

// OptPrio is `prio N`, or `prio (N, M)` on OpenBSD 5.0–5.1.
type OptPrio struct {
	OptPos
	Prio *PrioSpec `parser:"\"prio\" @@"`
}

// OptSet is `set prio …`, `set queue …`, `set tos …`, `set delay …` or a
// `set ( … )` group of those.
type OptSet struct {
	OptPos
	Set *SetAction `parser:"\"set\" @@"`
}

// OptQueue is `queue q` or `queue (q, ackq)`.
type OptQueue struct {
	OptPos
	Queue *QueueRef `parser:"\"queue\" @@"`
}

// OptMaxPktRate is `max-pkt-rate N/S`.
type OptMaxPktRate struct {
	OptPos
	MaxPktRate *Rate `parser:"\"max-pkt-rate\" @@"`
}

// OptMaxPktSize is `max-pkt-size N`.
type OptMaxPktSize struct {
	OptPos
	MaxPktSize int `parser:"\"max-pkt-size\" @Number"`
}

// OptReceivedOn is `received-on IF`.
type OptReceivedOn struct {
	OptPos
	ReceivedOn *IfItem `parser:"\"received-on\" @@"`
}

// OptScrub is `scrub ( … )`.
type OptScrub struct {
	OptPos
	Scrub []*OptionArg `parser:"\"scrub\" \"(\" (@@ \",\"?)* \")\""`
}

// OptNatTo is `nat-to ADDR …`.
type OptNatTo struct {
	OptPos
	NatTo *Redirect `parser:"\"nat-to\" @@"`
}

// OptRdrTo is `rdr-to ADDR …`.
type OptRdrTo struct {
	OptPos
	RdrTo *Redirect `parser:"\"rdr-to\" @@"`
}

// OptBinatTo is `binat-to ADDR …`.
type OptBinatTo struct {
	OptPos
	BinatTo *Redirect `parser:"\"binat-to\" @@"`
}

// OptAfTo is `af-to inet6 from ADDR [to ADDR]`.
type OptAfTo struct {
	OptPos
	AfTo *AfTo `parser:"\"af-to\" @@"`
}

// OptRoute is `route-to`, `reply-to`, `dup-to` or `fastroute` written
// among the options. The same RouteOpt also stands in the rule's head
// (RuleHead.Route), where it records no end; here OptPos does.
type OptRoute struct {
	OptPos
	Route *RouteOpt `parser:"@@"`
}

// OptDnpipe is FreeBSD's `dnpipe N` or `dnpipe (N, M)`.
type OptDnpipe struct {
	OptPos
	Dnpipe *NumberPair `parser:"\"dnpipe\" @@"`
}

// OptDnqueue is FreeBSD's `dnqueue N` or `dnqueue (N, M)`.
type OptDnqueue struct {
	OptPos
	Dnqueue *NumberPair `parser:"\"dnqueue\" @@"`
}

// OptRidentifier is FreeBSD's `ridentifier N`.
type OptRidentifier struct {
	OptPos
	Ridentifier int `parser:"\"ridentifier\" @Number"`
}

// OptL3 is FreeBSD's `l3`.
type OptL3 struct {
	OptPos
	L3 bool `parser:"@\"l3\""`
}
