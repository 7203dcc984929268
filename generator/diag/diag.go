// Package diag is the one shape of a problem found in the project's files:
// an [Error] at a line of a file, printed "path:line: message", and a
// [List] of them, collected, sorted and reported together. It follows the
// standard library's go/scanner (Error and ErrorList).
//
// Every package that reads the project's files reports with it, so that
// build.go prints every problem the same way and tests can ask where a
// problem is without parsing its text.
//
// # The convention for loaders
//
// A function that reads files and can find problems in them (content.Load,
// quiz.Load, quiz.Parse, markdown.Converter.Convert) returns its result and
// an error. The error is nil or a List, sorted by file and line, holding
// every problem found, not just the first; the result is then as complete
// as the problems allow, and callers that go on with it say so. Problems of
// the reading itself (a folder that cannot be listed) are in the List too,
// at line 0 of the file.
//
// It is a leaf: it imports only the standard library, and any package may
// import it.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Error is a problem at a line of a file.
type Error struct {
	// File is the file's slash path from the project folder, as the user
	// would open it: "content/ja/basic-policy.md".
	File string
	// Line is the line, from 1; 0 when the problem is with the whole file
	// (it cannot be read, its name is wrong) and no line is printed.
	Line int
	// Msg says what is wrong and, where it can, how to fix it; lower case,
	// no final period.
	Msg string
}

// Errorf returns an *Error at file:line with the message made by
// fmt.Sprintf.
func Errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Error returns "file:line: message", or "file: message" without a line.
func (e *Error) Error() string {
	if e.Line <= 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// List is a list of problems. Its zero value is empty and ready to use.
type List []*Error

// Add appends an *Error at file:line.
func (l *List) Add(file string, line int, format string, args ...any) {
	*l = append(*l, Errorf(file, line, format, args...))
}

// Append appends err: each *Error of it (it may be an *Error, a List, or
// errors joined with errors.Join), or, for any other error, an *Error with
// the error's text at file. A nil err appends nothing.
func (l *List) Append(file string, err error) {
	switch e := err.(type) {
	case nil:
	case *Error:
		*l = append(*l, e)
	case List:
		*l = append(*l, e...)
	case interface{ Unwrap() []error }:
		for _, err := range e.Unwrap() {
			l.Append(file, err)
		}
	default:
		*l = append(*l, &Error{File: file, Msg: err.Error()})
	}
}

// Sort sorts the list by file, then line; problems at the same place keep
// their order.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
}

// Err returns the list as an error, or nil when it is empty: what a loader
// returns.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error returns every problem, one a line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the problems, for errors.As and errors.Is.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Of returns the problems in err, which may be nil, an *Error, a List or
// errors joined with errors.Join; any other error is an *Error at no file.
func Of(err error) List {
	var l List
	l.Append("", err)
	return l
}

var _ error = List(nil)
