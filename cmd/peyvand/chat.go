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
}

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
	var buttons []chat.Button
	sc := bufio.NewScanner(m.Stdin)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	msgID := 0
	for sc.Scan() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		line := strings.TrimSpace(sc.Text())
		msgID++
		var replies []chat.Reply
		if n, ok := buttonNumber(line); ok {
			if n < 1 || n > len(buttons) {
				fmt.Fprintln(m.Stdout, "چنین دکمه‌ای نیست.")
				continue
			}
			replies = core.Press(ctx, chat.Callback{ChatID: terminalChat, UserID: terminalChat, MessageID: msgID, Data: buttons[n-1].Data})
		} else {
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
	}
	return sc.Err()
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

func (m *Main) printReply(r chat.Reply) error {
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
	fmt.Fprintln(m.Stdout, r.Text)
	if r.Sources {
		printSources(m.Stdout, "منابع:", r.Citations)
	}
	printButtons(m.Stdout, r.Buttons)
	fmt.Fprintln(m.Stdout)
	return nil
}

func printButtons(w io.Writer, rows [][]chat.Button) {
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
