package site

import (
	"time"

	"policysite/generator/wareki"
)

// formatDate writes a date in lang: 令和8年（2026年）3月31日 or 31 March 2026
// (the formats and the era table are generator/wareki's, shared with the
// quiz's script).
func formatDate(lang string, t time.Time) string { return wareki.Format(lang, t) }
