package grammar

import "reflect"

// fallbackOffsets sets the Pos and EndPos of every node of a tree that
// participle built to at, the start of what it parsed. participle leaves
// an Offset zero (it fills only lexer.Positions), and the generated parser,
// which fills them exactly, parses every statement participle accepts; a
// tree of participle's is a fast-path bug (see parseTokens), and its
// nodes are put at the statement's start: coarse, but in the statement.
func fallbackOffsets(tree any, at Offset) {
	setOffsets(reflect.ValueOf(tree), at)
}

var offsetType = reflect.TypeFor[Offset]()

func setOffsets(v reflect.Value, at Offset) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			setOffsets(v.Elem(), at)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			setOffsets(v.Index(i), at)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			switch {
			case f.Type() == offsetType:
				if f.CanSet() {
					f.SetInt(int64(at))
				}
			case v.Type().Field(i).IsExported():
				setOffsets(f, at)
			}
		}
	}
}
