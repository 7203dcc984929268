package site

import (
	"fmt"
	"html/template"
	"time"

	"policysite/generator/wareki"
)

// formatDate writes a date in lang: 令和8年（2026年）3月31日 or 31 March 2026
// (the formats and the era table are generator/wareki's, shared with the
// quiz's script).
func formatDate(lang string, t time.Time) string { return wareki.Format(lang, t) }

// dateHTML is formatDate's date in a span of class date, which the style
// sheet keeps on one line: a date never wraps inside itself (令/和8年).
// A line may break after it (<wbr>), so that in 「（令和8年（2026年）3月31日
// 制定）」, which the style sheet keeps whole where it fits, a line too
// short for it breaks after the date, not inside 制定.
func dateHTML(lang string, t time.Time) template.HTML {
	return template.HTML(`<span class="date">` + template.HTMLEscapeString(formatDate(lang, t)) + `</span><wbr>`)
}

// htmlf is fmt.Sprintf for HTML: format is text (a UI string), escaped;
// its %s verbs take HTML, such as dateHTML's.
func htmlf(format string, args ...template.HTML) template.HTML {
	a := make([]any, len(args))
	for i, h := range args {
		a[i] = h
	}
	return template.HTML(fmt.Sprintf(template.HTMLEscapeString(format), a...))
}
