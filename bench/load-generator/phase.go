package main

import (
	"runtime"
	"sync"
	"syscall"
	"time"
)

// runPhase sends order.Sequence on the schedule, open loop (a slow answer never delays the next
// send), and returns once every answer is in.
//
// The schedule is kept on a thread of its own that sleeps with nanosleep. Go's timers would not
// do: the runtime waits for them in epoll_wait, whose timeout is in whole milliseconds, so at one
// request a millisecond a send could go out up to a millisecond late, and latency is counted from
// the due time. The sends happen on that thread too: a write on a kept-alive socket does not
// block, and it saves a hand-off (a thread wake-up) per request.
func runPhase(p *pool, order phaseOrder) phaseReport {
	total := len(order.Sequence)
	report := phaseReport{LatenciesMs: make([]float64, total), LagsMs: make([]float64, total)}
	if total == 0 {
		return report
	}
	interval := time.Duration(order.IntervalMs * float64(time.Millisecond))
	start := time.Now().Add(time.Duration(order.StartInMs * float64(time.Millisecond)))
	due := func(i int) time.Time { return start.Add(time.Duration(i) * interval) }

	var mu sync.Mutex
	var answered sync.WaitGroup
	answered.Add(total)
	onAnswer := func(n int, at time.Time, ok bool) {
		latency := float64(at.Sub(due(n))) / float64(time.Millisecond)
		mu.Lock()
		report.LatenciesMs[n] = latency
		if !ok {
			report.Errors++
		}
		mu.Unlock()
		answered.Done()
	}

	cpuBefore := cpuMs()
	runtime.LockOSThread()
	for i := 0; i < total; {
		wait := time.Until(due(i))
		if wait > 0 {
			sleep(wait)
			continue
		}
		now := time.Now()
		for ; i < total && !due(i).After(now); i++ {
			report.LagsMs[i] = float64(now.Sub(due(i))) / float64(time.Millisecond)
			p.send(i, order.Sequence[i], onAnswer)
		}
	}
	runtime.UnlockOSThread()
	answered.Wait()
	report.CPUMs = cpuMs() - cpuBefore
	report.DurationS = time.Since(start).Seconds()
	report.StartedAtUnixMs = float64(start.UnixNano()) / 1e6
	report.Connections = p.connections()
	return report
}

// sleep blocks this thread for d with the kernel's precision; a signal (the Go runtime preempts
// with SIGURG) only ends it early, and the caller looks at the clock again.
func sleep(d time.Duration) {
	ts := syscall.NsecToTimespec(int64(d))
	_ = syscall.Nanosleep(&ts, nil)
}
