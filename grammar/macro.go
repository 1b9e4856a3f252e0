package grammar

import "sort"

// maxMacroLen caps the text of one macro. pfctl grows its buffers without a
// limit, but a ruleset whose macros double in size on every line would
// exhaust memory long before it means anything; 1 MiB is far above any real
// macro (a list of thousands of addresses) and keeps hostile input bounded.
const maxMacroLen = 1 << 20

// Macro is one macro definition: from the file (`name = value`) or from the
// command line (`-D name=value`, which later definitions do not override,
// as with pfctl).
type Macro struct {
	Name     string
	Value    string
	Defined  Position // zero for -D
	Override bool     // from -D
	Used     bool
}

// Macros is the symbol table. A macro must be defined before it is used.
type Macros struct {
	byName map[string]*Macro
	order  []*Macro
}

// NewMacros makes a symbol table holding the -D overrides.
func NewMacros(overrides map[string]string) *Macros {
	m := &Macros{byName: map[string]*Macro{}}
	names := make([]string, 0, len(overrides))
	for n := range overrides {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		mac := &Macro{Name: n, Value: overrides[n], Override: true}
		m.byName[n] = mac
		m.order = append(m.order, mac)
	}
	return m
}

// Define records a definition from the file; a -D override of the same name
// wins, as pfctl's symset(…, 0) leaves persistent symbols alone.
func (m *Macros) Define(name, value string, at Position) {
	if old, ok := m.byName[name]; ok {
		if old.Override {
			return
		}
		old.Value, old.Defined = value, at
		return
	}
	mac := &Macro{Name: name, Value: value, Defined: at}
	m.byName[name] = mac
	m.order = append(m.order, mac)
}

// Lookup returns a macro's value.
func (m *Macros) Lookup(name string) (string, bool) {
	mac, ok := m.byName[name]
	if !ok {
		return "", false
	}
	return mac.Value, true
}

func (m *Macros) use(name string) {
	if mac, ok := m.byName[name]; ok {
		mac.Used = true
	}
}

// All returns the macros in order of definition (-D overrides first).
func (m *Macros) All() []*Macro { return append([]*Macro(nil), m.order...) }
