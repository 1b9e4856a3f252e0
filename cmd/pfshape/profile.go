package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// profiled runs f with a CPU profile written to the file named by
// PFSHAPE_CPUPROFILE, a heap profile (every allocation, and what is live
// at the end) to the file named by PFSHAPE_MEMPROFILE, and an execution
// trace (go tool trace: what runs on each core when) to the file named by
// PFSHAPE_TRACE, when they are set: how the README's performance figures
// are investigated on a whole process, start-up included.
//
// Without PFSHAPE_MEMPROFILE the runtime's sampling of allocations is
// turned off: it is on by default in a binary that can write a heap
// profile, and its first sample maps the profiler's hash table, whose
// pages are faulted in one by one (`perf record` of `pfshape lint` on 1k
// lines: 1% of the process's CPU in runtime.stkbucket alone).
func profiled(stderr io.Writer, f func() int) int {
	runtime.MemProfileRate = 0
	if path := os.Getenv("PFSHAPE_TRACE"); path != "" {
		out, err := os.Create(path)
		if err == nil {
			err = trace.Start(out)
		}
		if err != nil {
			fmt.Fprintf(stderr, "pfshape: PFSHAPE_TRACE: %v\n", err)
			return exitUsage
		}
		defer out.Close()
		defer trace.Stop()
	}
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
