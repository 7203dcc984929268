package quiz

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// TestSCORMUnderNode runs quiz.js's search for the LMS's API and its
// session time format under Node: the browser test meets one LMS in one
// place, these are the other places the SCORM 1.2 runtime allows.
func TestSCORMUnderNode(t *testing.T) {
	node, script := nodeAndQuizJS(t)
	harness := filepath.Join(t.TempDir(), "harness.js")
	err := os.WriteFile(harness, []byte(`
const q = require(process.argv[2]);
const lms = {LMSInitialize() { return 'true'; }};
// chain(n) is a window n frames below the one with the API.
const chain = (n, top) => { let w = top; for (let i = 0; i < n; i++) { const c = {}; c.parent = w; w = c; } return w; };
const top = () => { const w = {API: lms}; w.parent = w; return w; };
const foreign = {}; Object.defineProperty(foreign, 'API', {get() { throw new Error('SecurityError'); }});
foreign.parent = foreign;
const opened = {opener: chain(2, top())}; opened.parent = opened;
const found = (w) => q.findAPI(w) === lms;
process.stdout.write(JSON.stringify({
  found: [found(top()), found(chain(1, top())), found(chain(7, top())), found(opened)],
  notFound: [found(chain(8, top())), found(chain(1, foreign)), found({parent: null}), found(Object.assign(top(), {API: {}}))],
  times: [0, 1234, 59990, 3600000 + 62 * 1000 + 5, 40 * 3600000].map(q.scormTime),
}));
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, harness, script)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var got struct {
		Found, NotFound []bool
		Times           []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node output %s: %v", out, err)
	}
	if want := []bool{true, true, true, true}; !slices.Equal(got.Found, want) {
		t.Errorf("API found (own window, parent, 7 levels up, opener's parents) = %v, want %v", got.Found, want)
	}
	if want := []bool{false, false, false, false}; !slices.Equal(got.NotFound, want) {
		t.Errorf("API found (8 levels up, another origin, no parent, no LMSInitialize) = %v, want %v", got.NotFound, want)
	}
	want := []string{"0000:00:00.00", "0000:00:01.23", "0000:00:59.99", "0001:01:02.01", "0040:00:00.00"}
	if !slices.Equal(got.Times, want) {
		t.Errorf("scormTime = %q, want %q", got.Times, want)
	}
}
