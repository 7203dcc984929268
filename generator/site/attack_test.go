package site

import (
	"reflect"
	"strings"
	"testing"
)

// TestTemplateDataHoldsNoSource: what a template is given (page, and the
// draft's view) reaches, through its exported fields, no value of the
// packages that hold everything the repository has: no history type (a
// commit's Changes hold every file's bytes, internal documents' too) and
// no loaded document or set of them (internal ones included). A template
// from -templates can then show only what the page was meant to, and
// nothing it could walk to. content.Names (the organisation's names) and
// other plain values are fine.
func TestTemplateDataHoldsNoSource(t *testing.T) {
	allowed := map[string]bool{"policysite/generator/content.Names": true}
	seen := map[reflect.Type]bool{}
	var walk func(ty reflect.Type, path string)
	walk = func(ty reflect.Type, path string) {
		if seen[ty] {
			return
		}
		seen[ty] = true
		if pkg := ty.PkgPath(); ty.Name() != "" && !allowed[pkg+"."+ty.Name()] &&
			(strings.HasSuffix(pkg, "/generator/history") || strings.HasSuffix(pkg, "/generator/content") || strings.HasSuffix(pkg, "/generator/cache")) {
			t.Errorf("%s is a %s.%s: a template could reach source data through it", path, pkg, ty.Name())
			return
		}
		switch ty.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(ty.Elem(), path+"[]")
		case reflect.Map:
			walk(ty.Key(), path+"{key}")
			walk(ty.Elem(), path+"{}")
		case reflect.Struct:
			for i := 0; i < ty.NumField(); i++ {
				if f := ty.Field(i); f.IsExported() {
					walk(f.Type, path+"."+f.Name)
				}
			}
		case reflect.Interface, reflect.Func, reflect.Chan:
			t.Errorf("%s is a %s: what it holds cannot be checked", path, ty)
		}
	}
	walk(reflect.TypeOf(page{}), "page")
	walk(reflect.TypeOf(draftView{}), "draftView")
	if len(seen) < 20 {
		t.Errorf("only %d types walked", len(seen))
	}
}
