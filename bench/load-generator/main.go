// The bench's load generator outside Node (bench/support/go-load-generator.ts starts it): the
// authorize scenario's open-loop phases, sent from a process of its own, to compare with the Node
// generator (the lean keep-alive client and its metronome thread). It was written to find out
// whether Node's own work made the 0.12-0.24 ms of CPU a request the Node generator took on the
// two cores it shares with the API and PostgreSQL. It did not: this one takes as much
// (bench/results/2026-12-03-generator-cost.txt), so the cost is the machine's wake-ups and system
// calls. It keeps its schedule more closely.
//
// It speaks line-delimited JSON on stdin and stdout. The first line names the target and every
// distinct request's bytes; it answers {"ready":true}. Each later line is one phase: a schedule
// (when the first request is due, the interval) and which request each send is; it answers with
// every request's latency and lag once the last answer is in. Standard library only, so `go
// build` needs nothing from the network.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"syscall"
)

// setup is the first line on stdin.
type setup struct {
	Host           string   `json:"host"`
	Port           int      `json:"port"`
	Requests       [][]byte `json:"requests"` // base64 in JSON
	MaxConnections int      `json:"maxConnections"`
}

// phaseOrder is each later line on stdin.
type phaseOrder struct {
	// StartInMs: the first request is due this long after the line is read
	StartInMs  float64 `json:"startInMs"`
	IntervalMs float64 `json:"intervalMs"`
	// Sequence: the index into setup.Requests of each request sent, in order
	Sequence []int `json:"sequence"`
}

// phaseReport is the answer to a phase.
type phaseReport struct {
	// LatenciesMs: from each request's due time to its whole answer read (a late send counts)
	LatenciesMs []float64 `json:"latenciesMs"`
	// LagsMs: how late each request was sent
	LagsMs []float64 `json:"lagsMs"`
	// Errors: answers other than 200, and requests whose connection failed
	Errors int `json:"errors"`
	// CPUMs: this process's user and system time over the phase, every thread
	CPUMs float64 `json:"cpuMs"`
	// StartedAtUnixMs: when request 0 was due, ms since the epoch
	StartedAtUnixMs float64 `json:"startedAtUnixMs"`
	DurationS       float64 `json:"durationS"`
	// Connections: open at the end (the concurrency the phase needed, at most)
	Connections int `json:"connections"`
}

func main() {
	// One thread runs it all: the ticks and the sockets are waited on in one epoll_wait, and a
	// second thread would only add wake-ups and hand-offs on the cores the API shares.
	runtime.GOMAXPROCS(1)
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := json.NewEncoder(os.Stdout)
	var s setup
	if err := readLine(in, &s); err != nil {
		fail("setup: %v", err)
	}
	if s.Port <= 0 || len(s.Requests) == 0 {
		fail("setup: needs a port and at least one request")
	}
	if s.MaxConnections <= 0 {
		s.MaxConnections = 256
	}
	pool := newPool(fmt.Sprintf("%s:%d", s.Host, s.Port), s.Requests, s.MaxConnections)
	if err := out.Encode(map[string]bool{"ready": true}); err != nil {
		fail("stdout: %v", err)
	}
	for {
		var order phaseOrder
		if err := readLine(in, &order); err != nil {
			if err == errEndOfInput {
				pool.close()
				return
			}
			fail("phase: %v", err)
		}
		for _, r := range order.Sequence {
			if r < 0 || r >= len(s.Requests) {
				fail("phase: request index %d out of range", r)
			}
		}
		if order.IntervalMs <= 0 {
			fail("phase: intervalMs must be positive")
		}
		report := runPhase(pool, order)
		// The next phase starts with a clean heap: whatever this one's report allocated is gone.
		runtime.GC()
		if err := out.Encode(report); err != nil {
			fail("stdout: %v", err)
		}
	}
}

func cpuMs() float64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return float64(u.Utime.Sec+u.Stime.Sec)*1000 + float64(u.Utime.Usec+u.Stime.Usec)/1000
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "load-generator: "+format+"\n", args...)
	os.Exit(2)
}
