package edit

import (
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// opKind is what a line of the edit script does, spelled as the unified
// diff spells it.
type opKind byte

const (
	opEqual  opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

// lineOp is one line of the edit script that turns the old text into the new.
type lineOp struct {
	kind opKind
	line string
}

// maxDiffLines bounds the lines diffmatchpatch is given. It encodes every
// distinct line as one rune and panics past about 1.1 million of them; far
// below that, texts go to coarseDiff instead.
const maxDiffLines = 1_000_000

// lineDiff returns a minimal edit script from old to new, line by line, with
// the deleted lines of each change before its inserted lines as diff -u
// prints them.
func lineDiff(old, new string) []lineOp {
	return lineDiffLimit(old, new, maxDiffLines)
}

// lineDiffLimit is lineDiff with the line bound as a parameter, so tests can
// reach the fallback without a million-line text.
func lineDiffLimit(old, new string, limit int) []lineOp {
	oldLines, newLines := splitLines(old), splitLines(new)

	// A line found in only one of the texts can never be context, so only
	// the lines found in both are diffed; the others fall between the
	// matches. The diff stays minimal, and a block rewritten from scratch
	// costs nothing: the diff's time grows with the number of differences
	// it has to find among the lines it is given. diff and git do the same.
	oldKept := linesIn(oldLines, newLines)
	newKept := linesIn(newLines, oldLines)
	if len(oldKept)+len(newKept) > limit {
		return coarseDiff(oldLines, newLines)
	}
	matches, ok := matchLines(joinLines(oldLines, oldKept), joinLines(newLines, newKept))
	if !ok {
		return coarseDiff(oldLines, newLines)
	}

	ops := make([]lineOp, 0, max(len(oldLines), len(newLines)))
	i, j := 0, 0 // next old and new lines not yet in ops
	for _, m := range matches {
		oi, nj := oldKept[m[0]], newKept[m[1]]
		for ; i < oi; i++ {
			ops = append(ops, lineOp{opDelete, oldLines[i]})
		}
		for ; j < nj; j++ {
			ops = append(ops, lineOp{opInsert, newLines[j]})
		}
		ops = append(ops, lineOp{opEqual, oldLines[oi]})
		i, j = oi+1, nj+1
	}
	for ; i < len(oldLines); i++ {
		ops = append(ops, lineOp{opDelete, oldLines[i]})
	}
	for ; j < len(newLines); j++ {
		ops = append(ops, lineOp{opInsert, newLines[j]})
	}
	return ops
}

// linesIn returns the indexes of the lines that also occur in other.
func linesIn(lines, other []string) []int {
	set := make(map[string]struct{}, len(other))
	for _, l := range other {
		set[l] = struct{}{}
	}
	var kept []int
	for i, l := range lines {
		if _, ok := set[l]; ok {
			kept = append(kept, i)
		}
	}
	return kept
}

// joinLines joins the lines at the given indexes back into one text. Only
// a file's last line can lack its newline and it stays last, so the text
// splits back into exactly these lines.
func joinLines(lines []string, indexes []int) string {
	var b strings.Builder
	for _, i := range indexes {
		b.WriteString(lines[i])
	}
	return b.String()
}

// matchLines diffs two texts line by line with diffmatchpatch and returns
// the pairs of (old, new) line indexes it keeps as equal, in order. ok is
// false if the diff does not account for the texts' lines one for one.
func matchLines(old, new string) (matches [][2]int, ok bool) {
	dmp := diffmatchpatch.New()
	// No deadline: past it diffmatchpatch gives up on a minimal diff, and the
	// output would then depend on the machine's speed and load.
	dmp.DiffTimeout = 0
	chars1, chars2, _ := dmp.DiffLinesToRunes(old, new)
	// checklines must be false: the runes already stand for whole lines, and
	// line mode would take the rune that encodes line 10 for a newline.
	diffs := dmp.DiffMainRunes(chars1, chars2, false)

	// Each rune of a diff is one line. Counting them, rather than turning
	// the runes back into text with DiffCharsToLines, lets the caller print
	// the input's own lines, byte for byte.
	i, j := 0, 0
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for k := range n {
				matches = append(matches, [2]int{i + k, j + k})
			}
			i, j = i+n, j+n
		case diffmatchpatch.DiffDelete:
			i += n
		case diffmatchpatch.DiffInsert:
			j += n
		}
	}
	// A mismatch would mean diffmatchpatch cut lines differently from
	// splitLines (a later version changing its rules): a correct diff that
	// is too big then beats a wrong one.
	return matches, i == len(splitLines(old)) && j == len(splitLines(new))
}

// coarseDiff keeps the common leading and trailing lines and replaces
// everything between them. It is always correct, and minimal when the
// texts differ in one place only.
func coarseDiff(oldLines, newLines []string) []lineOp {
	pre := 0
	for pre < len(oldLines) && pre < len(newLines) && oldLines[pre] == newLines[pre] {
		pre++
	}
	suf := 0
	for suf < len(oldLines)-pre && suf < len(newLines)-pre &&
		oldLines[len(oldLines)-1-suf] == newLines[len(newLines)-1-suf] {
		suf++
	}
	ops := make([]lineOp, 0, len(oldLines)+len(newLines)-pre-suf)
	for _, l := range oldLines[:pre] {
		ops = append(ops, lineOp{opEqual, l})
	}
	for _, l := range oldLines[pre : len(oldLines)-suf] {
		ops = append(ops, lineOp{opDelete, l})
	}
	for _, l := range newLines[pre : len(newLines)-suf] {
		ops = append(ops, lineOp{opInsert, l})
	}
	for _, l := range oldLines[len(oldLines)-suf:] {
		ops = append(ops, lineOp{opEqual, l})
	}
	return ops
}
