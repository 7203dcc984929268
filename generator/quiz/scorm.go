package quiz

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"slices"
	"strings"
	"time"
)

// SCORMFile is the name of a quiz's SCORM 1.2 package, next to its page:
// <lang>/quiz/<name>-scorm12.zip.
func (q *Quiz) SCORMFile() string { return q.Name + "-scorm12.zip" }

// SCORMLaunch is the page of the package the LMS opens: the one SCO.
const SCORMLaunch = "index.html"

// Manifest returns the imsmanifest.xml of the quiz's SCORM 1.2 package in
// lang, as SCORM 1.2 Content Packaging describes it: one organization with
// one item, whose one resource is the SCO (adlcp:scormtype="sco",
// launched at SCORMLaunch) and lists files, every file of the package but
// the manifest itself, in the order given. The pass mark is the item's
// adlcp:masteryscore: the SCO reports cmi.core.score.raw as a percentage,
// so an LMS that judges by the mastery score judges as the page does.
//
// The schema files (imscp_rootv1p1p2.xsd and the others) are not in the
// package and the manifest does not point at them: LMSs read the manifest
// by its namespaces, and a package should name no file it lacks.
func (q *Quiz) Manifest(lang string, files []string) []byte {
	id := "policysite-quiz-" + q.Name + "-" + lang
	title := q.Title.In(lang)
	var b bytes.Buffer
	esc := func(s string) string {
		var sb strings.Builder
		xml.EscapeText(&sb, []byte(s))
		return sb.String()
	}
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="%s" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>%s</title>
      <item identifier="item" identifierref="sco" isvisible="true">
        <title>%s</title>
        <adlcp:masteryscore>%d</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="%s">
`, esc(id), esc(title), esc(title), q.PassMark, esc(SCORMLaunch))
	for _, f := range files {
		fmt.Fprintf(&b, "      <file href=\"%s\"/>\n", esc(f))
	}
	b.WriteString("    </resource>\n  </resources>\n</manifest>\n")
	return b.Bytes()
}

// zipTime is the time of every file in a package: a fixed one, so that two
// builds of the same quiz give the same bytes. Noon on 1 January 2000, not
// the DOS epoch: shifted into any time zone it is still a date a zip can
// hold.
var zipTime = time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)

// dosDate and dosTime are zipTime in MS-DOS form: years since 1980,
// month and day; hours, minutes and seconds/2.
const (
	dosDate = (2000-1980)<<9 | 1<<5 | 1
	dosTime = 12 << 11
)

// SCORMZip returns a zip archive of files (slash paths to contents), entries
// sorted by name, each with the same fixed time and no other metadata: the
// same files always give the same bytes.
//
// Entries are stored, not compressed: a package is a few hundred
// kilobytes at most, and stored, the build's byte-level checks of public/
// (no answer in plain text, no marker of an internal document) read what
// is inside it as they read every other file.
func SCORMZip(files map[string][]byte) ([]byte, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		data := files[n]
		// CreateRaw with the sizes known writes no data descriptor, so
		// each header says all there is to say about its entry (some
		// readers cannot find the end of a stored entry without). It
		// takes the MS-DOS date and time as they are, so they are set
		// here; Modified would be ignored.
		fh := &zip.FileHeader{
			Name:               n,
			Method:             zip.Store,
			CRC32:              crc32.ChecksumIEEE(data),
			CompressedSize64:   uint64(len(data)),
			UncompressedSize64: uint64(len(data)),
		}
		//lint:ignore SA1019 CreateRaw reads only the MS-DOS fields.
		fh.ModifiedDate, fh.ModifiedTime = dosDate, dosTime
		f, err := w.CreateRaw(fh)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(data); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
