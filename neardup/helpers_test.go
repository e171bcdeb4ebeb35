package neardup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtures are the feed package's news fixtures: real reports, shared so
// that the sketch is measured on the pages the poller reads.
const fixtures = "../feed/testdata/articles"

// story is a fixture: its headline, lead and body paragraphs.
type story struct {
	Title, Lead string
	Body        []string
}

// Text is the lead and body as cleaned text has them.
func (s story) Text() string { return strings.Join(append([]string{s.Lead}, s.Body...), "\n\n") }

func readStory(tb testing.TB, name string) story {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	if p := strings.Split(strings.TrimSpace(string(b)), "\n\n"); len(p) >= 3 {
		return story{Title: p[0], Lead: p[1], Body: p[2:]}
	}
	tb.Fatalf("%s: want a title and two paragraphs at least", name)
	return story{}
}
