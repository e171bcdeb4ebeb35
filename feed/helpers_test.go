package feed

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"text/template"

	"golang.org/x/text/encoding/charmap"
)

// story is a fixture article of testdata/articles: a headline, a lead and
// body paragraphs.
type story struct {
	Title string
	Lead  string
	Body  []string
}

// Text returns the story's lead and body as cleaned text has them.
func (s story) Text() string { return strings.Join(append([]string{s.Lead}, s.Body...), "\n\n") }

// readStory reads testdata/articles/name.txt: the headline, then the
// paragraphs, separated by blank lines.
func readStory(tb testing.TB, name string) story {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata/articles", name+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	paras := strings.Split(strings.TrimSpace(string(b)), "\n\n")
	if len(paras) < 3 {
		tb.Fatalf("%s: want a title and two paragraphs at least", name)
	}
	return story{Title: paras[0], Lead: paras[1], Body: paras[2:]}
}

// pageData fills testdata/page.html.tmpl.
type pageData struct {
	story
	Site        string
	MetaCharset string // <meta charset>, "" for none
	HTTPEquiv   string // <meta http-equiv> charset, "" for none
	Padding     string // script text before the http-equiv, to push it past 1024 bytes
	Published   string // article:published_time, "" for none
	Code        string
}

var pageTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFiles("testdata/page.html.tmpl"))
})

// renderPage renders a news page of the story.
func renderPage(tb testing.TB, d pageData) []byte {
	tb.Helper()
	if d.Site == "" {
		d.Site = "خبرگزاری نمونه"
	}
	if d.Code == "" {
		d.Code = "۱۲۳۴۵۶"
	}
	var b bytes.Buffer
	if err := pageTmpl().Execute(&b, d); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// to1256 encodes UTF-8 text in windows-1256, which has the Arabic yeh but
// not the Persian one, and no Persian digits: legacy pages spell ی as ي and
// write Latin digits.
func to1256(tb testing.TB, b []byte) []byte {
	tb.Helper()
	s := strings.NewReplacer("ی", "ي", "۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4",
		"۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9").Replace(string(b))
	out, err := charmap.Windows1256.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatalf("encode windows-1256: %v", err)
	}
	return out
}

// fixture reads a testdata file with {{BASE}} replaced by base.
func fixture(tb testing.TB, name, base string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return bytes.ReplaceAll(b, []byte("{{BASE}}"), []byte(base))
}

// server is an httptest server whose routes a test sets and changes, and
// which counts requests by path.
type server struct {
	*httptest.Server
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   map[string]int
	agents map[string]string // the User-Agent of the last request by path
}

func newServer(tb testing.TB) *server {
	s := &server{routes: map[string]http.HandlerFunc{}, hits: map[string]int{}, agents: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		h := s.routes[r.URL.Path]
		s.hits[r.URL.Path]++
		s.agents[r.URL.Path] = r.UserAgent()
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	tb.Cleanup(s.Close)
	return s
}

// handle sets the handler of a path.
func (s *server) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// serve sets a path to answer 200 with the body and Content-Type.
func (s *server) serve(path, contentType string, body []byte) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

// serveFeed sets a path to answer a feed with an ETag and Last-Modified,
// and 304 to a request that presents either.
func (s *server) serveFeed(path, contentType string, body []byte, etag string) {
	const lastMod = "Wed, 08 Oct 2025 10:00:00 GMT"
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Write(body)
	})
}

func (s *server) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *server) agent(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.agents[path]
}
