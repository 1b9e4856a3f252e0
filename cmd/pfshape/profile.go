package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
)

// profiled runs f with a CPU profile written to the file named by
// PFSHAPE_CPUPROFILE, and a heap profile (every allocation, and what is
// live at the end) to the file named by PFSHAPE_MEMPROFILE, when they
// are set: how the README's performance figures are investigated on a
// whole process, start-up included.
func profiled(stderr io.Writer, f func() int) int {
	if path := os.Getenv("PFSHAPE_MEMPROFILE"); path != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			runtime.GC() // the profile is as of the last collection
			out, err := os.Create(path)
			if err == nil {
				err = pprof.Lookup("heap").WriteTo(out, 0)
				out.Close()
			}
			if err != nil {
				fmt.Fprintf(stderr, "pfshape: PFSHAPE_MEMPROFILE: %v\n", err)
			}
		}()
	}
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
