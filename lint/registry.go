package lint

import (
	"fmt"
	"strings"
)

// All returns the catalogue, in order of ID. The slice is new on every
// call; the rules are shared and must not be modified.
func All() []*Rule {
	return []*Rule{
		syntaxError, loadError, badSuppression,
		bandwidth32, undefinedQueue, unusedQueue, ackQueueLower, ackQueueSame,
		defaultQueue, priqSamePriority, priorityRange, queueNoParent, childAboveParent,
		childrenSum, hfscRealtime, nonLeafAssigned, truncatedPercent, bytesAsBits,
		altqRemoved, barePrio, scrubRemoved, natRemoved, statementOrder,
		undefinedMacro, unusedMacro, undefinedTable,
		deadRule, redundantRule, overriddenOption,
	}
}

// Lookup finds a rule by ID (PF101) or name (undefined-queue), ignoring
// case; nil when there is none.
func Lookup(idOrName string) *Rule {
	for _, r := range All() {
		if strings.EqualFold(r.ID, idOrName) || strings.EqualFold(r.Name, idOrName) {
			return r
		}
	}
	return nil
}

// Select returns the rules to run: those named in sel (all when sel is
// empty), less those named in ignore. Names are IDs or rule names.
func Select(sel, ignore []string) ([]*Rule, error) {
	pick := func(names []string) (map[string]bool, error) {
		out := map[string]bool{}
		for _, n := range names {
			for _, part := range strings.Split(n, ",") {
				part = strings.TrimSpace(part)
				if part == "" {
					continue
				}
				r := Lookup(part)
				if r == nil {
					return nil, fmt.Errorf("unknown rule %q (pfshape rules lists them)", part)
				}
				out[r.ID] = true
			}
		}
		return out, nil
	}
	s, err := pick(sel)
	if err != nil {
		return nil, err
	}
	ig, err := pick(ignore)
	if err != nil {
		return nil, err
	}
	var out []*Rule
	for _, r := range All() {
		if (len(s) == 0 || s[r.ID]) && !ig[r.ID] {
			out = append(out, r)
		}
	}
	return out, nil
}
