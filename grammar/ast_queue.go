package grammar

// Altq is `altq on IF [scheduler] [bandwidth BW] [qlimit N] [tbrsize N]
// queue { … }`: the root of an ALTQ tree on an interface.
type Altq struct {
	Pos      Offset
	Ifaces   []Str       `parser:"\"altq\" \"on\" ( \"{\" ( @(Word | Quoted) \",\"? )+ \"}\" | @(Word | Quoted) )"`
	Opts     []*QueueOpt `parser:"@@*"`
	Children *QueueList  `parser:"(\"queue\" @@)?"`
}

// QueueDef is a queue definition: an ALTQ child queue (`queue` before
// OpenBSD 5.5 and on FreeBSD, `oldqueue` on OpenBSD 5.5), or a queue of the
// queueing that replaced ALTQ (`queue NAME on IF …`, `queue NAME parent P …`,
// OpenBSD 5.5 and later). Which one it is depends on the target; the
// semantic pass sorts them out.
type QueueDef struct {
	Keyword  string      `parser:"@(\"queue\" | \"oldqueue\")"`
	Name     Str         `parser:"@(Word | Quoted)"`
	Opts     []*QueueOpt `parser:"(@@ \",\"?)*"`
	Children *QueueList  `parser:"@@?"`
}

// QueueList is the list of child queues: `{ a, b }` or one name.
type QueueList struct {
	Pos   Offset
	Names []Str `parser:"\"{\" ( @(Word | Quoted) \",\"? )+ \"}\" | @(Word | Quoted)"`
}

// QueueOpt is one option of an altq or queue line.
type QueueOpt struct {
	Pos       Offset
	EndPos    Offset
	On        *Interface `parser:"  @@"`
	Parent    *Str       `parser:"| \"parent\" @(Word | Quoted)"`
	Bandwidth *Bandwidth `parser:"| \"bandwidth\" @@"`
	Min       *Bandwidth `parser:"| \"min\" @@"`
	Max       *Bandwidth `parser:"| \"max\" @@"`
	Priority  *int       `parser:"| \"priority\" @Number"`
	Qlimit    *int       `parser:"| \"qlimit\" @Number"`
	Tbrsize   *int       `parser:"| \"tbrsize\" @Number"`
	Flows     *int       `parser:"| \"flows\" @Number"`
	Quantum   *int       `parser:"| \"quantum\" @Number"`
	Default   bool       `parser:"| @\"default\""`
	Scheduler *Scheduler `parser:"| @@"`
}

// Bandwidth is a bandwidth value (`10Mb`, `20%`, `1000000`) with an
// optional burst: `… burst 2M for 100ms`.
type Bandwidth struct {
	Pos      Offset
	EndPos   Offset
	Value    Str  `parser:"@(Word | Number)"`
	Burst    *Str `parser:"( \"burst\" @(Word | Number)"`
	BurstFor *Str `parser:"  \"for\" @(Word | Number) )?"`
}

// Scheduler is `cbq`, `priq`, `hfsc`, `fairq` or `codelq`, with options in
// parentheses.
type Scheduler struct {
	Name string      `parser:"@(\"cbq\" | \"priq\" | \"hfsc\" | \"fairq\" | \"codelq\")"`
	Opts []*SchedOpt `parser:"( \"(\" (@@ \",\"?)* \")\" )?"`
}

// SchedOpt is one scheduler option: a flag (`default`, `borrow`, `red`,
// `ecn`, `rio`, `cleardscp`, `codel`), a service curve (`linkshare`,
// `realtime`, `upperlimit`), or a FAIRQ/CoDel parameter.
type SchedOpt struct {
	Pos   Offset
	Flag  *Str          `parser:"  @(\"default\" | Word)"`
	Curve string        `parser:"| @(\"linkshare\" | \"realtime\" | \"upperlimit\")"`
	SC    *ServiceCurve `parser:"  @@"`
	Param string        `parser:"| @(\"buckets\" | \"hogs\" | \"target\" | \"interval\")"`
	Value *Str          `parser:"  @(Word | Number)"`
}

// ServiceCurve is `BW` or `(m1 d m2)`: m1 for d milliseconds, then m2.
type ServiceCurve struct {
	Pos Offset
	M1  *Str `parser:"  \"(\" @(Word | Number) \",\"?"`
	D   *Str `parser:"    @(Word | Number) \",\"?"`
	M2  *Str `parser:"    @(Word | Number) \")\""`
	BW  *Str `parser:"| @(Word | Number)"`
}
