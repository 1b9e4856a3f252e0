package engine

import (
	"math/rand"
	"net/netip"
	"sort"
	"testing"

	"github.com/pfshape/pfshape/internal/model"
)

// TestPlainTableSets: the one-pass union of a table without negated
// entries is the union of its entries one at a time.
func TestPlainTableSets(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 500; n++ {
		var tb model.FilterTable
		for i := r.Intn(12); i > 0; i-- {
			af := 4
			if r.Intn(3) == 0 {
				af = 6
			}
			a, b := uint32(r.Intn(64)), uint32(r.Intn(64))
			if r.Intn(8) == 0 {
				a = 0
			}
			if r.Intn(8) == 0 {
				b = 1<<32 - 1
			}
			if b < a {
				a, b = b, a
			}
			lo, hi := u128Addr(u(uint64(a)), 4), u128Addr(u(uint64(b)), 4)
			if af == 6 {
				lo, hi = netip.AddrFrom16(lo.As16()), netip.AddrFrom16(hi.As16())
			}
			tb.Entries = append(tb.Entries, model.FilterHost{AF: af, Lo: lo, Hi: hi})
		}
		got, ok := plainTableSets(&tb)
		if !ok {
			t.Fatal("a table without negated entries is not plain")
		}
		var want [2]ivset
		for _, h := range tb.Entries {
			k := 0
			if h.AF == 6 {
				k = 1
			}
			want[k] = want[k].union(rng(addrU128(h.Lo), addrU128(h.Hi)))
		}
		for k := range want {
			if !got[k].equal(want[k]) || (got[k] == nil) != (want[k] == nil) {
				t.Fatalf("%v: got %v, want %v", tb.Entries, got[k], want[k])
			}
			if !sort.SliceIsSorted(got[k], func(i, j int) bool { return got[k][i].lo.less(got[k][j].lo) }) {
				t.Fatalf("not sorted: %v", got[k])
			}
		}
	}
}
