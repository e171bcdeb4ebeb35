// Command peyvand answers questions about the foreign trade ties of Iran's
// provinces and cities from Persian news. See the README for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/peyvand/peyvand"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	err := m.ParseFlags(ctx, os.Args[1:])
	if err == nil {
		err = m.Run(ctx)
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	os.Exit(exitCode(m.Stderr, err, m.Getenv("PEYVAND_DEBUG") != ""))
}

// exitCode prints err for a person and returns the process's exit code:
// 0 on success, 2 for usage errors, 1 otherwise. With debug (the setting
// PEYVAND_DEBUG) an error's internal cause follows its message.
func exitCode(w io.Writer, err error, debug bool) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(w, "peyvand: کار متوقف شد.")
		return 130
	}
	var e *peyvand.Error
	if errors.As(err, &e) {
		fmt.Fprintln(w, "peyvand:", e.Message)
		if e.Err != nil && debug {
			fmt.Fprintln(w, "  ", e.Err)
		}
		return 1
	}
	fmt.Fprintln(w, "peyvand:", err)
	return 1
}
