package grammar

import (
	"os"
	"reflect"
	"sort"
	"testing"
)

func TestZZCount(t *testing.T) {
	src, err := os.ReadFile("/tmp/gen100k.conf")
	if err != nil {
		t.Skip()
	}
	f, _ := Parse("x", src, Options{})
	counts := map[string]int{}
	bytes := map[string]uintptr{}
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Struct:
			if v.Type().Name() == "Source" || v.Type().Name() == "File" || v.Type().Name() == "Statement" || v.Type().Name() == "Token" || v.Type().Name() == "MacroRef" {
				return
			}
			if _, ok := v.Type().FieldByName("EndPos"); ok {
				counts[v.Type().Name()]++
				bytes[v.Type().Name()] += v.Type().Size()
			}
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() || v.Field(i).Kind() == reflect.Pointer {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		}
	}
	total, n := uintptr(0), 0
	for _, s := range f.Statements {
		if s.Stmt != nil {
			walk(reflect.ValueOf(s.Stmt))
		}
	}
	var names []string
	for k := range counts {
		names = append(names, k)
		total += bytes[k]
		n += counts[k]
	}
	sort.Slice(names, func(i, j int) bool { return bytes[names[i]] > bytes[names[j]] })
	for _, k := range names {
		t.Logf("%-16s %8d %6.1f MB", k, counts[k], float64(bytes[k])/1e6)
	}
	t.Logf("total %d nodes %.1f MB, positions %.1f MB", n, float64(total)/1e6, float64(n*80)/1e6)
}
