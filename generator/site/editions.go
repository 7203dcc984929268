package site

import (
	"fmt"
	"time"
)

// An edition (版) is a document's text as in force from one date: its
// first publication, or an official revision, with the editorial fixes
// made after it folded in (a typo corrected is the same edition,
// corrected). Editions are judged from the published revisions only
// (docHistory.revs), so nothing of a time the document was internal is
// ever part of one.
//
// On the build date (Options.Today) one edition is in force (current);
// those before it were in force until the day before the next took effect
// (past), and an official revision whose Effective date is after the build
// date begins an edition not yet in force (pending, 未施行). Every edition
// but the current one has a page of its own (versionPath), and while one
// is pending the document's page shows the current edition's text with a
// notice of what is coming.
type edition struct {
	first, last *revision // the revision that began it; the last before the next edition
	from        time.Time // 施行日: the Effective date, or the commit's date without one
	until       time.Time // of a past edition: its last day in force
	state       editionState
}

type editionState int

const (
	current editionState = iota
	past
	pending
	never // superseded on the day it took effect: never in force on its own
)

// editions divides dh's revisions into editions and places each on the
// build date. Effective dates go forward with the commits: a revision
// committed after one still pending cannot take effect before it (its
// text contains the pending one's), so its date is taken as the later one
// and the build warns.
func (b *builder) editions(dh *docHistory) {
	var eds []*edition
	for _, r := range dh.revs {
		c := r.commit
		effective := b.message("ja", c).Effective
		if len(eds) > 0 && r.prev != nil && effective == "" {
			ed := eds[len(eds)-1]
			ed.last, r.ed = r, ed
			continue
		}
		ed := &edition{first: r, last: r}
		ed.from = day(c.Time)
		if t, err := time.Parse(time.DateOnly, effective); err == nil {
			ed.from = t
		}
		if n := len(eds); n > 0 && ed.from.Before(eds[n-1].from) {
			if effective != "" {
				b.warnf("commit %s: Effective: %s is before %s, the date of the revision before it (%s), which its text contains; it is taken to take effect with it",
					c.Short, effective, eds[n-1].from.Format(time.DateOnly), eds[n-1].first.commit.Short)
			}
			ed.from = eds[n-1].from
		}
		r.ed = ed
		eds = append(eds, ed)
	}
	today := b.opt.Today
	cur := -1
	for i, ed := range eds {
		if today.IsZero() || !ed.from.After(day(today)) {
			cur = i
		}
	}
	for i, ed := range eds {
		switch {
		case i > cur:
			ed.state = pending
		case i < cur && eds[i+1].from.Equal(ed.from):
			ed.state = never
		case i < cur:
			ed.state = past
			ed.until = eds[i+1].from.AddDate(0, 0, -1)
		}
	}
	dh.eds = eds
	if cur >= 0 {
		dh.current = eds[cur]
	}
}

// day is t's calendar date, where it was made.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// pendingEditions returns the document's editions not yet in force.
func (dh *docHistory) pendingEditions() []*edition {
	var out []*edition
	for _, ed := range dh.eds {
		if ed.state == pending {
			out = append(out, ed)
		}
	}
	return out
}

func (b *builder) warnf(format string, args ...any) {
	b.warns = append(b.warns, fmt.Sprintf(format, args...))
}
