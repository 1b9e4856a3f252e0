package edit

import (
	"errors"
	"fmt"
	"slices"
)

// Edit replaces the bytes [Start, End) of the original text with NewText.
//
// Offsets always refer to the original bytes, never to the text as changed
// by other edits, so that edits made independently of each other (a lint
// fix, a translation, an LSP code action) can be combined without anyone
// shifting anyone else's positions. Start == End inserts NewText before the
// byte at Start; an empty NewText deletes.
type Edit struct {
	Start, End int
	NewText    string
}

// Errors returned by Apply, wrapped with the edits at fault; test for them
// with errors.Is.
var (
	ErrOutOfRange = errors.New("edit out of range")
	ErrOverlap    = errors.New("edits overlap")
)

// Apply returns a new slice holding src with edits applied. src and edits
// are not modified.
//
// The edits may come in any order: they are applied in order of Start (then
// End, so that an insertion at the start of a replaced range goes before the
// replacement). Insertions at the same offset keep the order they were
// given in. Edits that overlap, or that reach outside src, are an error and
// nothing is applied: one producer's edit silently eating another's would
// produce text nobody asked for.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	sorted, err := sortEdits(len(src), edits)
	if err != nil {
		return nil, err
	}
	size := len(src)
	for _, e := range sorted {
		size += len(e.NewText) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range sorted {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.NewText...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}

// sortEdits checks edits against a text of n bytes and returns a sorted
// copy. Errors name edits by their index in the caller's slice, since that
// is the order the caller knows them in.
func sortEdits(n int, edits []Edit) ([]Edit, error) {
	for i, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > n {
			return nil, fmt.Errorf("%w: edit %d %s in a text of %d bytes", ErrOutOfRange, i, span(e), n)
		}
	}
	order := make([]int, len(edits))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := edits[a].Start - edits[b].Start; c != 0 {
			return c
		}
		return edits[a].End - edits[b].End
	})
	sorted := make([]Edit, len(edits))
	for k, i := range order {
		sorted[k] = edits[i]
		if k > 0 {
			prev := edits[order[k-1]]
			if edits[i].Start < prev.End {
				return nil, fmt.Errorf("%w: edit %d %s and edit %d %s", ErrOverlap, order[k-1], span(prev), i, span(edits[i]))
			}
		}
	}
	return sorted, nil
}

// span writes the byte range of e the way the doc comments do.
func span(e Edit) string {
	return fmt.Sprintf("[%d,%d)", e.Start, e.End)
}
