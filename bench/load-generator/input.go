package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
)

var errEndOfInput = errors.New("end of input")

// readLine decodes one line of JSON; errEndOfInput when stdin closed between lines (the bench is done).
func readLine(in *bufio.Reader, into any) error {
	line, err := in.ReadBytes('\n')
	if len(line) == 0 && err == io.EOF {
		return errEndOfInput
	}
	if err != nil && err != io.EOF {
		return err
	}
	return json.Unmarshal(line, into)
}
