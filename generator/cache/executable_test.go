package cache

import (
	"bytes"
	"testing"
)

func TestExecutable(t *testing.T) {
	a, b := Executable(), Executable()
	if len(a) < 16 || !bytes.Equal(a, b) {
		t.Fatalf("Executable() = %q, then %q", a, b)
	}
}
