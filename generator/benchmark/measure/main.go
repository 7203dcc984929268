// Command measure is the go-between through which generator/benchmark runs
// every timed command: `measure cmd args...` runs the command, passes its
// output through, and writes "<wall ns> <peak RSS KiB>" to file descriptor 3.
// Its exit status is the command's.
//
// Why a go-between: os/exec starts a child with vfork semantics (CLONE_VM),
// and Linux carries the high-water RSS of the parent's memory into the
// child's ru_maxrss at exec, so every child of the benchmark would report at
// least the benchmark's own peak (the corpus generator's). This program is
// small (the standard library only) and resets its own high-water mark
// before starting the command, so the command's figure is exact as soon as
// it exceeds this program's 2 to 3 MiB.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: measure command [args...]  (reports to fd 3)")
		os.Exit(2)
	}
	report := os.NewFile(3, "report")
	// "5" resets the peak RSS to the current RSS (proc(5), clear_refs).
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(2)
	}
	var kb int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		kb = ru.Maxrss // kilobytes on Linux
	}
	fmt.Fprintf(report, "%d %d\n", wall.Nanoseconds(), kb)
	os.Exit(cmd.ProcessState.ExitCode())
}
