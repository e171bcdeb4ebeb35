package peyvand

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Article is one cleaned news item as stored.
type Article struct {
	// ID is the article's identity: the input's id, else its canonical URL,
	// else a hash of its cleaned text (see ArticleID).
	ID       string
	URL      string
	Title    string
	Date     time.Time // zero when the report printed no date
	Source   string    // outlet, e.g. "irna.ir"
	NewsCode string    // the outlet's "کد خبر", when the page printed one
	Text     string    // cleaned body, display form, paragraphs separated by "\n\n"
}

// ArticleID returns the identity of an article: the given id, else the
// canonical URL, else a hash of the cleaned text. Ingesting the same article
// twice therefore addresses the same record.
func ArticleID(id, url, text string) string {
	if id = strings.TrimSpace(id); id != "" {
		return id
	}
	if u := CanonicalURL(url); u != "" {
		return u
	}
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:12])
}

// CanonicalURL trims what does not change the page a URL names: spaces, the
// fragment, a trailing slash and the scheme's case.
func CanonicalURL(u string) string {
	u = strings.TrimSpace(u)
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	u = strings.TrimRight(u, "/")
	if i := strings.Index(u, "://"); i > 0 {
		u = strings.ToLower(u[:i]) + u[i:]
	}
	return u
}

// Passage is a run of whole sentences of an article, the unit of retrieval.
type Passage struct {
	ArticleID string
	Index     int    // position within the article, from 0
	Start     int    // byte offset of the passage in Article.Text
	End       int    // byte offset one past its end
	Text      string // Article.Text[Start:End]
}

// PassageID is the stable, printable id of a passage: "<article id>#<index>".
func PassageID(articleID string, index int) string {
	return articleID + "#" + strconv.Itoa(index)
}
