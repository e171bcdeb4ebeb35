package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
	"github.com/peyvand/peyvand/source"
)

// terminalChat is the chat and user id of the terminal: its user owns the
// database, so it is an admin.
const terminalChat = 1

// core returns the conversation core over the opened database.
func (m *Main) core() (*chat.Core, error) {
	svc, err := m.service()
	if err != nil {
		return nil, err
	}
	return &chat.Core{Service: svc, DB: m.db, Places: svc.Graph.Places, RatePerMinute: -1,
		Admins: []int64{terminalChat}, Fetch: m.fetchPage}, nil
}

// replyJSON is the contract of `peyvand chat --json`: one line per reply.
type replyJSON struct {
	Text      string         `json:"text,omitempty"`
	Notice    string         `json:"notice,omitempty"`
	Citations []citationJSON `json:"citations,omitempty"`
	Buttons   [][]string     `json:"buttons,omitempty"`
	// Error is set, alone, when a line could not be taken: no such
	// button, or a line too long.
	Error string `json:"error,omitempty"`
}

// maxChatLine bounds one line of the REPL; a longer one is refused and
// the session goes on.
const maxChatLine = 1 << 20

// chat runs the conversation core as a REPL: each line is a message; "#n"
// presses button n of the last reply.
func (m *Main) chat(ctx context.Context) error {
	core, err := m.core()
	if err != nil {
		return err
	}
	if !m.json {
		fmt.Fprintln(m.Stdout, "پیوند — پرسش خود را بنویسید (/help برای راهنما، #n برای زدن دکمهٔ n، Ctrl-D برای خروج).")
	}
	var buttons []reply.Button
	br := bufio.NewReaderSize(m.Stdin, 64<<10)
	msgID := 0
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		raw, tooLong, rerr := source.ReadLine(br, maxChatLine)
		if rerr != nil && rerr != io.EOF {
			return rerr
		}
		if rerr == io.EOF && len(raw) == 0 && !tooLong {
			return nil
		}
		line := strings.TrimSpace(string(raw))
		msgID++
		var replies []reply.Message
		switch n, isButton := buttonNumber(line); {
		case tooLong:
			if err := m.printError(fmt.Sprintf("پیام بیش از اندازه بلند است (بیش از %s مگابایت)؛ کوتاه‌تر بنویسید.", persian.Digits("1"))); err != nil {
				return err
			}
		case isButton && (n < 1 || n > len(buttons)):
			if err := m.printError("چنین دکمه‌ای نیست."); err != nil {
				return err
			}
		case isButton:
			replies = core.Press(ctx, chat.Callback{ChatID: terminalChat, UserID: terminalChat, MessageID: msgID, Data: buttons[n-1].Data})
		default:
			replies = core.Handle(ctx, chat.Message{ChatID: terminalChat, UserID: terminalChat, ChatKind: chat.Private,
				MessageID: msgID, Text: line, Lang: "fa", Addressed: true}, nil)
		}
		for _, r := range replies {
			if len(r.Buttons) > 0 {
				buttons = buttons[:0]
				for _, row := range r.Buttons {
					buttons = append(buttons, row...)
				}
			}
			if err := m.printReply(r); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			return nil
		}
	}
}

// printError tells the terminal, or in --json one line {"error"}, that a
// line was not taken.
func (m *Main) printError(msg string) error {
	if m.json {
		return writeJSON(m.Stdout, replyJSON{Error: msg})
	}
	_, err := fmt.Fprintln(m.Stdout, msg)
	return err
}

// buttonNumber reads "#n" (Persian digits too).
func buttonNumber(line string) (int, bool) {
	rest, ok := strings.CutPrefix(persian.Normalize(line), "#")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(rest))
	return n, err == nil
}

func (m *Main) printReply(r reply.Message) error {
	if m.json {
		out := replyJSON{Text: r.Text, Notice: r.Notice}
		if len(r.Citations) > 0 {
			out.Citations = citationsJSON(r.Citations)
		}
		for _, row := range r.Buttons {
			var labels []string
			for _, b := range row {
				labels = append(labels, b.Text)
			}
			out.Buttons = append(out.Buttons, labels)
		}
		return writeJSON(m.Stdout, out)
	}
	if r.Notice != "" && r.Text == "" {
		fmt.Fprintf(m.Stdout, "(%s)\n", r.Notice)
		return nil
	}
	fmt.Fprintln(m.Stdout, reply.ShowMarkers(r.Text, r.English))
	if r.Sources {
		heading := "منابع:"
		if r.English {
			heading = "Sources:"
		}
		printSources(m.Stdout, heading, r.Citations, r.English)
	}
	printButtons(m.Stdout, r.Buttons)
	fmt.Fprintln(m.Stdout)
	return nil
}

func printButtons(w io.Writer, rows [][]reply.Button) {
	var parts []string
	for _, row := range rows {
		for _, b := range row {
			parts = append(parts, fmt.Sprintf("#%d %s", len(parts)+1, b.Text))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintln(w, "  ["+strings.Join(parts, " | ")+"]")
	}
}
