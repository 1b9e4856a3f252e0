package printer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	loader "github.com/pfshape/pfshape/internal/ruleset"

	"github.com/pfshape/pfshape/internal/target"
)

// FuzzPrint: printing never panics or hangs on a ruleset that parses,
// whatever the target, and prints nothing for a statement it reports as
// an error but what comes from the others. Rules are multiplied out, so
// the expansion bound is lowered to keep each run short.
func FuzzPrint(f *testing.F) {
	for _, glob := range []string{"../../testdata/examples/*.conf", "../../translate/testdata/*.conf"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b, uint8(0))
			}
		}
	}
	for i, s := range []string{
		"pass in on { em0 em1 } proto { tcp udp } from { 10.0.0.1 ::1 } to any port { 22 80 }\n",
		"match out on em0 from 10.0.0.1 to any binat-to 192.0.2.1\n",
		"ether pass in on em0 proto 0x0800 from 00:01:02:03:04:05/24 l3 from 10.0.0.0/8\n",
		"state limiter \"dns\" id 1 limit 10 rate 1/10\npass in proto udp state limiter \"dns\"\n",
		"anchor foo {\n pass in proto tcp to port 22\n}\nload anchor bar from \"/none\"\n",
		"altq on em0 cbq bandwidth 10Mb queue { a b }\nqueue a bandwidth 50% cbq(default)\nqueue b bandwidth 50%\n",
		"queue root on em0 bandwidth 10M\nqueue a parent root bandwidth 5M default\n",
	} {
		f.Add([]byte(s), uint8(i))
	}
	targets := []target.Target{target.Default, target.MustParse("openbsd-5.4"), target.MustParse("openbsd-5.1"),
		target.MustParse("openbsd-4.6"), target.MustParse("freebsd-12.1"), target.MustParse("freebsd")}
	defer func(n int) { maxExpandedRules = n }(maxExpandedRules)
	maxExpandedRules = 10_000
	noFiles := func(string) ([]byte, error) { return nil, os.ErrNotExist }
	f.Fuzz(func(t *testing.T, src []byte, which uint8) {
		tg := targets[int(which)%len(targets)]
		rs := loader.LoadBytes("fuzz.conf", src, loader.Options{Target: tg, ReadFile: noFiles})
		if len(rs.File.Errors) > 0 {
			return // print refuses a file that does not parse
		}
		done := make(chan string, 1)
		go func() {
			var b strings.Builder
			_ = Print(&b, rs, Options{})
			done <- b.String()
		}()
		select {
		case out := <-done:
			if strings.Count(out, "\n") > 4*maxExpandedRules+len(src) {
				t.Fatalf("printed %d lines past the bound for %q", strings.Count(out, "\n"), src)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("print hangs on %s for %q", tg, src)
		}
	})
}
