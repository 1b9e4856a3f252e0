package model

import "github.com/pfshape/pfshape/grammar"

// Codes of the model's errors: pfctl's checks when it loads a ruleset.
// One constant per distinct complaint (see grammar.Code); where pfctl
// words it differently in different releases, the messages share it.
const (
	// ALTQNoScheduler is an altq line with no scheduler.
	ALTQNoScheduler grammar.Code = "altq-no-scheduler"
	// ALTQNoChildren is an altq line with no queue { … } list.
	ALTQNoChildren grammar.Code = "altq-no-children"
	// QueueExists is an ALTQ queue defined twice on an interface; Subject is the queue.
	QueueExists grammar.Code = "queue-exists"
	// QueueTbrsize is tbrsize on a queue (it belongs on the altq line).
	QueueTbrsize grammar.Code = "queue-tbrsize"
	// QueueErrors is pfctl's follow-up to an error in a queue definition.
	QueueErrors grammar.Code = "queue-errors"
	// QueueNoParent is an ALTQ queue that no altq line or parent lists; Subject is the queue.
	QueueNoParent grammar.Code = "queue-no-parent"
	// SchedulerMixed is two schedulers on one interface.
	SchedulerMixed grammar.Code = "scheduler-mixed"
	// PriqChildren is a PRIQ queue with children.
	PriqChildren grammar.Code = "priq-children"
	// PriqBandwidth is a PRIQ queue with a bandwidth.
	PriqBandwidth grammar.Code = "priq-bandwidth"
	// QueueSelfChild is a queue that lists itself as a child.
	QueueSelfChild grammar.Code = "queue-self-child"
	// ALTQParentUndefined is an ALTQ queue whose parent is not defined; Subject is the parent.
	ALTQParentUndefined grammar.Code = "altq-parent-undefined"
	// QueueBandwidthInvalid is a queue bandwidth pfctl cannot compute.
	QueueBandwidthInvalid grammar.Code = "queue-bandwidth-invalid"
	// QueueAboveInterface is a queue's bandwidth above the interface's.
	QueueAboveInterface grammar.Code = "queue-above-interface"
	// QueueAboveParent is a queue's bandwidth above its parent's.
	QueueAboveParent grammar.Code = "queue-above-parent"
	// PriorityRange is a queue priority out of the scheduler's range.
	PriorityRange grammar.Code = "priority-range"
	// PriqSamePriority is two PRIQ queues of an interface with one priority; Subject is the other queue.
	PriqSamePriority grammar.Code = "priq-same-priority"
	// DefaultNotLeaf is a default queue with children.
	DefaultNotLeaf grammar.Code = "default-not-leaf"
	// ALTQRootCount is a CBQ interface without one root queue; Subject is the interface.
	ALTQRootCount grammar.Code = "altq-root-count"
	// ALTQDefaultCount is an ALTQ interface without exactly one default queue; Subject is the interface.
	ALTQDefaultCount grammar.Code = "altq-default-count"
	// QueueRootNoInterface is a root queue without on <interface>.
	QueueRootNoInterface grammar.Code = "queue-root-no-interface"
	// QueueNoBandwidthOrFlows is a queue with neither bandwidth nor flows.
	QueueNoBandwidthOrFlows grammar.Code = "queue-no-bandwidth-or-flows"
	// QueueInAnchor is a queue defined in an anchor.
	QueueInAnchor grammar.Code = "queue-in-anchor"
	// QueueNotAdded is pfctl's follow-up to an error in a queue definition.
	QueueNotAdded grammar.Code = "queue-not-added"
	// QueueRootExists is a second root queue on an interface.
	QueueRootExists grammar.Code = "queue-root-exists"
	// QueueFlowsHierarchy is a flow queue root with children.
	QueueFlowsHierarchy grammar.Code = "queue-flows-hierarchy"
	// QueueNoBandwidth is a queue without a bandwidth.
	QueueNoBandwidth grammar.Code = "queue-no-bandwidth"
	// QueueNoDefault is a queue tree without a default queue.
	QueueNoDefault grammar.Code = "queue-no-default"
	// QueueParentUndefined is a queue whose parent is not defined; Subject is the parent.
	QueueParentUndefined grammar.Code = "queue-parent-undefined"
	// QueueLoop is a loop of parent queues.
	QueueLoop grammar.Code = "queue-loop"
	// QueueRespecified is a queue defined twice.
	QueueRespecified grammar.Code = "queue-respecified"
	// FlowQueueNotLeaf is a flow queue with children.
	FlowQueueNotLeaf grammar.Code = "flow-queue-not-leaf"
	// PrioRange is a prio or set prio out of 0-7.
	PrioRange grammar.Code = "prio-range"
	// IfnameTooLong is an interface name longer than pfctl's buffer
	// (IFNAMSIZ): `on IF` of a rule, an altq line or a queue.
	IfnameTooLong grammar.Code = "ifname-too-long"
	// QueueRedefined is a rule that assigns a queue twice (the queue
	// option and set queue, or either twice).
	QueueRedefined grammar.Code = "queue-redefined"
	// FlagsRedefined is a rule with two flags options.
	FlagsRedefined grammar.Code = "flags-redefined"
	// ICMPTypeRedefined is a rule with two icmp-type or icmp6-type options.
	ICMPTypeRedefined grammar.Code = "icmp-type-redefined"
	// TosRedefined is a rule that matches tos twice.
	TosRedefined grammar.Code = "tos-redefined"
	// StateRedefined is a rule with two state options (keep, modulate,
	// synproxy or no state).
	StateRedefined grammar.Code = "state-redefined"
	// LabelRedefined is a rule (or antispoof) with two labels where pfctl
	// takes one.
	LabelRedefined grammar.Code = "label-redefined"
	// LabelTooMany is a rule (or antispoof) with more labels than FreeBSD's
	// pfctl takes.
	LabelTooMany grammar.Code = "label-too-many"
	// PrioRedefined is a rule that matches prio twice.
	PrioRedefined grammar.Code = "prio-redefined"
	// SetPrioRedefined is a rule that sets prio twice.
	SetPrioRedefined grammar.Code = "set-prio-redefined"
	// SetTosRespecified is a rule that sets tos twice.
	SetTosRespecified grammar.Code = "set-tos-respecified"
	// SetDelayRespecified is a rule that sets a delay twice.
	SetDelayRespecified grammar.Code = "set-delay-respecified"
	// NatToRespecified is nat-to or binat-to after nat-to, binat-to or af-to.
	NatToRespecified grammar.Code = "nat-to-respecified"
	// RdrToRespecified is rdr-to after rdr-to or af-to.
	RdrToRespecified grammar.Code = "rdr-to-respecified"
	// AfToRespecified is af-to after nat-to, binat-to or af-to.
	AfToRespecified grammar.Code = "af-to-respecified"
	// ReceivedOnRespecified is a rule with two received-on options.
	ReceivedOnRespecified grammar.Code = "received-on-respecified"
	// MaxPktRateRespecified is a rule with two max-pkt-rate options.
	MaxPktRateRespecified grammar.Code = "max-pkt-rate-respecified"
	// QueueUndefined is a rule assigns a queue that is not defined; Subject is the queue.
	QueueUndefined grammar.Code = "queue-undefined"
	// QueueNotLeafAssigned is a rule assigns a queue with children; Subject is the queue.
	QueueNotLeafAssigned grammar.Code = "queue-not-leaf-assigned"
	// BinatTableSource is a table as a binat-to rule's source.
	BinatTableSource grammar.Code = "binat-table-source"
	// BinatNeedsAddresses is binat-to without source or redirect address.
	BinatNeedsAddresses grammar.Code = "binat-needs-addresses"
	// BinatDynamicMask is a dynamic interface without :0 in binat-to.
	BinatDynamicMask grammar.Code = "binat-dynamic-mask"
	// BinatMaskMismatch is binat-to source and redirect masks differ.
	BinatMaskMismatch grammar.Code = "binat-mask-mismatch"
	// BinatTableRedirect is a table as binat-to's redirect address.
	BinatTableRedirect grammar.Code = "binat-table-redirect"
	// BinatDirection is binat-to with a direction.
	BinatDirection grammar.Code = "binat-direction"
	// OSNotTCP is os on a rule that is not tcp.
	OSNotTCP grammar.Code = "os-not-tcp"
	// UserNotTCPUDP is user on a rule that is not tcp or udp.
	UserNotTCPUDP grammar.Code = "user-not-tcp-udp"
	// GroupNotTCPUDP is group on a rule that is not tcp or udp.
	GroupNotTCPUDP grammar.Code = "group-not-tcp-udp"
	// OverloadNeedsMaxSrcConn is overload without max-src-conn(-rate).
	OverloadNeedsMaxSrcConn grammar.Code = "overload-needs-max-src-conn"
	// KeepStateNotPass is keep state on a rule that is not pass.
	KeepStateNotPass grammar.Code = "keep-state-not-pass"
	// SloppyWithSynproxy is sloppy with synproxy or modulate state.
	SloppyWithSynproxy grammar.Code = "sloppy-with-synproxy"
	// TranslationNeedsKeepState is nat-to or rdr-to without keep state.
	TranslationNeedsKeepState grammar.Code = "translation-needs-keep-state"
	// TranslationNeedsDirection is nat-to or rdr-to without a direction.
	TranslationNeedsDirection grammar.Code = "translation-needs-direction"
	// DivertMoreThanOne is two divert options.
	DivertMoreThanOne grammar.Code = "divert-more-than-one"
	// DivertToOutgoing is divert-to on an outgoing rule.
	DivertToOutgoing grammar.Code = "divert-to-outgoing"
	// DivertAFMismatch is divert-to's address family not the rule's.
	DivertAFMismatch grammar.Code = "divert-af-mismatch"
	// DivertReplyIncoming is divert-reply on an incoming rule.
	DivertReplyIncoming grammar.Code = "divert-reply-incoming"
	// NetmaskTooLarge is a netmask longer than the address.
	NetmaskTooLarge grammar.Code = "netmask-too-large"
	// NetmaskInvalid is a netmask pfctl does not take.
	NetmaskInvalid grammar.Code = "netmask-invalid"
	// HostInvalid is a host pfctl cannot parse.
	HostInvalid grammar.Code = "host-invalid"
	// InterfaceNameInvalid is an interface name pfctl does not take.
	InterfaceNameInvalid grammar.Code = "interface-name-invalid"
	// InterfaceBadModifier is an unknown :modifier on an interface.
	InterfaceBadModifier grammar.Code = "interface-bad-modifier"
	// HostidZero is set hostid 0.
	HostidZero grammar.Code = "hostid-zero"
	// OptionValueInvalid is a value pfctl does not take for an option
	// (a word or a number out of range in keep state (max …), set
	// timeout, set limit, max-pkt-rate, set delay).
	OptionValueInvalid grammar.Code = "option-value-invalid"
	// ICMPValueInvalid is an icmp type or code above 255.
	ICMPValueInvalid grammar.Code = "icmp-value-invalid"
	// ProbabilityInvalid is a probability pfctl does not take.
	ProbabilityInvalid grammar.Code = "probability-invalid"
	// TableNameTooLong is a table name longer than pfctl's 31 characters.
	TableNameTooLong grammar.Code = "table-name-too-long"
	// QueueNameTooLong is a queue name longer than pfctl's 63 characters.
	QueueNameTooLong grammar.Code = "queue-name-too-long"
	// PoolTypeInvalid is a translation or routing pool whose addresses
	// (a table, an interface, a list) its pool type cannot use.
	PoolTypeInvalid grammar.Code = "pool-type-invalid"
	// PortInvalid is a port out of 0-65535.
	PortInvalid grammar.Code = "port-invalid"
	// ICMPTypeMismatch is icmp-type with the other family's protocol.
	ICMPTypeMismatch grammar.Code = "icmp-type-mismatch"
	// PortNotTCPUDP is a port on a rule that is not tcp or udp.
	PortNotTCPUDP grammar.Code = "port-not-tcp-udp"
	// RdrPortOperator is an rdr rule whose destination port is neither
	// one port nor a range a:b.
	RdrPortOperator grammar.Code = "rdr-port-operator"
	// ICMPTypeNotICMP is icmp-type on a rule that is not icmp.
	ICMPTypeNotICMP grammar.Code = "icmp-type-not-icmp"
	// ICMPTypeNeedsAF is icmp-type without inet or inet6.
	ICMPTypeNeedsAF grammar.Code = "icmp-type-needs-af"
	// ProtoAFMismatch is icmp or icmp6 with the other address family.
	ProtoAFMismatch grammar.Code = "proto-af-mismatch"
	// AllowOptsNotPass is allow-opts on a rule that is not pass.
	AllowOptsNotPass grammar.Code = "allow-opts-not-pass"
	// FragmentsIPOnly is fragment on a rule matching more than IP header fields.
	FragmentsIPOnly grammar.Code = "fragments-ip-only"
	// ReturnRSTNotTCP is return-rst on a rule that is not tcp.
	ReturnRSTNotTCP grammar.Code = "return-rst-not-tcp"
	// AFToNeedsIn is af-to on a rule that is not in.
	AFToNeedsIn grammar.Code = "af-to-needs-in"
	// AFToWithRoute is af-to with route-to, reply-to or dup-to.
	AFToWithRoute grammar.Code = "af-to-with-route"
	// AFMismatchTranslation is a translation address of the other family.
	AFMismatchTranslation grammar.Code = "af-mismatch-translation"
	// AFMismatchRouting is a routing address of the other family.
	AFMismatchRouting grammar.Code = "af-mismatch-routing"
	// RouteNeedsKeepState is route-to, reply-to or dup-to without keep state.
	RouteNeedsKeepState grammar.Code = "route-needs-keep-state"
	// RouteOnBlock is route-to, reply-to or dup-to on a block rule.
	RouteOnBlock grammar.Code = "route-on-block"
	// RouteOnMatch is route-to, reply-to or dup-to on a match rule.
	RouteOnMatch grammar.Code = "route-on-match"
	// FlagsNotTCP is flags on a rule that is not tcp.
	FlagsNotTCP grammar.Code = "flags-not-tcp"
	// AnchorState is state options on an anchor.
	AnchorState grammar.Code = "anchor-state"
	// AnchorRoute is route options on an anchor.
	AnchorRoute grammar.Code = "anchor-route"
	// RouteNeedsDirection is routing without in or out.
	RouteNeedsDirection grammar.Code = "route-needs-direction"
	// RuleNoCombination is a rule whose expansion leaves nothing.
	RuleNoCombination grammar.Code = "rule-no-combination"
	// ScrubRespecified is a scrub option given twice.
	ScrubRespecified grammar.Code = "scrub-respecified"
	// MinTTLInvalid is min-ttl out of range.
	MinTTLInvalid grammar.Code = "min-ttl-invalid"
	// MaxMSSInvalid is max-mss out of range.
	MaxMSSInvalid grammar.Code = "max-mss-invalid"
	// ReassembleNotTCP is scrub reassemble of a protocol other than tcp.
	ReassembleNotTCP grammar.Code = "reassemble-not-tcp"
	// SourceTrackIncompatible is a per-rule source limit with source-track global.
	SourceTrackIncompatible grammar.Code = "source-track-incompatible"
	// TableEntryInvalid is an entry an inline table cannot hold.
	TableEntryInvalid grammar.Code = "table-entry-invalid"
	// TagTooLong is a tag name longer than pfctl takes.
	TagTooLong grammar.Code = "tag-too-long"
	// LabelTooLong is a label longer than pfctl takes.
	LabelTooLong grammar.Code = "label-too-long"
	// HFSCM2Zero is an HFSC curve with no rate.
	HFSCM2Zero grammar.Code = "hfsc-m2-zero"
	// HFSCConvexM1 is a convex HFSC curve with m1.
	HFSCConvexM1 grammar.Code = "hfsc-convex-m1"
	// HFSCRealtime80 is HFSC real-time curves above 80% of the interface.
	HFSCRealtime80 grammar.Code = "hfsc-realtime-80"
	// HFSCLinkshareAboveParent is an HFSC link-share curve above its parent's.
	HFSCLinkshareAboveParent grammar.Code = "hfsc-linkshare-above-parent"
	// HFSCUpperlimitAboveInterface is an HFSC upper limit above the interface.
	HFSCUpperlimitAboveInterface grammar.Code = "hfsc-upperlimit-above-interface"
	// HFSCUpperlimitBelowRealtime is an HFSC upper limit below the real-time curve.
	HFSCUpperlimitBelowRealtime grammar.Code = "hfsc-upperlimit-below-realtime"
	// QueueOptionRespecified is a queue option given twice.
	QueueOptionRespecified grammar.Code = "queue-option-respecified"
	// QlimitRange is qlimit out of range.
	QlimitRange grammar.Code = "qlimit-range"
	// TbrsizeRange is tbrsize out of range.
	TbrsizeRange grammar.Code = "tbrsize-range"
	// FlowsRange is flows out of range.
	FlowsRange grammar.Code = "flows-range"
	// QuantumRange is quantum out of range.
	QuantumRange grammar.Code = "quantum-range"
	// SchedulerFlagUnknown is an unknown scheduler flag.
	SchedulerFlagUnknown grammar.Code = "scheduler-flag-unknown"
	// CurveRespecified is an HFSC curve given twice.
	CurveRespecified grammar.Code = "curve-respecified"
	// CurveTimingRange is an HFSC curve's d out of range.
	CurveTimingRange grammar.Code = "curve-timing-range"
	// CurveTimeUnit is an HFSC curve's d not in ms.
	CurveTimeUnit grammar.Code = "curve-time-unit"
	// BandwidthPercentUnsupported is a bandwidth in % where pfctl takes none.
	BandwidthPercentUnsupported grammar.Code = "bandwidth-percent-unsupported"
	// BandwidthInvalid is a bandwidth pfctl cannot read.
	BandwidthInvalid grammar.Code = "bandwidth-invalid"
)
