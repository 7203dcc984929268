package site

import (
	"fmt"
	"time"
)

// eras are the Japanese eras a policy date may fall in, newest first.
var eras = []struct {
	name  string
	start time.Time
}{
	{"令和", time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)},
	{"平成", time.Date(1989, 1, 8, 0, 0, 0, 0, time.UTC)},
	{"昭和", time.Date(1926, 12, 25, 0, 0, 0, 0, time.UTC)},
}

// wareki writes a date the way Japanese public bodies do, with the western
// year after it: 令和8年（2026年）3月31日.
func wareki(t time.Time) string {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	for _, e := range eras {
		if !d.Before(e.start) {
			y := d.Year() - e.start.Year() + 1
			ys := fmt.Sprint(y)
			if y == 1 {
				ys = "元"
			}
			return fmt.Sprintf("%s%s年（%d年）%d月%d日", e.name, ys, d.Year(), int(d.Month()), d.Day())
		}
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}

// formatDate writes a date in lang: 令和8年（2026年）3月31日 or 31 March 2026.
func formatDate(lang string, t time.Time) string {
	if lang == "ja" {
		return wareki(t)
	}
	return t.Format("2 January 2006")
}
