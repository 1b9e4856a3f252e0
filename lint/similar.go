package lint

import "strings"

// didYouMean returns the candidate closest to name, when it is close
// enough to be a typo (case differences, or an edit distance of at most a
// third of the name), or "".
func didYouMean(name string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := distance(strings.ToLower(name), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > max(1, len(name)/3) {
		return ""
	}
	return best
}

// suggestion renders didYouMean's answer as the end of a message.
func suggestion(name string, candidates []string) string {
	if s := didYouMean(name, candidates); s != "" {
		return "; did you mean " + s + "?"
	}
	return ""
}

// distance is the edit distance in bytes, a swap of two neighbours
// counting as one edit (the commonest typo: shh for ssh, wbe for web).
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
