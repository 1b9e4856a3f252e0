package queueview

import (
	"fmt"
	"path/filepath"

	"github.com/pfshape/pfshape/internal/model"
)

// feeds finds the rules that assign each queue name.
type feeds struct {
	file   string
	rules  []*model.Rule
	ifaces map[string]bool // interfaces with queues
}

func newFeeds(m *model.Model, file string) *feeds {
	f := &feeds{file: file, rules: m.Rules, ifaces: map[string]bool{}}
	for _, i := range m.Interfaces {
		f.ifaces[i.Name] = true
	}
	for _, r := range m.QueueTrees {
		f.ifaces[r.Interface] = true
	}
	return f
}

// of lists where the rules that may assign queue name on iface are, for
// data and for ACKs. A rule counts unless its `on` names only interfaces
// that have queues and iface is not one of them, or excludes iface: a rule
// on an interface group or on no interface may send to any interface.
func (f *feeds) of(name, iface string) (data, ack []string) {
	for _, r := range f.rules {
		if r.Queue == nil || !f.mayUse(r, iface) {
			continue
		}
		at := f.where(r)
		if r.Queue.Name == name {
			data = append(data, at)
		}
		if r.Queue.Ack == name && r.Queue.Ack != r.Queue.Name {
			ack = append(ack, at)
		}
	}
	return data, ack
}

func (f *feeds) mayUse(r *model.Rule, iface string) bool {
	positive, named, other := false, false, true
	for _, on := range r.Interfaces {
		if on.Not {
			if on.Name == iface {
				return false
			}
			continue
		}
		positive = true
		if on.Name == iface {
			named = true
		}
		if !f.ifaces[on.Name] {
			other = false
		}
	}
	return !positive || named || !other
}

// where is a rule's place: its line, with the file's name when it is in
// an included file.
func (f *feeds) where(r *model.Rule) string {
	if r.Pos.File != "" && r.Pos.File != f.file {
		return fmt.Sprintf("%s:%d", filepath.Base(r.Pos.File), r.Pos.Line)
	}
	return fmt.Sprint(r.Pos.Line)
}
