package quiz

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestSCORMPackage(t *testing.T) {
	q := mustParseFile(t, "testdata/client/basic.yaml", "quizzes/basic.yaml")
	files := map[string][]byte{
		SCORMLaunch:    []byte("<!DOCTYPE html><title>x</title>"),
		"assets/a.css": []byte("a{}"),
		"assets/b.js":  []byte("'b & <c>'"),
	}
	files["imsmanifest.xml"] = q.Manifest("ja", []string{SCORMLaunch, "assets/a.css", "assets/b.js"})
	zipped, err := SCORMZip(files)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, _ := f.Open()
		b, err := io.ReadAll(rc)
		if err != nil || !bytes.Equal(b, files[f.Name]) {
			t.Errorf("%s: %q in the zip (%v), want %q", f.Name, b, err, files[f.Name])
		}
		if !f.Modified.Equal(zipTime) || f.Method != zip.Store || f.Flags&0x8 != 0 {
			t.Errorf("%s: modified %v, method %d, flags %#x", f.Name, f.Modified, f.Method, f.Flags)
		}
	}
	if want := []string{"assets/a.css", "assets/b.js", "imsmanifest.xml", SCORMLaunch}; !slices.Equal(names, want) {
		t.Errorf("entries %q, want %q", names, want)
	}
	if m := string(files["imsmanifest.xml"]); !strings.Contains(m, "<adlcp:masteryscore>75</adlcp:masteryscore>") || !strings.Contains(m, "<title>見本の研修</title>") {
		t.Errorf("manifest lacks the pass mark or the title:\n%s", m)
	}
	// Map order differs from run to run; the bytes may not.
	for range 5 {
		again, err := SCORMZip(files)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, zipped) {
			t.Fatal("two zips of the same files differ")
		}
	}
}
