package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// profiled runs f with a CPU profile written to the file named by
// PFSHAPE_CPUPROFILE, when it is set: how the README's performance
// figures are investigated on a whole process, start-up included.
func profiled(stderr io.Writer, f func() int) int {
	path := os.Getenv("PFSHAPE_CPUPROFILE")
	if path == "" {
		return f()
	}
	out, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "pfshape: PFSHAPE_CPUPROFILE: %v\n", err)
		return exitUsage
	}
	defer out.Close()
	if err := pprof.StartCPUProfile(out); err != nil {
		fmt.Fprintf(stderr, "pfshape: PFSHAPE_CPUPROFILE: %v\n", err)
		return exitUsage
	}
	defer pprof.StopCPUProfile()
	return f()
}
