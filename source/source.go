// Package source reads news articles from files: plain text, HTML pages and
// JSON Lines, into cleaned peyvand.Articles. A bad file or line is reported
// with its place and skipped; the rest is read.
package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// Failure is a file or line that could not be read.
type Failure struct {
	Path  string `json:"path"`
	Line  int    `json:"line,omitempty"`
	Error string `json:"error"`
}

// Extensions are the file kinds Read understands.
var Extensions = []string{".txt", ".html", ".htm", ".jsonl"}

// MaxFileSize bounds one input file; a news page is far smaller.
const MaxFileSize = 64 << 20

// Read reads the articles in the given files and directories (walked
// recursively for files with a known extension, in name order).
func Read(paths []string) ([]peyvand.Article, []Failure) {
	var arts []peyvand.Article
	var fails []Failure
	for _, p := range paths {
		files, err := expand(p)
		if err != nil {
			fails = append(fails, Failure{Path: p, Error: err.Error()})
			continue
		}
		for _, f := range files {
			a, fl := ReadFile(f)
			arts = append(arts, a...)
			fails = append(fails, fl...)
		}
	}
	return arts, fails
}

func expand(p string) ([]string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && slices.Contains(Extensions, strings.ToLower(filepath.Ext(path))) {
			files = append(files, path)
		}
		return nil
	})
	return files, err
}

// ReadFile reads one file by its extension.
func ReadFile(path string) ([]peyvand.Article, []Failure) {
	fail := func(err error) []Failure { return []Failure{{Path: path, Error: err.Error()}} }
	f, err := os.Open(path)
	if err != nil {
		return nil, fail(err)
	}
	defer f.Close()
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".jsonl" {
		return ReadJSONL(f, path)
	}
	raw, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fail(err)
	}
	if len(raw) > MaxFileSize {
		return nil, fail(fmt.Errorf("larger than %d MiB", MaxFileSize>>20))
	}
	var a peyvand.Article
	switch ext {
	case ".html", ".htm":
		doc, err := persian.CleanHTML(raw, "")
		if err != nil {
			return nil, fail(err)
		}
		a = fromDocument(doc)
	case ".txt":
		if !utf8.Valid(raw) {
			return nil, fail(fmt.Errorf("not UTF-8 text; convert it, or save the page as .html so its charset is read"))
		}
		a = fromDocument(persian.CleanText(string(raw)))
	default:
		return nil, fail(fmt.Errorf("unknown file kind %q (want one of %s)", ext, strings.Join(Extensions, " ")))
	}
	if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Title) == "" {
		return nil, fail(fmt.Errorf("no article text found"))
	}
	return []peyvand.Article{a}, nil
}

func fromDocument(d persian.Document) peyvand.Article {
	return peyvand.Article{Title: d.Title, Text: d.Text, NewsCode: d.NewsCode, Date: d.Date}
}

// Record is one line of a .jsonl input. Unknown fields are ignored.
type Record struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Text   string `json:"text"`
	Source string `json:"source"`
}

// MaxRecordSize bounds one .jsonl line, as MaxFileSize bounds a file: a
// longer line is reported and skipped, never read whole.
const MaxRecordSize = MaxFileSize

// bom is the UTF-8 byte-order mark some editors put at a file's start.
var bom = []byte("\ufeff")

// ReadJSONL reads one article per line. name labels failures.
func ReadJSONL(r io.Reader, name string) ([]peyvand.Article, []Failure) {
	return readJSONL(r, name, MaxRecordSize)
}

func readJSONL(r io.Reader, name string, limit int) ([]peyvand.Article, []Failure) {
	var arts []peyvand.Article
	var fails []Failure
	br := bufio.NewReaderSize(r, 1<<16)
	for line := 1; ; line++ {
		b, tooLong, err := ReadLine(br, limit)
		if line == 1 {
			b = bytes.TrimPrefix(b, bom)
		}
		switch {
		case tooLong:
			fails = append(fails, Failure{Path: name, Line: line, Error: fmt.Sprintf("record longer than %d MiB", max(1, limit>>20))})
		case len(bytes.TrimSpace(b)) > 0:
			a, perr := parseRecord(b)
			if perr != nil {
				fails = append(fails, Failure{Path: name, Line: line, Error: perr.Error()})
			} else {
				arts = append(arts, a)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fails = append(fails, Failure{Path: name, Line: line, Error: err.Error()})
			break
		}
	}
	return arts, fails
}

// ReadLine reads one line of at most limit bytes; the rest of a longer
// one is read past and dropped (tooLong), so memory stays bounded. The
// command line's REPL reads its input the same way.
func ReadLine(br *bufio.Reader, limit int) (line []byte, tooLong bool, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(frag) > limit {
				tooLong, line = true, nil
			} else {
				line = append(line, frag...)
			}
		}
		if err != bufio.ErrBufferFull {
			return line, tooLong, err
		}
	}
}

func parseRecord(b []byte) (peyvand.Article, error) {
	if !utf8.Valid(b) {
		return peyvand.Article{}, fmt.Errorf("not UTF-8")
	}
	var rec Record
	if err := json.Unmarshal(b, &rec); err != nil {
		return peyvand.Article{}, fmt.Errorf("bad JSON: %w", err)
	}
	return FromRecord(rec)
}

// FromRecord cleans a record into an article. Its text may be plain text or
// HTML; its date is parsed as Jalali or Gregorian when it is one.
func FromRecord(rec Record) (peyvand.Article, error) {
	text := rec.Text
	var doc persian.Document
	if looksLikeHTML(text) {
		d, err := persian.CleanHTML([]byte(text), "text/html; charset=utf-8")
		if err != nil {
			return peyvand.Article{}, err
		}
		doc = d
	} else if title := strings.TrimSpace(rec.Title); title != "" {
		// The record's title is given, so the text is all body. Cleaning it
		// behind its title keeps the cleaner from taking a first body line
		// for a headline; a title too short to look like one is taken off,
		// and a body line taken for the headline is put back.
		doc = persian.CleanText(title + "\n\n" + text)
		if dt := persian.Display(title); doc.Title != dt {
			// The cleaner took a body line for the headline: it goes back.
			doc.Text = strings.TrimSpace(doc.Title + "\n\n" + strings.TrimSpace(strings.TrimPrefix(doc.Text, dt)))
		}
	} else {
		// No title: the text is all body too. What the cleaner takes for a
		// headline goes back in front of it, and the title shown is derived.
		doc = persian.CleanText(text)
		if doc.Title != "" {
			doc.Text = strings.TrimSpace(doc.Title + "\n\n" + doc.Text)
		}
		doc.Title = derivedTitle(doc.Text)
	}
	a := fromDocument(doc)
	a.ID, a.URL, a.Source = strings.TrimSpace(rec.ID), strings.TrimSpace(rec.URL), strings.TrimSpace(rec.Source)
	if t := strings.TrimSpace(rec.Title); t != "" {
		a.Title = persian.Display(t)
	}
	// A date with a time or a weekday around it ("۱۳ تیر ۱۳۹۸، ۲۰:۱۳") is
	// still a date; one that holds none leaves the article undated rather
	// than lost.
	if d, ok := persian.ParseDate(rec.Date); ok {
		a.Date = d
	} else if d, ok := persian.FindDate(rec.Date); ok {
		a.Date = d
	}
	if strings.TrimSpace(a.Text) == "" {
		return peyvand.Article{}, fmt.Errorf("empty text")
	}
	return a, nil
}

// derivedTitle is a title for display from an untitled text: its first
// sentence, shortened to a phone line.
func derivedTitle(text string) string {
	first := strings.TrimSpace(text)
	if ss := persian.SentenceSpans(first); len(ss) > 0 {
		first = strings.TrimSpace(first[ss[0].Start:ss[0].End])
	}
	return persian.Clip(first, 90)
}

func looksLikeHTML(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "<p") || strings.Contains(s, "<div") || strings.Contains(s, "<html") || strings.Contains(s, "<br")
}
