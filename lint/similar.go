package lint

import "strings"

// didYouMean returns the candidate closest to name, when it is close
// enough to be a typo (case differences, or an edit distance of at most a
// third of the name), or "".
func didYouMean(name string, candidates []string) string {
	// Only a candidate within limit edits is an answer, and the distance
	// is at least the difference of the lengths: the others are skipped
	// without computing it, so that thousands of undefined names against
	// thousands of defined ones (a hostile ruleset) stay cheap.
	limit := max(1, len(name)/3)
	lname := strings.ToLower(name)
	var rows [3][]int
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == name || abs(len(c)-len(name)) >= bestDist {
			continue
		}
		if d := distance(lname, strings.ToLower(c), bestDist-1, &rows); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// suggestion renders didYouMean's answer as the end of a message.
func suggestion(name string, candidates []string) string {
	return meant(didYouMean(name, candidates))
}

// meant is the words of a suggestion didYouMean found ("" for none).
func meant(want string) string {
	if want == "" {
		return ""
	}
	return "; did you mean " + want + "?"
}

// distance is the edit distance in bytes, a swap of two neighbours
// counting as one edit (the commonest typo: shh for ssh, wbe for web). It
// stops at limit+1 once no alignment can stay within limit; rows are
// reused from one call to the next.
func distance(a, b string, limit int, rows *[3][]int) int {
	for i := range rows {
		if cap(rows[i]) < len(b)+1 {
			rows[i] = make([]int, len(b)+1)
		}
		rows[i] = rows[i][:len(b)+1]
	}
	prev2, prev, cur := rows[0], rows[1], rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			low = min(low, cur[j])
		}
		// A swap reaches back two rows, so both must be past the limit.
		if low > limit && i > 1 && minOf(prev) > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func minOf(r []int) int {
	m := r[0]
	for _, v := range r[1:] {
		m = min(m, v)
	}
	return m
}
