package main

import (
	"sync"
	"time"
)

// runPhase sends order.Sequence on the schedule, open loop (a slow answer never delays the next
// send), and returns once every answer is in. The kernel keeps the schedule (ticker, timer.go);
// each tick sends the requests due by then, from the ticking goroutine itself: a write on a
// kept-alive socket does not block, and it saves a hand-off per request.
func runPhase(p *pool, order phaseOrder) phaseReport {
	total := len(order.Sequence)
	report := phaseReport{LatenciesMs: make([]float64, total), LagsMs: make([]float64, total)}
	if total == 0 {
		return report
	}
	interval := time.Duration(order.IntervalMs * float64(time.Millisecond))
	startIn := time.Duration(order.StartInMs * float64(time.Millisecond))

	var mu sync.Mutex
	var answered sync.WaitGroup
	answered.Add(total)
	var start time.Time
	due := func(i int) time.Time { return start.Add(time.Duration(i) * interval) }
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
	start = time.Now().Add(startIn)
	tick, err := newTicker(startIn, interval)
	if err != nil {
		fail("%v", err)
	}
	// request i is due at the tick i+1 counts: send them by the kernel's count, not by comparing
	// clocks, so a tick never finds its own request a few microseconds early by Go's clock
	ticks := 0
	for i := 0; i < total; {
		n, err := tick.wait()
		if err != nil {
			fail("timer: %v", err)
		}
		ticks += int(n)
		now := time.Now()
		for ; i < total && i < ticks; i++ {
			report.LagsMs[i] = float64(now.Sub(due(i))) / float64(time.Millisecond)
			p.send(i, order.Sequence[i], onAnswer)
		}
	}
	tick.stop()
	answered.Wait()
	report.CPUMs = cpuMs() - cpuBefore
	report.DurationS = time.Since(start).Seconds()
	report.StartedAtUnixMs = float64(start.UnixNano()) / 1e6
	report.Connections = p.connections()
	return report
}
