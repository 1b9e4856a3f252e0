package main

import (
	"runtime"
	"sync"
)

// forEachParallel runs f(0) … f(n-1) on as many goroutines as there are
// processors, and returns when all are done. f must write only its own
// result.
func forEachParallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// forEachInOrder runs f(0) … f(n-1) one after the other.
func forEachInOrder(n int, f func(i int)) {
	for i := range n {
		f(i)
	}
}
