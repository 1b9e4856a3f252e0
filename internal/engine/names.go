package engine

// NameIfaces numbers interfaces the rules need not name (the interfaces
// of altq lines or queue trees, say), so that classes tell each of them
// apart from every other interface. It must be called before Joint and
// before the engine evaluates anything.
func (e *Engine) NameIfaces(names ...string) {
	for _, n := range names {
		if n != "" && n != "any" {
			e.internIface(n)
		}
	}
}
