package printer

// portOp is a port, user or group comparison, pfctl's PF_OP_*.
type portOp uint8

const (
	opNone portOp = iota
	opIRG         // a >< b
	opEQ
	opNE
	opLT
	opLE
	opGT
	opGE
	opXRG // a <> b
	opRRG // a:b
)

// portSpec is one port comparison (ports in host order).
type portSpec struct {
	op   portOp
	a, b uint16
}

// idSpec is one user or group comparison.
type idSpec struct {
	op   portOp
	a, b uint32
}

// Pool types and options, pfctl's PF_POOL_*.
const (
	poolNone = iota
	poolBitmask
	poolRandom
	poolSrcHash
	poolRoundRobin
	poolLeastStates
)

// pool is a translation or routing address pool (pf_pool).
type pool struct {
	addr                addrWrap
	ifname              string
	proxy               [2]uint16
	portOp              portOp
	typ                 int
	sticky              bool
	key                 [4]uint32
	hasKey              bool
	static              bool // static-port was given
	endpointIndependent bool
	ipv6NextHop         bool // PF_POOL_IPV6NH
	mapE                [3]int
	// list is the pool's addresses when FreeBSD keeps them in the rule
	// instead of an automatic table.
	list []host
}

// Keep-state kinds, pfctl's PF_STATE_*.
const (
	stateNone = iota
	stateNormal
	stateModulate
	stateSynproxy
)

// Directions.
const (
	dirInOut = iota
	dirIn
	dirOut
)

// Log flags, pfctl's PF_LOG*.
const (
	logOn      = 1
	logAll     = 2
	logUser    = 4
	logMatches = 16
)

// Timeouts in pf's enum order (PFTM_*), which is the order pfctl prints
// them in a rule's state options.
var timeoutNames = []string{
	"tcp.first", "tcp.opening", "tcp.established", "tcp.closing",
	"tcp.finwait", "tcp.closed", "udp.first", "udp.single", "udp.multiple",
	"icmp.first", "icmp.error", "other.first", "other.single",
	"other.multiple", "frag", "interval", "adaptive.start", "adaptive.end",
	"src.track", "tcp.tsdiff",
}

func timeoutIndex(name string) int {
	for i, n := range timeoutNames {
		if n == name {
			return i
		}
	}
	return -1
}

const (
	tmAdaptiveStart = 16
	tmAdaptiveEnd   = 17
	tmSrcNode       = 18
)

// Divert kinds.
const (
	divertNone = iota
	divertTo
	divertReply
	divertPacket
)

// Route kinds.
const (
	rtNone = iota
	rtRouteTo
	rtReplyTo
	rtDupTo
	rtFastRoute
)

type ruleAddr struct {
	addr addrWrap
	neg  bool
	port portSpec
}

// rule is one rule as pfctl hands it to the kernel (pf_rule), after
// expansion: the thing pfctl -nv prints one line for.
type rule struct {
	action     string // pass, block, match, scrub, nat, rdr, binat, anchor kinds
	no         bool   // `no nat`, `no rdr`, `no binat`, `no scrub`
	anchorCall string // the anchor name for anchor rules ("" otherwise)
	isAnchor   bool
	anchorKind string
	anchorRS   *ruleset // an inline anchor's own ruleset

	// block
	ret         string // "", "return", "return-rst", "return-icmp", "drop"
	returnTTL   int
	returnICMP  [2]uint8 // type, code
	returnICMP6 [2]uint8

	direction int
	log       int
	logif     int
	quick     bool
	ifname    string
	ifnot     bool
	onrdomain int
	af        int
	proto     uint8
	src, dst  ruleAddr
	os        string
	rcvIf     string
	rcvNot    bool
	uid, gid  idSpec

	flags, flagset uint8
	flagsAny       bool  // `flags any` was written
	icmpType       uint8 // type+1, 0 for none
	icmpCode       uint8 // code+1, 0 for none
	tos            uint8
	prio           uint8 // match prio + 0; 0xff for prio 0
	hasPrio        bool
	pktrate        [2]uint32
	maxPktSize     int

	setPrio    [2]uint8
	hasSetPrio bool
	qname      string
	pqname     string
	setTos     uint8
	hasSetTos  bool
	delay      uint16
	hasDelay   bool

	keepState int
	prob      uint32

	maxStates, maxSrcNodes, maxSrcStates, maxSrcConn uint32
	maxSrcConnRate                                   [2]uint32
	noSync, srcTrack, ruleSrcTrack, ifBound, sloppy  bool
	pflow, floating                                  bool
	timeouts                                         [20]uint32
	overload                                         string
	flush, flushGlobal                               bool

	fragment    bool
	nodf        bool
	randomID    bool
	reassTCP    bool
	minTTL      int
	maxMSS      int
	setTOSScrub int
	hasScrubTos bool
	fragReass   string // old scrub: "", "reassemble", "crop", "drop-ovl"

	allowOpts   bool
	label       string
	tag         string
	matchTag    string
	matchTagNot bool
	once        bool
	rtable      int

	divert     int
	divertAddr pfAddr
	divertAF   int
	divertPort uint16

	nat, rdr, route pool
	hasNat, hasRdr  bool
	rt              int
	naf             int
	afto            bool

	// old-style translation rules (FreeBSD; OpenBSD before 4.7)
	pass bool // nat pass / rdr pass
	// limiters are the rule's `state limiter` and `source limiter`.
	limiters []limiterRef
	// ether is set for a FreeBSD layer-2 rule, which shares nothing else
	// with a pf_rule.
	ether *etherRule

	// category is the ruleset FreeBSD loads the rule into: scrub, ether,
	// nat, rdr, binat, or "" for filter rules.
	category string
	nr       int
}
