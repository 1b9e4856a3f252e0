package model

// Scheduler is an ALTQ queueing discipline, chosen on the `altq on` line.
type Scheduler string

// The schedulers pfctl knows. FAIRQ and CODEL are FreeBSD's.
const (
	NoScheduler Scheduler = ""
	CBQ         Scheduler = "cbq"
	PRIQ        Scheduler = "priq"
	HFSC        Scheduler = "hfsc"
	FAIRQ       Scheduler = "fairq"
	CODEL       Scheduler = "codelq"
)

// flagName is the scheduler's name in pfctl's "unknown %s flag" message.
func (s Scheduler) flagName() string {
	if s == CODEL {
		return "codel"
	}
	return string(s)
}

// maxPriority is the highest queue priority the scheduler takes, and
// whether it checks one at all (HFSC and FAIRQ ignore priority).
func (s Scheduler) maxPriority() (int, bool) {
	switch s {
	case CBQ:
		return 7, true // CBQ_MAXPRI - 1
	case PRIQ:
		return 15, true // PRIQ_MAXPRI - 1
	}
	return 0, false
}

// Flags are the scheduler flags of a queue: `cbq(default borrow)`,
// `hfsc(red ecn)`, …
type Flags struct {
	Default   bool
	Borrow    bool
	RED       bool
	ECN       bool
	RIO       bool
	ClearDSCP bool
	CoDel     bool
}

// set turns a flag word on and reports whether the word is a flag.
func (f *Flags) set(word string) bool {
	switch word {
	case "default":
		f.Default = true
	case "borrow":
		f.Borrow = true
	case "red":
		f.RED = true
	case "ecn":
		f.RED, f.ECN = true, true // pfctl: ecn implies red
	case "rio":
		f.RIO = true
	case "cleardscp":
		f.ClearDSCP = true
	case "codel":
		f.CoDel = true
	default:
		return false
	}
	return true
}
