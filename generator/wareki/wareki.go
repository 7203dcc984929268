// Package wareki is the one place the site's date formats are defined: the
// Japanese era table (和暦) and the pattern of a date in each language.
//
// Go writes dates with [Format] (document pages, history, what's new, feeds);
// the quiz's script writes the date of a certificate from the same data,
// which it receives as [Style] inside its JSON (generator/quiz). So an era
// added here, or a wording changed, reaches both at once, and
// generator/quiz's TestDatesLikeGo runs quiz.js's formatter under Node
// against [Format] over era boundaries, 元年 and both languages.
//
// Japanese:  令和8年（2026年）3月31日 (the era, then the western year, as
// Japanese public bodies write dates); 元年 for an era's first year; a date
// before the first era in the table is written 1900年1月1日.
// English:   31 March 2026.
package wareki

import (
	"strconv"
	"strings"
	"time"
)

// Era is a Japanese era: its name and its first day, YYYY-MM-DD.
type Era struct {
	Name  string `json:"name"`
	Start string `json:"start"`
}

// eras is the era table, newest first. Policy dates start in 昭和 at the
// earliest (laws the policy cites); add an era at the top when one begins.
var eras = []Era{
	{"令和", "2019-05-01"},
	{"平成", "1989-01-08"},
	{"昭和", "1926-12-25"},
}

// Style is how a language writes a date, as data a script can follow.
// Placeholders in Pattern: {era} and {ey} (the era and its year, "元" for
// the first), {y} {m} {d} (western year, month and day as numbers) and
// {month} (the month's name from Months). NoEra is the pattern for a date
// before every era in Eras (Japanese only).
type Style struct {
	Pattern   string   `json:"dateFormat"`
	NoEra     string   `json:"dateFormatNoEra"`
	Months    []string `json:"months"`
	Eras      []Era    `json:"eras"`
	FirstYear string   `json:"firstYear"`
}

// For returns the style of lang ("ja" or "en"; any other is English).
func For(lang string) Style {
	if lang == "ja" {
		return Style{
			Pattern:   "{era}{ey}年（{y}年）{m}月{d}日",
			NoEra:     "{y}年{m}月{d}日",
			Months:    []string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
			Eras:      append([]Era(nil), eras...),
			FirstYear: "元",
		}
	}
	return Style{
		Pattern:   "{d} {month} {y}",
		NoEra:     "{d} {month} {y}",
		Months:    []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		Eras:      []Era{},
		FirstYear: "1",
	}
}

// Format writes the calendar date of t (its own location's) in lang.
func Format(lang string, t time.Time) string {
	s := For(lang)
	y, m, d := t.Date()
	iso := t.Format(time.DateOnly)
	pattern, era, ey := s.NoEra, "", ""
	for _, e := range s.Eras {
		// ISO dates compare as strings, as the script compares them.
		if iso >= e.Start {
			start, _ := strconv.Atoi(e.Start[:4])
			pattern, era, ey = s.Pattern, e.Name, strconv.Itoa(y-start+1)
			if y == start {
				ey = s.FirstYear
			}
			break
		}
	}
	if len(s.Eras) == 0 {
		pattern = s.Pattern
	}
	return strings.NewReplacer(
		"{era}", era, "{ey}", ey,
		"{y}", strconv.Itoa(y), "{m}", strconv.Itoa(int(m)), "{d}", strconv.Itoa(d),
		"{month}", s.Months[m-1],
	).Replace(pattern)
}
