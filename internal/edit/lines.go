package edit

import "strings"

// splitLines cuts text after every newline. Each line keeps its "\n" (and a
// "\r" before it), so lines rejoin to the exact bytes and a last line without
// a newline differs from the same line with one: that is what lets the diff
// show an added or removed final newline. Text without bytes has no lines.
//
// It cuts exactly where diffmatchpatch's DiffLinesToRunes cuts, which
// lineDiff relies on to map the runes of its diff back to these lines.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
