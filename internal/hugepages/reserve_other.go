//go:build !linux

package hugepages

// Reserve does nothing off Linux: FreeBSD promotes superpages by itself,
// and the other systems pfshape builds for have no such advice.
func Reserve(n int64) (int64, Outcome) {
	if n < minBytes {
		return 0, TooSmall
	}
	return 0, Unsupported
}
