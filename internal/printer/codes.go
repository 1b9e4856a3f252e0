package printer

import "github.com/pfshape/pfshape/grammar"

// Codes of the printer's errors (see grammar.Code); where the printer
// finds what the model's checks find, it uses the model's code.
const (
	// EtherNotFreeBSD is an ether rule on a target other than FreeBSD.
	EtherNotFreeBSD grammar.Code = "ether-not-freebsd"
	// EtherRuleInvalid is an ether rule pfctl does not take.
	EtherRuleInvalid grammar.Code = "ether-rule-invalid"
	// EtherAnchorUnnamed is an ether anchor with neither a name nor rules.
	EtherAnchorUnnamed grammar.Code = "ether-anchor-unnamed"
	// PortUnknown is a port name not in /etc/services.
	PortUnknown grammar.Code = "port-unknown"
	// ProtocolUnknown is a protocol name not in /etc/protocols.
	ProtocolUnknown grammar.Code = "protocol-unknown"
	// ICMPTypeUnknown is an icmp-type name pfctl does not know.
	ICMPTypeUnknown grammar.Code = "icmp-type-unknown"
	// ICMPCodeUnknown is an icmp-code name pfctl does not know.
	ICMPCodeUnknown grammar.Code = "icmp-code-unknown"
	// TooManyRules is a rule or ruleset expanding to more rules than
	// pfshape prints.
	TooManyRules grammar.Code = "too-many-rules"
	// LimiterInvalid is a state or source limiter pfctl does not take.
	LimiterInvalid grammar.Code = "limiter-invalid"
	// LimiterRedefined is a limiter defined twice.
	LimiterRedefined grammar.Code = "limiter-redefined"
	// LimiterOptionUnknown is an unknown option of a limiter reference.
	LimiterOptionUnknown grammar.Code = "limiter-option-unknown"
	// LimiterUndefined is a reference to a limiter not defined.
	LimiterUndefined grammar.Code = "limiter-undefined"
	// UserOrGroupUnknown is a user or group name the machine does not know.
	UserOrGroupUnknown grammar.Code = "user-or-group-unknown"
)
