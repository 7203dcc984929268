package wareki

import (
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		lang, date, want string
	}{
		{"ja", "2026-03-31", "令和8年（2026年）3月31日"},
		{"ja", "2019-05-01", "令和元年（2019年）5月1日"},
		{"ja", "2019-04-30", "平成31年（2019年）4月30日"},
		{"ja", "1989-01-08", "平成元年（1989年）1月8日"},
		{"ja", "1989-01-07", "昭和64年（1989年）1月7日"},
		{"ja", "1926-12-25", "昭和元年（1926年）12月25日"},
		{"ja", "1926-12-24", "1926年12月24日"},
		{"en", "2026-03-31", "31 March 2026"},
		{"en", "2027-04-01", "1 April 2027"},
	}
	for _, tt := range tests {
		d, err := time.Parse(time.DateOnly, tt.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := Format(tt.lang, d); got != tt.want {
			t.Errorf("Format(%s, %s) = %q, want %q", tt.lang, tt.date, got, tt.want)
		}
	}
}

// TestEras keeps the table newest first with well-formed dates: Format and
// the script both take the first era that started on or before a date.
func TestEras(t *testing.T) {
	prev := "9999-12-31"
	for _, e := range eras {
		if _, err := time.Parse(time.DateOnly, e.Start); err != nil {
			t.Errorf("%s: %v", e.Name, err)
		}
		if e.Start >= prev {
			t.Errorf("%s starts %s, not before the era above it (%s)", e.Name, e.Start, prev)
		}
		prev = e.Start
	}
}
