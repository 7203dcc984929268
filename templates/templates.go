// Package templates holds the default look of the site: html/template files,
// the stylesheet and the scripts. They are embedded so that `go run build.go`
// works on a fresh clone; `go run build.go -templates DIR` overrides any of
// them by file name.
//
// Each page kind has one file that defines the "main" block (and optionally
// "head"); base.html is the page around it. Files in assets/ are copied to
// public/assets/.
package templates

import "embed"

// FS holds the default templates and assets.
//
//go:embed *.html assets
var FS embed.FS
