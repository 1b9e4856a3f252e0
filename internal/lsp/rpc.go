package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
)

// maxMessage bounds one message's body: a client that announces more is
// broken or hostile, and the server skips the message rather than
// allocate it.
const maxMessage = 64 << 20

// maxHeaderLine bounds one header line: a longer one is skipped as it is
// read, never held whole (a client once sent a header of 300 MB).
const maxHeaderLine = 4096

// maxQueued bounds the bytes of the messages read ahead and not yet
// handled.
const maxQueued = 64 << 20

// Serve runs the server over a byte stream (stdin and stdout for
// `pfshape lsp`) until the client sends exit or closes the stream.
// Messages are handled one at a time, in order, so that a change is
// always seen by the requests after it. They are read ahead as they
// arrive, so that a change followed by more messages is not analysed:
// only the text the last change leaves is (see Server.more).
func (s *Server) Serve(ctx context.Context, in io.Reader, out io.Writer) error {
	q := newFrameQueue()
	s.mu.Lock()
	s.queue = q
	s.mu.Unlock()
	stream := jsonrpc2.NewBufferedStream(readWriteCloser{in, out}, &lenientCodec{log: s.logf, queue: q})
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handleRPC), jsonrpc2.SetLogger(s.log))
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	return nil
}

// handleRPC adapts a JSON-RPC request to glsp's handler, as glsp's own
// server does, and closes the connection on exit.
func (s *Server) handleRPC(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	gctx := glsp.Context{
		Method: req.Method,
		Notify: func(method string, params any) {
			if err := conn.Notify(ctx, method, params); err != nil {
				s.logf("sending %s: %v", method, err)
			}
		},
		Call: func(method string, params any, result any) {
			if err := conn.Call(ctx, method, params, result); err != nil {
				s.logf("calling %s: %v", method, err)
			}
		},
	}
	if req.Params != nil {
		gctx.Params = *req.Params
	}
	if req.Method == "exit" {
		s.Handle(&gctx)
		return nil, conn.Close()
	}
	// After shutdown, only exit is valid: a request is an invalid
	// request (-32600), as the protocol says; a notification is dropped.
	s.mu.Lock()
	down := s.shutdown
	s.mu.Unlock()
	if down {
		if req.Notif {
			s.logf("%s after shutdown: ignored", req.Method)
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: req.Method + " after shutdown: only exit is valid"}
	}
	if req.Method == "shutdown" {
		// The changes noted are published before the answer: none is
		// left unsaid when the client stops.
		s.flushChanges(&gctx, true)
	}
	defer s.flushChanges(&gctx, false)
	r, validMethod, validParams, err := s.Handle(&gctx)
	switch {
	case !validMethod:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
	case !validParams:
		msg := "invalid params"
		if err != nil {
			msg = err.Error()
		}
		if req.Notif {
			s.logf("%s: %s", req.Method, msg)
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil:
		if req.Notif {
			s.logf("%s: %v", req.Method, err)
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: err.Error()}
	}
	return r, nil
}

type readWriteCloser struct {
	io.Reader
	io.Writer
}

func (rw readWriteCloser) Close() error {
	var err error
	if c, ok := rw.Reader.(io.Closer); ok {
		err = c.Close()
	}
	if c, ok := rw.Writer.(io.Closer); ok {
		if e := c.Close(); err == nil {
			err = e
		}
	}
	return err
}

// lenientCodec is the LSP framing (Content-Length headers, then a JSON
// body), like jsonrpc2.VSCodeObjectCodec, except that a malformed message
// (a bad header, a body that is not JSON-RPC) is logged and skipped
// instead of closing the connection: one broken message from a client
// must not end the session. Only the end of the stream ends it.
type lenientCodec struct {
	log func(format string, args ...any)
	// queue, when set, reads messages ahead in a goroutine of its own:
	// what it holds is what has arrived and is not yet handled.
	queue *frameQueue
}

func (lenientCodec) WriteObject(stream io.Writer, obj any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(stream, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	_, err = stream.Write(data)
	return err
}

func (c lenientCodec) ReadObject(stream *bufio.Reader, v any) error {
	for {
		var body []byte
		var err error
		if c.queue != nil {
			body, err = c.queue.pop(func() ([]byte, error) { return c.readFrame(stream) })
		} else {
			body, err = c.readFrame(stream)
		}
		if err != nil {
			return err
		}
		if body == nil {
			continue
		}
		if err := json.Unmarshal(body, v); err != nil {
			c.log("skipping a malformed message: %v: %s", err, truncate(string(body), 200))
			continue
		}
		return nil
	}
}

// readFrame reads one message. It returns a nil body for a frame it
// skipped, and an error only when the stream ends or fails.
func (c lenientCodec) readFrame(stream *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, long, err := readHeaderLine(stream)
		if err != nil {
			return nil, err
		}
		if long {
			c.log("skipping a header line longer than %d bytes", maxHeaderLine)
			continue
		}
		if line == "" {
			break
		}
		// A header may follow the end of a broken message on its line:
		// finding it anywhere lets the reader fall back in step.
		i := strings.Index(asciiLower(line), "content-length:")
		if i < 0 {
			if !strings.Contains(line, ":") {
				c.log("skipping a malformed header line: %q", truncate(line, 200))
			}
			continue
		}
		if i > 0 {
			c.log("skipping bytes before a header: %q", truncate(line[:i], 200))
			length = -1
		}
		if value := line[i+len("content-length:"):]; true {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				c.log("skipping a message with a bad Content-Length: %q", truncate(value, 50))
				length = -2
				continue
			}
			length = n
		}
	}
	switch {
	case length == -1:
		c.log("skipping a message without Content-Length")
		return nil, nil
	case length < 0:
		return nil, nil
	case length > maxMessage:
		c.log("skipping a message of %d bytes (the limit is %d)", length, maxMessage)
		if _, err := stream.Discard(length); err != nil {
			return nil, err
		}
		return nil, nil
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(stream, body); err != nil {
		return nil, err
	}
	return body, nil
}

// readHeaderLine reads one line without its CR LF. A line longer than
// maxHeaderLine (or than the reader's buffer) is read to its end and
// dropped, long set, without being held.
func readHeaderLine(r *bufio.Reader) (line string, long bool, err error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if !long && len(b)+len(chunk) <= maxHeaderLine {
			b = append(b, chunk...)
		} else {
			long, b = true, nil
		}
		switch err {
		case nil:
			if long {
				return "", true, nil
			}
			return strings.TrimRight(string(b), "\r\n"), false, nil
		case bufio.ErrBufferFull:
			continue
		default:
			if err == io.EOF && len(b) > 0 {
				err = io.ErrUnexpectedEOF
			}
			return "", false, err
		}
	}
}

// frameQueue holds the messages read ahead of the handler: one goroutine
// reads frames as they arrive (up to maxQueued bytes), the handler takes
// them in order.
type frameQueue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	bodies  [][]byte
	bytes   int
	err     error // the reader's end: the stream ended or failed
	started bool
}

func newFrameQueue() *frameQueue {
	q := &frameQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// pop returns the next message, starting the reader (read) on the first
// call.
func (q *frameQueue) pop(read func() ([]byte, error)) ([]byte, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.started {
		q.started = true
		go q.run(read)
	}
	for len(q.bodies) == 0 && q.err == nil {
		q.cond.Wait()
	}
	if len(q.bodies) == 0 {
		return nil, q.err
	}
	b := q.bodies[0]
	q.bodies[0] = nil
	q.bodies = q.bodies[1:]
	q.bytes -= len(b)
	q.cond.Broadcast()
	return b, nil
}

func (q *frameQueue) run(read func() ([]byte, error)) {
	for {
		b, err := read()
		q.mu.Lock()
		if err != nil {
			q.err = err
			q.cond.Broadcast()
			q.mu.Unlock()
			return
		}
		if b != nil {
			for q.bytes > 0 && q.bytes+len(b) > maxQueued {
				q.cond.Wait()
			}
			q.bodies = append(q.bodies, b)
			q.bytes += len(b)
			q.cond.Broadcast()
		}
		q.mu.Unlock()
	}
}

// waiting reports whether messages have arrived that are not handled yet.
func (q *frameQueue) waiting() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.bodies) > 0
}

// asciiLower lowers ASCII letters only, byte for byte, so that an index
// into the result is an index into s (strings.ToLower rewrites invalid
// UTF-8, which changes lengths).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
