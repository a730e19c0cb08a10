package main

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"sync"
	"time"
)

// outcome is told once per request: when its answer was read (or its connection failed) and whether it was a 200.
type outcome func(n int, at time.Time, ok bool)

// waiting is a request sent when every connection was busy and no more were allowed.
type waiting struct {
	n        int
	request  int
	onAnswer outcome
}

// pool holds kept-alive connections with at most one request outstanding each (no pipelining),
// as the Node bench's lean client does. Idle connections are taken last-in first-out, so a
// steady load keeps using the same few and the rest stay unopened.
type pool struct {
	address  string
	requests [][]byte
	max      int

	mu     sync.Mutex
	idle   []*conn
	all    map[*conn]struct{}
	queued []waiting
}

type conn struct {
	pool   *pool
	socket net.Conn
	reader *bufio.Reader
	// the request outstanding on it, or -1; guarded by pool.mu
	pending  int
	onAnswer outcome
	dead     bool
}

func newPool(address string, requests [][]byte, max int) *pool {
	return &pool{address: address, requests: requests, max: max, all: map[*conn]struct{}{}}
}

// send sends request number `request` as send number n on an idle connection, a new one, or
// after the first busy one comes free.
func (p *pool) send(n, request int, onAnswer outcome) {
	p.mu.Lock()
	var c *conn
	if k := len(p.idle); k > 0 {
		c = p.idle[k-1]
		p.idle = p.idle[:k-1]
	} else if len(p.all) >= p.max {
		p.queued = append(p.queued, waiting{n, request, onAnswer})
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	if c == nil {
		var err error
		if c, err = p.open(); err != nil {
			onAnswer(n, time.Now(), false)
			return
		}
	}
	p.sendOn(c, n, request, onAnswer)
}

func (p *pool) open() (*conn, error) {
	socket, err := net.Dial("tcp", p.address)
	if err != nil {
		return nil, err
	}
	c := &conn{pool: p, socket: socket, reader: bufio.NewReaderSize(socket, 64<<10), pending: -1}
	p.mu.Lock()
	p.all[c] = struct{}{}
	p.mu.Unlock()
	go c.readAnswers()
	return c, nil
}

func (p *pool) sendOn(c *conn, n, request int, onAnswer outcome) {
	p.mu.Lock()
	if c.dead {
		// the server closed it while it was idle: the request has not gone, so another connection takes it
		p.mu.Unlock()
		p.send(n, request, onAnswer)
		return
	}
	c.pending, c.onAnswer = n, onAnswer
	p.mu.Unlock()
	if _, err := c.socket.Write(p.requests[request]); err != nil {
		c.fail()
	}
}

// done: the connection's answer is in; it takes the first queued request, or goes back to idle.
func (p *pool) done(c *conn) {
	p.mu.Lock()
	if len(p.queued) == 0 {
		p.idle = append(p.idle, c)
		p.mu.Unlock()
		return
	}
	next := p.queued[0]
	p.queued = p.queued[1:]
	p.mu.Unlock()
	p.sendOn(c, next.n, next.request, next.onAnswer)
}

func (p *pool) connections() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.all)
}

func (p *pool) close() {
	p.mu.Lock()
	all := make([]*conn, 0, len(p.all))
	for c := range p.all {
		all = append(all, c)
	}
	p.mu.Unlock()
	for _, c := range all {
		c.fail()
	}
}

// fail closes the connection for good; its outstanding request, if any, fails. A queued request
// gets a new connection, since this one no longer counts against the limit.
func (c *conn) fail() {
	p := c.pool
	p.mu.Lock()
	if c.dead {
		p.mu.Unlock()
		return
	}
	c.dead = true
	delete(p.all, c)
	for i, idle := range p.idle {
		if idle == c {
			p.idle = append(p.idle[:i], p.idle[i+1:]...)
			break
		}
	}
	n, onAnswer := c.pending, c.onAnswer
	c.pending, c.onAnswer = -1, nil
	var next *waiting
	if len(p.queued) > 0 {
		next = &p.queued[0]
		p.queued = p.queued[1:]
	}
	p.mu.Unlock()
	c.socket.Close()
	if n >= 0 {
		onAnswer(n, time.Now(), false)
	}
	if next != nil {
		p.send(next.n, next.request, next.onAnswer)
	}
}

var (
	headerContentLength = []byte("content-length:")
	headerConnection    = []byte("connection:")
	closeToken          = []byte("close")
	errNoLength         = errors.New("an answer without content-length")
	errExtraBytes       = errors.New("bytes after the answer on a connection with one request outstanding")
)

// readAnswers reads one HTTP/1.1 answer after another. Answers must carry Content-Length (the
// API's JSON answers do); anything else fails the connection rather than being misread.
func (c *conn) readAnswers() {
	for {
		status, closing, err := c.readAnswer()
		at := time.Now()
		if err != nil {
			c.fail()
			return
		}
		p := c.pool
		p.mu.Lock()
		n, onAnswer := c.pending, c.onAnswer
		c.pending, c.onAnswer = -1, nil
		p.mu.Unlock()
		if n < 0 {
			// an answer nobody asked for: the connection is out of step
			c.fail()
			return
		}
		onAnswer(n, at, status == 200)
		if closing {
			c.fail()
			return
		}
		p.done(c)
	}
}

func (c *conn) readAnswer() (status int, closing bool, err error) {
	line, err := c.reader.ReadSlice('\n')
	if err != nil {
		return 0, false, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, false, errors.New("not an HTTP/1.x status line")
	}
	status = digits(line[9:12])
	length := -1
	for {
		line, err = c.reader.ReadSlice('\n')
		if err != nil {
			return 0, false, err
		}
		if len(line) <= 2 {
			break
		}
		if hasPrefixFold(line, headerContentLength) {
			length = digits(bytes.TrimSpace(line[len(headerContentLength):]))
		} else if hasPrefixFold(line, headerConnection) {
			closing = bytes.EqualFold(bytes.TrimSpace(line[len(headerConnection):]), closeToken)
		}
	}
	if length < 0 {
		return 0, false, errNoLength
	}
	if _, err = c.reader.Discard(length); err != nil {
		return 0, false, err
	}
	if c.reader.Buffered() > 0 {
		return 0, false, errExtraBytes
	}
	return status, closing, nil
}

// digits parses an unsigned decimal; -1 when it is not one.
func digits(b []byte) int {
	if len(b) == 0 {
		return -1
	}
	v := 0
	for _, d := range b {
		if d < '0' || d > '9' {
			return -1
		}
		v = v*10 + int(d-'0')
	}
	return v
}

func hasPrefixFold(line, prefix []byte) bool {
	return len(line) >= len(prefix) && bytes.EqualFold(line[:len(prefix)], prefix)
}
