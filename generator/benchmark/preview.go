package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// previewResult is the preview's latency from a save to the page reloaded.
type previewResult struct {
	times []time.Duration
	doc   string
	err   error
}

func (p *previewResult) median() time.Duration {
	s := slices.Clone(p.times)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// previewLatency measures `build.go serve` on a clone of this repository
// (its committed HEAD, so that edits in progress in the work tree do not
// count): it saves a document as an editor does (a new file renamed over
// it) at a random moment, and times until the page's long poll
// (/_preview/version, what reload.js asks) has answered with a new version
// and the page itself has been fetched again, which is what a browser does
// to reload. The binary must be built with -trimpath, so that serve uses
// its embedded templates rather than watching this work tree's.
func previewLatency(bin, root, tmp string, runs int) *previewResult {
	res := &previewResult{}
	clone := filepath.Join(tmp, "preview")
	if err := git(tmp, "clone", "-q", root, clone); err != nil {
		res.err = err
		return res
	}
	doc := ""
	des, _ := os.ReadDir(filepath.Join(clone, "content", "ja"))
	for _, de := range des {
		data, _ := os.ReadFile(filepath.Join(clone, "content", "ja", de.Name()))
		if de.Name() != "index.md" && strings.HasSuffix(de.Name(), ".md") && bytes.Contains(data, []byte("visibility: public")) {
			doc = strings.TrimSuffix(de.Name(), ".md")
			break
		}
	}
	if doc == "" {
		res.err = fmt.Errorf("no public document in %s/content/ja", clone)
		return res
	}
	res.doc = "content/ja/" + doc + ".md"
	file := filepath.Join(clone, "content", "ja", doc+".md")
	orig, err := os.ReadFile(file)
	if err != nil {
		res.err = err
		return res
	}

	cmd := exec.Command(bin, "-C", clone, "-port", "0", "serve")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		res.err = err
		return res
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		res.err = err
		return res
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "serving http://"); ok {
				host, _, _ := strings.Cut(rest, "/")
				addr <- host
			}
		}
	}()
	var host string
	select {
	case host = <-addr:
	case <-time.After(2 * time.Minute):
		res.err = fmt.Errorf("serve did not start")
		return res
	}
	client := &http.Client{Timeout: time.Minute}
	version := func(since int) (int, error) {
		resp, err := client.Get(fmt.Sprintf("http://%s/_preview/version?since=%d", host, since))
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return 0, err
		}
		return strconv.Atoi(strings.TrimSpace(string(b)))
	}
	page := func() error {
		resp, err := client.Get("http://" + host + "/ja/" + doc + ".html")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.Copy(io.Discard, resp.Body)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("GET /ja/%s.html: %s", doc, resp.Status)
		}
		return err
	}
	// The first build: version 1.
	v := 0
	for v < 1 {
		if v, err = version(0); err != nil {
			time.Sleep(50 * time.Millisecond)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i <= runs; i++ {
		// Saves come at any moment, not in step with the server's polling.
		time.Sleep(300*time.Millisecond + time.Duration(rng.IntN(300))*time.Millisecond)
		done := make(chan error, 1)
		since := v
		go func() {
			n, err := version(since)
			if err == nil && n == since {
				err = fmt.Errorf("no new version within the long poll")
			}
			v = n
			done <- err
		}()
		// Let the question reach the server before the save.
		time.Sleep(20 * time.Millisecond)
		edited := append(slices.Clone(orig), fmt.Sprintf("\n\n測定のための段落 %d。\n", i)...)
		tmpFile := filepath.Join(filepath.Dir(file), "."+doc+".md.tmp") // hidden: not watched
		start := time.Now()
		if err := os.WriteFile(tmpFile, edited, 0o644); err != nil {
			res.err = err
			return res
		}
		if err := os.Rename(tmpFile, file); err != nil {
			res.err = err
			return res
		}
		if err := <-done; err != nil {
			res.err = err
			return res
		}
		if err := page(); err != nil {
			res.err = err
			return res
		}
		if i > 0 { // the first is a warm-up
			res.times = append(res.times, time.Since(start))
		}
	}
	return res
}
