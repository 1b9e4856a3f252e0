package edit

// Before maps an offset in the text Apply makes of a text of n bytes with
// edits back to the original text: text no edit touched maps to where it
// stood, text an edit wrote to where that edit starts. A message about
// the changed text can then name the place the user wrote. Invalid edits
// (which Apply refuses) map every offset to itself.
func Before(n int, edits []Edit, off int) int {
	sorted, err := sortEdits(n, edits)
	if err != nil {
		return off
	}
	shift := 0 // how far the changed text has moved past the original
	for _, e := range sorted {
		start := e.Start + shift
		if off < start {
			break
		}
		if off < start+len(e.NewText) {
			return e.Start
		}
		shift += len(e.NewText) - (e.End - e.Start)
	}
	return min(max(off-shift, 0), n)
}
