package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"syscall"
	"time"
	"unsafe"
)

const (
	clockMonotonic = 1
	tfdNonblock    = syscall.O_NONBLOCK
	tfdCloexec     = syscall.O_CLOEXEC
)

type itimerspec struct {
	interval syscall.Timespec
	value    syscall.Timespec
}

// ticker is a Linux timerfd: the kernel counts the intervals that have passed, to the
// microsecond, and the fd turns readable at each. Go's runtime waits on it with the sockets in
// one epoll_wait, so a tick costs no thread of its own and no hand-off between threads. Go's
// timers would not do: the runtime waits for them with epoll_wait's timeout, in whole
// milliseconds, so at one request a millisecond a send could go out up to a millisecond late,
// and latency is counted from the due time.
type ticker struct {
	file *os.File
	buf  [8]byte
}

// newTicker fires first after `first`, then every `every`, from now.
func newTicker(first, every time.Duration) (*ticker, error) {
	fd, _, errno := syscall.Syscall(syscall.SYS_TIMERFD_CREATE, clockMonotonic, tfdNonblock|tfdCloexec, 0)
	if errno != 0 {
		return nil, fmt.Errorf("timerfd_create: %v", errno)
	}
	if first <= 0 {
		first = time.Microsecond
	}
	spec := itimerspec{interval: syscall.NsecToTimespec(int64(every)), value: syscall.NsecToTimespec(int64(first))}
	if _, _, errno := syscall.Syscall6(syscall.SYS_TIMERFD_SETTIME, fd, 0, uintptr(unsafe.Pointer(&spec)), 0, 0, 0); errno != 0 {
		syscall.Close(int(fd))
		return nil, fmt.Errorf("timerfd_settime: %v", errno)
	}
	// a non-blocking fd: os.NewFile hands it to the runtime's poller, so Read parks the goroutine, not the thread
	return &ticker{file: os.NewFile(fd, "timerfd")}, nil
}

// wait blocks until at least one interval has passed and says how many have since the last wait.
func (t *ticker) wait() (uint64, error) {
	if _, err := t.file.Read(t.buf[:]); err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(t.buf[:]), nil
}

func (t *ticker) stop() { t.file.Close() }
