package edit

import "sort"

// Mapping maps offsets in the text Apply makes of a text with edits back
// to the original text: text no edit touched maps to where it stood, text
// an edit wrote to where that edit starts. A message about the changed
// text can then name the place the user wrote. Made once for a set of
// edits, each lookup is a binary search.
type Mapping struct {
	edits []Edit
	// out[i] is where edit i's text starts in the changed text; shift[i]
	// how far the changed text after it has moved past the original.
	out, shift []int
}

// NewMapping makes the mapping for edits to a text of n bytes. Invalid
// edits (which Apply refuses) map every offset to itself.
func NewMapping(n int, edits []Edit) *Mapping {
	sorted, err := sortEdits(n, edits)
	if err != nil {
		return &Mapping{}
	}
	m := &Mapping{edits: sorted, out: make([]int, len(sorted)), shift: make([]int, len(sorted))}
	shift := 0
	for i, e := range sorted {
		m.out[i] = e.Start + shift
		shift += len(e.NewText) - (e.End - e.Start)
		m.shift[i] = shift
	}
	return m
}

// Before is the offset in the original text of offset off of the changed
// text.
func (m *Mapping) Before(off int) int {
	// The last edit whose text starts at or before off: an edit before
	// it that starts at the same place wrote nothing.
	i := sort.SearchInts(m.out, off+1) - 1
	if i < 0 {
		return off
	}
	if e := m.edits[i]; off < m.out[i]+len(e.NewText) {
		return e.Start
	}
	return off - m.shift[i]
}
