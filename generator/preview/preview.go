// Package preview serves a site from memory while its sources are edited, and
// makes the open pages reload when a rebuild changes them. It is the engine of
// `go run build.go serve`; it knows nothing of how the site is built: it is
// given a build function and the folders to watch.
//
// # What it does
//
// [Server.Watch] builds once, then polls the watched folders (file sizes and
// modification times, every [Server.Poll]) and, once a burst of writes has
// settled ([Server.Settle] without a further change: editors save in several
// steps), runs the build again, whole. Names starting with "." and ending in
// "~" (editor swap and backup files) are not watched. A build whose output and
// errors are byte for byte those of the previous build is not a new version,
// so saving a file unchanged reloads nothing.
//
// [Server.Handler] serves the files of the latest build. It never writes a
// file. Every HTML page is served with two changes, made only here and never
// in a built file:
//
//   - the Content-Security-Policy meta tag gains "connect-src 'self'", since
//     the site's own policy (default-src 'none') forbids any request from a
//     script, and the reload script needs one;
//   - <script src="/_preview/reload.js" data-version="N"></script> is added
//     before </body>, N being the version the page belongs to.
//
// reload.js asks /_preview/version?since=N, which answers at once when the
// version is no longer N and otherwise waits for a new build (a long poll of
// at most [longPoll]); when the answer differs from N the page reloads. If the
// server is gone the script retries every second, so a page left open reloads
// when the preview is started again. Paths under /_preview/ belong to the
// preview; a site file there would be hidden, and is reported.
//
// While the latest build has failed, every HTML request gets a page titled
// "Build failed" (status 500) listing each error, path:line: message, with the
// reload script, so the page comes back by itself once the source is fixed.
// Other files (stylesheets, scripts) are served from the last build that
// succeeded. The errors and warnings of each build are also printed.
//
// [Server.ListenAndServe] listens on the address it is given (build.go gives
// 127.0.0.1) and answers only requests addressed to 127.0.0.1 or localhost,
// so that no other web page can read the preview through a host name of its
// own pointed at this computer.
//
// Files are served unminified, as built: view-source then matches the
// templates line for line, and a rebuild stays as fast as the build itself.
// Minifying is the last, separate step of writing public/ (generator/output).
package preview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// BuildFunc builds the whole site into out, the preview's in-memory site,
// and returns the warnings, or the error (an errors.Join of "path:line:
// message" errors) that stopped the build. Each build gets a new, empty out.
type BuildFunc func(out *Files) (warnings []string, err error)

// Files is the preview's in-memory site: every file by its slash path
// relative to the site root, unminified. It implements site.Writer, so
// pages leave the build through the same interface as into public/
// (generator/output's Tree). Its methods may be called from several
// goroutines at once.
type Files struct {
	mu    sync.Mutex
	files map[string][]byte
}

// Add keeps a copy of data as the file name; minimal is for minifiers, and
// the preview serves files as built.
func (f *Files) Add(name string, data []byte, minimal bool) error {
	data = bytes.Clone(data)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files == nil {
		f.files = map[string][]byte{}
	}
	f.files[name] = data
	return nil
}

// Create returns a file to write; it is added when closed.
func (f *Files) Create(name string) (io.WriteCloser, error) {
	return &memFile{f: f, name: name}, nil
}

type memFile struct {
	bytes.Buffer
	f    *Files
	name string
}

func (m *memFile) Close() error { return m.f.Add(m.name, m.Bytes(), true) }

// Server rebuilds and serves a site. Set its fields before calling Watch.
type Server struct {
	// Poll is how often the watched folders are scanned (default 20ms: a
	// scan is a stat per file, and a scan that takes longer than a tenth
	// of Poll makes the wait longer).
	Poll time.Duration
	// Settle is how long the folders must stay unchanged after a change
	// before the rebuild starts (default 20ms: an editor's save, a new
	// file written and renamed over the old, takes well under that).
	Settle time.Duration
	// Home is the page whose URL ListenAndServe prints, relative to the
	// site root (default "index.html").
	Home string
	// Stdout receives the URL and a line per rebuild; Stderr the errors and
	// warnings. Both default to the process's.
	Stdout, Stderr io.Writer

	build BuildFunc
	dirs  []string

	building sync.Mutex // one build at a time

	mu      sync.Mutex
	version int
	files   map[string][]byte // of the last build that succeeded
	errs    []string          // of the latest build; nil when it succeeded
	bumped  chan struct{}     // closed and replaced when version changes
	ready   chan struct{}     // closed after the first build
	didInit bool
}

// New returns a Server that builds with build and watches the folders dirs
// (OS paths; a folder that does not exist is watched for its creation).
func New(build BuildFunc, dirs []string) *Server {
	return &Server{
		Poll:   20 * time.Millisecond,
		Settle: 20 * time.Millisecond,
		Home:   "index.html",
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		build:  build,
		dirs:   slices.Clone(dirs),
		bumped: make(chan struct{}),
		ready:  make(chan struct{}),
	}
}

// Version is the number of builds whose result differed from the one
// before (the first build is version 1).
func (s *Server) Version() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version
}

// Rebuild runs the build now and publishes its result; why names the
// change that caused it, for the log line ("" for none).
func (s *Server) Rebuild(why string) {
	s.building.Lock()
	defer s.building.Unlock()
	start := time.Now()
	out := &Files{}
	warns, err := s.build(out)
	files := out.files
	took := time.Since(start).Round(time.Millisecond)
	var errs []string
	if err != nil {
		errs = flatten(err)
		if len(errs) == 0 { // an error with an empty message is still a failure
			errs = []string{"build failed"}
		}
	}

	s.mu.Lock()
	changed := !s.didInit || !slices.Equal(errs, s.errs)
	if err == nil && !changed {
		changed = !maps.EqualFunc(files, s.files, bytes.Equal)
	}
	if changed {
		s.version++
		close(s.bumped)
		s.bumped = make(chan struct{})
	}
	if err == nil {
		s.files = files
	}
	s.errs = errs
	v := s.version
	if !s.didInit {
		s.didInit = true
		close(s.ready)
	}
	s.mu.Unlock()

	stamp := time.Now().Format("15:04:05")
	if why != "" {
		why = " after " + why
	}
	if err != nil {
		n := fmt.Sprintf("%d errors", len(errs))
		if len(errs) == 1 {
			n = "1 error"
		}
		fmt.Fprintf(s.Stdout, "%s build failed in %v%s (%s; version %d)\n", stamp, took, why, n, v)
		for _, e := range errs {
			fmt.Fprintln(s.Stderr, e)
		}
		return
	}
	same := ""
	if !changed {
		same = ", output unchanged"
	}
	fmt.Fprintf(s.Stdout, "%s built %d files in %v%s (version %d%s)\n", stamp, len(files), took, why, v, same)
	for _, w := range warns {
		fmt.Fprintln(s.Stderr, "warning:", w)
	}
	for name := range files {
		if strings.HasPrefix(name, prefix[1:]) {
			fmt.Fprintf(s.Stderr, "warning: %s is hidden by the preview's own %s\n", name, prefix)
		}
	}
}

// ListenAndServe builds, serves on addr (such as "127.0.0.1:8080"; port 0
// picks a free port) and rebuilds on change until ctx is done. It prints the
// URL of Home once the first build is done.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	// Requests share ctx, so a waiting /_preview/version returns at once
	// when ctx is done and Shutdown does not wait for it.
	srv := &http.Server{Handler: localOnly(s.Handler()), BaseContext: func(net.Listener) context.Context { return ctx }}
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		s.Watch(ctx)
	}()
	select {
	case <-s.ready:
		fmt.Fprintf(s.Stdout, "serving http://%s/%s (Ctrl-C stops)\n", ln.Addr(), strings.TrimPrefix(s.Home, "/"))
	case <-ctx.Done():
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err = <-served:
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(shut) != nil {
			srv.Close() // a client that holds on is cut off
		}
		err = nil
	}
	<-watched
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// flatten lists the messages of a joined error, one per line, as build.go
// prints them.
func flatten(err error) []string {
	if multi, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range multi.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	var out []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// localOnly refuses requests addressed to another host name. The server
// listens on 127.0.0.1 only, but a web page elsewhere could point a name of
// its own at 127.0.0.1 (DNS rebinding) and read the preview from a browser.
func localOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		if host != "127.0.0.1" && host != "localhost" && host != "[::1]" && host != "::1" {
			http.Error(w, "preview: only http://127.0.0.1 or http://localhost", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}
