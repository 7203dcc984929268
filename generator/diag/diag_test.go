package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestError(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  *Error
		want string
	}{
		{"line", Errorf("content/ja/a.md", 12, "no section {#%s}", "purpose"), "content/ja/a.md:12: no section {#purpose}"},
		{"whole file", &Error{File: "quizzes/x.yml", Msg: "quiz files must end in .yaml"}, "quizzes/x.yml: quiz files must end in .yaml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestList(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("an empty list is an error")
	}
	l.Add("b.md", 3, "third")
	l.Append("b.md", errors.Join(Errorf("a.md", 9, "nine"), Errorf("b.md", 1, "one")))
	l.Append("c.md", fmt.Errorf("read: %w", fs.ErrPermission))
	l.Append("c.md", nil)
	l.Append("a.md", List{Errorf("a.md", 2, "two")})
	l.Sort()
	want := "a.md:2: two\na.md:9: nine\nb.md:1: one\nb.md:3: third\nc.md: read: permission denied"
	err := l.Err()
	if got := err.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.File != "a.md" || e.Line != 2 {
		t.Errorf("errors.As found %v, want the first problem", e)
	}
	if got := Of(errors.Join(err, nil)); len(got) != 5 {
		t.Errorf("Of(joined list) has %d problems, want 5", len(got))
	}
	if Of(nil) != nil {
		t.Error("Of(nil) is not empty")
	}
}
