package translate

import (
	"fmt"
	"strings"

	"github.com/pfshape/pfshape/internal/model"
	"github.com/pfshape/pfshape/internal/target"
)

// Mode is what ALTQ queueing becomes.
type Mode string

const (
	// ToPrio turns queue assignments into `set prio`: order, no bandwidth.
	// The zero Mode is ToPrio.
	ToPrio Mode = "prio"
	// ToQueues turns ALTQ trees into OpenBSD's queues (`queue NAME on IF
	// bandwidth …`, `queue NAME parent P …`) and queue assignments into
	// `set queue`. PRIQ, which has no bandwidth, becomes `set prio`.
	ToQueues Mode = "queues"
	// ToBoth does ToQueues and adds the `set prio` of ToPrio to every
	// rule that assigns a queue.
	ToBoth Mode = "both"
)

// ParseMode reads a --to value.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case "", ToPrio:
		return ToPrio, nil
	case ToQueues, ToBoth:
		return m, nil
	}
	return "", fmt.Errorf("unknown translation %q: want prio, queues or both", s)
}

// shapes reports whether the mode builds queue trees.
func (m Mode) shapes() bool { return m == ToQueues || m == ToBoth }

// speedTarget reads --ifspeed values with the units of the new queues.
var speedTarget = target.MustParse("openbsd")

// ParseIfSpeed reads an --ifspeed value, `IF=BW`, with BW in the units of
// OpenBSD's queues: a number of bit/s, or a number with K, M or G (an
// optional b, B, bit or Bit after it). Percentages make no sense here.
func ParseIfSpeed(s string) (string, uint64, error) {
	name, bw, ok := strings.Cut(s, "=")
	if !ok || name == "" || bw == "" {
		return "", 0, fmt.Errorf("--ifspeed %q: want IF=BW, such as em0=100M", s)
	}
	number := strings.Trim(bw, "0123456789") == ""
	b, msg := model.ParseBandwidth(bw, number, speedTarget)
	switch {
	case msg != "":
		return "", 0, fmt.Errorf("--ifspeed %s: %s (units are K, M, G: 100M, 1500K, 1G)", s, msg)
	case b.IsPercent:
		return "", 0, fmt.Errorf("--ifspeed %s: a percentage of what? give the interface's speed, such as %s=100M", s, name)
	case b.Bits == 0:
		return "", 0, fmt.Errorf("--ifspeed %s: the speed must be above 0", s)
	}
	return name, b.Bits, nil
}
