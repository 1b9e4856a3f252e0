package printer

import "github.com/pfshape/pfshape/internal/model"

// The names the printer looks up and prints (the assumed /etc/protocols,
// /etc/services and pfctl's ICMP names) are the model's tables, their one
// home; these are the printer's names for them. The printer checks for a
// number before it looks a name up.

func protoByName(s string) (uint8, bool)                     { return model.ProtoByName(s) }
func protoName(n uint8) (string, bool)                       { return model.ProtoName(n) }
func protoString(n uint8) string                             { return model.ProtoString(n) }
func serviceByName(name, proto string) (uint16, bool)        { return model.ServiceByName(name, proto) }
func serviceByPort(port uint16, proto string) (string, bool) { return model.ServiceByPort(port, proto) }
func icmpTypeByName(s string, af int) (uint8, bool)          { return model.ICMPTypeByName(s, af) }
func icmpTypeName(n uint8, af int) (string, bool)            { return model.ICMPTypeName(n, af) }
func icmpCodeByName(typ uint8, s string, af int, freebsd bool) (uint8, bool) {
	return model.ICMPCodeByName(typ, s, af, freebsd)
}
func icmpCodeName(typ, code uint8, af int, freebsd bool) (string, bool) {
	return model.ICMPCodeName(typ, code, af, freebsd)
}
