package model

import (
	"strconv"

	"github.com/pfshape/pfshape/grammar"
)

// checkSetOption mirrors the checks of pfctl's `set` options that need
// no machine state: `set hostid` takes a non-zero number ("hostid must be
// non-zero").
func (b *builder) checkSetOption(s *grammar.Statement) {
	o := s.Option
	if o.Name != "hostid" || len(o.Args) != 1 || o.Args[0].Value == nil {
		return
	}
	n, err := strconv.ParseUint(o.Args[0].Value.Text(), 0, 64)
	if err == nil && n == 0 {
		b.parseErr(HostidZero, s.Position(o.Args[0].Pos), "hostid must be non-zero")
	}
}
