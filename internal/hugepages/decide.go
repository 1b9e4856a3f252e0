package hugepages

import "strings"

// Outcome is what Reserve did, and if nothing, why.
type Outcome int

// Outcomes of Reserve.
const (
	// Advised: the heap was grown and advised.
	Advised Outcome = iota
	// Unsupported: not Linux, not a 64-bit address space, or no
	// transparent huge pages in this kernel.
	Unsupported
	// TooSmall: fewer than minBytes asked for.
	TooSmall
	// ModeAlways: the kernel already backs every mapping with huge
	// pages it can.
	ModeAlways
	// ModeNever: transparent huge pages are off.
	ModeNever
	// Disabled: GODEBUG has disablethp=1.
	Disabled
	// StrictOvercommit: vm.overcommit_memory is 2.
	StrictOvercommit
	// Failed: madvise refused.
	Failed
)

var outcomeNames = [...]string{"advised", "unsupported", "too small", "THP always", "THP never", "disabled by GODEBUG", "strict overcommit", "madvise failed"}

func (o Outcome) String() string {
	if o >= 0 && int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "unknown"
}

const (
	hugePage = 2 << 20
	// minBytes is the least reserved. A 1k-line ruleset expects about
	// 6 MiB, and its lint measured 8-14% faster with the reservation
	// (10% at a threshold of 4 MiB against none at 8); below, in rulesets
	// of a few hundred lines, the collection that frees the reservation
	// weighs more against the few faults it can save.
	minBytes = 4 << 20
)

// system is what Reserve reads of the machine before deciding.
type system struct {
	thp        string // /sys/kernel/mm/transparent_hugepage/enabled
	overcommit string // /proc/sys/vm/overcommit_memory
	godebug    string // $GODEBUG
	free       uint64 // free memory in bytes
	wordBits   int    // strconv.IntSize: a 32-bit address space has no room to spare
}

// decide says how many bytes to reserve for a run that expects n, on
// sys: the outcome is Advised when there is something to reserve.
func decide(n int64, sys system) (int64, Outcome) {
	if sys.wordBits < 64 {
		return 0, Unsupported
	}
	if godebugDisablesTHP(sys.godebug) {
		return 0, Disabled
	}
	switch thpMode(sys.thp) {
	case "madvise":
	case "always":
		return 0, ModeAlways
	case "never":
		return 0, ModeNever
	default:
		return 0, Unsupported
	}
	if strings.TrimSpace(sys.overcommit) == "2" {
		return 0, StrictOvercommit
	}
	n = min(n, int64(sys.free/2))
	if n < minBytes {
		return 0, TooSmall
	}
	return n, Advised
}

// thpMode is the selected word of the kernel's THP setting, the one in
// brackets ("always [madvise] never" is madvise); "" if none is.
func thpMode(s string) string {
	i := strings.IndexByte(s, '[')
	j := strings.IndexByte(s, ']')
	if i < 0 || j < i {
		return ""
	}
	return s[i+1 : j]
}

// godebugDisablesTHP reports whether GODEBUG sets disablethp to
// something other than 0; the last setting wins, as in the runtime.
func godebugDisablesTHP(s string) bool {
	off := false
	for kv := range strings.SplitSeq(s, ",") {
		if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && k == "disablethp" {
			off = v != "0"
		}
	}
	return off
}
