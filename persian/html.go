package persian

import (
	"bytes"
	"fmt"
	"strings"

	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// CleanHTML cleans an HTML page. The charset comes from contentType (a
// Content-Type header value, may be "") or the page's own <meta charset> or
// http-equiv, windows-1256 and the other WHATWG encodings included. The
// title comes from <h1>, og:title or <title> (without a " - site name"
// suffix); the body from the main text container (with a lead that sits
// before it), without navigation, scripts, styles, forms, asides, footers,
// images and their captions, elements whose class or id names page
// furniture (comment, related, share, breadcrumb, menu, nav, tag, footer,
// sidebar …) and lists of links (related news and tag boxes without a
// class), then cleaned line by line as CleanText does. The date comes from article:published_time and similar meta tags or
// <time datetime>, else from a short date line of the page.
func CleanHTML(raw []byte, contentType string) (Document, error) {
	r, err := charset.NewReader(bytes.NewReader(raw), contentType)
	if err != nil {
		return Document{}, fmt.Errorf("clean html: %w", err)
	}
	root, err := html.Parse(r)
	if err != nil {
		return Document{}, fmt.Errorf("clean html: %w", err)
	}
	p := htmlPage{boxes: linkBoxes(root)}
	p.walkMeta(root)
	body := p.mainNode(root)
	var b strings.Builder
	p.writeText(&b, body)
	doc := CleanText(b.String())
	if t := p.bestTitle(); t != "" {
		// the page's own title wins over the first line guess; keep the
		// guessed line in the text unless it is the same headline
		if doc.Title != "" && Normalize(doc.Title) != Normalize(t) {
			doc.Text = strings.TrimSpace(doc.Title + "\n\n" + doc.Text)
		}
		doc.Title = t
		doc.Text = dropLeadingTitle(doc.Text, t)
	}
	if !p.date.IsZero() {
		doc.Date = p.date
	}
	return doc, nil
}

type htmlPage struct {
	h1, ogTitle, title string
	date               time.Time
	boxes              map[*html.Node]bool // link lists and tag clouds (linkBoxes)
}

// walkMeta collects the titles and the publication date of the page.
func (p *htmlPage) walkMeta(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom != atom.Head && n.DataAtom != atom.Meta && n.DataAtom != atom.Title && p.skipped(n) {
		return // no headline or date in comments, asides and footers
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Meta:
			key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
			content := strings.TrimSpace(attr(n, "content"))
			switch key {
			case "og:title", "twitter:title":
				if p.ogTitle == "" {
					p.ogTitle = content
				}
			case "article:published_time", "datepublished", "date", "pubdate", "publishdate",
				"dc.date", "dc.date.issued", "og:published_time", "article:published", "sailthru.date", "parsely-pub-date":
				if p.date.IsZero() {
					if t, ok := ParseDate(content); ok {
						p.date = t
					}
				}
			}
		case atom.Time:
			if p.date.IsZero() {
				if t, ok := ParseDate(attr(n, "datetime")); ok {
					p.date = t
				}
			}
		case atom.Title:
			if p.title == "" {
				p.title = strings.TrimSpace(p.textOf(n))
			}
		case atom.H1:
			if p.h1 == "" && !p.skipped(n) {
				p.h1 = strings.TrimSpace(p.textOf(n))
			}
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.walkMeta(c)
	}
}

// bestTitle returns the page's headline in display form, or "".
func (p *htmlPage) bestTitle() string {
	og := stripSiteName(p.ogTitle)
	ti := stripSiteName(p.title)
	h1 := p.h1
	switch {
	case h1 != "" && (countWords(h1) >= 3 || og == "" && ti == ""):
		return Display(h1)
	case og != "":
		return Display(og)
	case ti != "":
		return Display(ti)
	}
	return Display(h1)
}

// stripSiteName removes a " - site name" or " | site name" part from a page
// title: the longest part is the headline.
func stripSiteName(t string) string {
	t = strings.TrimSpace(t)
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " » ", " « "} {
		if !strings.Contains(t, sep) {
			continue
		}
		parts := strings.Split(t, sep)
		best := ""
		for _, part := range parts {
			if countWords(part) > countWords(best) {
				best = part
			}
		}
		t = strings.TrimSpace(best)
	}
	return t
}

// mainNode returns the element that holds the article text: the one whose
// paragraphs hold the most text (half of a paragraph's text counts for its
// grandparent too), or <body>.
func (p *htmlPage) mainNode(root *html.Node) *html.Node {
	score := map[*html.Node]int{}
	var order []*html.Node // scored nodes in document order, for ties
	var body *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Body {
				body = n
			}
			if p.skipped(n) {
				return
			}
			if n.DataAtom == atom.P || n.DataAtom == atom.Div && !hasBlockChild(n) {
				l := len(strings.TrimSpace(p.textOf(n)))
				if l >= 25 && n.Parent != nil {
					for k, m := range []*html.Node{n.Parent, n.Parent.Parent} {
						if m == nil {
							continue
						}
						if _, ok := score[m]; !ok {
							order = append(order, m)
						}
						score[m] += l >> k
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	var best *html.Node
	for _, n := range order {
		if best == nil || score[n] > score[best] {
			best = n
		}
	}
	if best == nil || score[best] < 200 {
		if body != nil {
			return body
		}
		return root
	}
	// the paragraphs' container often leaves out the lead and subheadings
	// that sit beside it in the <article>, or beside it in a plain <div>
	// when the lead comes before it
	if par := best.Parent; par != nil && par.DataAtom != atom.Body && par.DataAtom != atom.Html {
		for c := par.FirstChild; c != nil && c != best; c = c.NextSibling {
			if c.Type == html.ElementNode && !p.skipped(c) && (c.DataAtom == atom.P || c.DataAtom == atom.Div && !hasBlockChild(c)) &&
				len(strings.TrimSpace(p.textOf(c))) >= 50 {
				best = par
				break
			}
		}
	}
	n := best
	for i := 0; i < 4 && n != nil; i, n = i+1, n.Parent {
		if n.DataAtom == atom.Article || strings.EqualFold(attr(n, "itemprop"), "articleBody") {
			return n
		}
	}
	return best
}

var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Tr: true, atom.Table: true, atom.Section: true, atom.Article: true, atom.Blockquote: true,
	atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Figcaption: true, atom.Pre: true,
	atom.Header: true, atom.Main: true, atom.Hr: true, atom.Td: true, atom.Th: true,
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockAtoms[c.DataAtom] && c.DataAtom != atom.Br {
			return true
		}
	}
	return false
}

var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Footer: true,
	atom.Aside: true, atom.Form: true, atom.Iframe: true, atom.Svg: true, atom.Button: true,
	atom.Select: true, atom.Option: true, atom.Template: true, atom.Canvas: true, atom.Head: true,
	atom.Input: true, atom.Textarea: true, atom.Label: true, atom.Object: true, atom.Embed: true,
	atom.Video: true, atom.Audio: true, atom.Menu: true, atom.Figcaption: true, atom.Img: true,
}

// skipMarks are class or id fragments of page furniture.
var skipMarks = []string{"comment", "related", "share", "social", "footer", "menu", "navbar", "sidebar",
	"breadcrumb", "tags", "tag-", "advert", "banner", "popup", "cookie", "newsletter", "subscribe", "sharing",
	"most-visited", "mostvisited", "pagination", "toolbar", "login", "copyright", "caption", "keyword",
	"navigation", "complementary"}

// skipTokens are class or id words of page furniture too short to look for
// inside other words ("tag" is in "stage", "nav" in "canvas"): a word of
// the class or id must start with one.
var skipTokens = []string{"nav", "tag"}

// skipped reports whether n is page furniture rather than article text.
func (p *htmlPage) skipped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if skipAtoms[n.DataAtom] || p.boxes[n] {
		return true
	}
	if strings.EqualFold(attr(n, "hidden"), "hidden") || strings.Contains(strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", ""), "display:none") {
		return true
	}
	if strings.EqualFold(attr(n, "rel"), "tag") || strings.EqualFold(attr(n, "itemprop"), "keywords") {
		return true
	}
	raw := attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "role")
	marks := strings.ToLower(raw)
	for _, m := range skipMarks {
		if strings.Contains(marks, m) {
			return true
		}
	}
	for _, w := range markWords(raw) {
		for _, t := range skipTokens {
			if strings.HasPrefix(w, t) {
				return true
			}
		}
	}
	return false
}

// markWords splits class and id values into lower-case words, at
// punctuation and at camelCase humps: "post-tags newsNav" → post, tags,
// news, nav.
func markWords(s string) []string {
	var ws []string
	start := -1
	for i := 0; i <= len(s); i++ {
		var c byte
		if i < len(s) {
			c = s[i]
		}
		lower, upper, digit := c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9'
		hump := upper && start >= 0 && i > 0 && s[i-1] >= 'a' && s[i-1] <= 'z'
		if !(lower || upper || digit) || hump {
			if start >= 0 {
				ws = append(ws, strings.ToLower(s[start:i]))
				start = -1
			}
		}
		if (lower || upper || digit) && start < 0 {
			start = i
		}
	}
	return ws
}

// linkBoxes finds the lists of links and tag clouds of a page: elements
// whose text is at least 80% link text, with three links or more and no
// sentence-long text outside them (a related-news list, a tag box, a menu
// without a class). An element with a paragraph of its own is never one,
// however many links sit around it, so a short article inside a page of
// menus is kept.
func linkBoxes(root *html.Node) map[*html.Node]bool {
	boxes := map[*html.Node]bool{}
	type stats struct{ text, link, links, plain int }
	var walk func(n *html.Node, inLink bool) stats
	walk = func(n *html.Node, inLink bool) stats {
		var s stats
		isLink := false
		switch n.Type {
		case html.TextNode:
			l := len(strings.TrimSpace(n.Data))
			s.text = l
			if inLink {
				s.link = l
			} else {
				s.plain = l
			}
			return s
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				return s
			case atom.A:
				isLink = !inLink
				inLink = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			cs := walk(c, inLink)
			s.text += cs.text
			s.link += cs.link
			s.links += cs.links
			s.plain = max(s.plain, cs.plain)
		}
		if isLink && s.link > 0 {
			s.links++
		}
		if n.Type == html.ElementNode && boxAtoms[n.DataAtom] && s.links >= 3 && s.link*10 >= s.text*8 && s.plain < 80 {
			boxes[n] = true
		}
		return s
	}
	walk(root, false)
	return boxes
}

var boxAtoms = map[atom.Atom]bool{
	atom.Ul: true, atom.Ol: true, atom.Div: true, atom.P: true, atom.Section: true, atom.Td: true, atom.Table: true, atom.Dl: true,
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf returns the text of n, skipping page furniture.
func (p *htmlPage) textOf(n *html.Node) string {
	var b strings.Builder
	p.writeText(&b, n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// writeText writes the text of n with a blank line around each block.
func (p *htmlPage) writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(collapseSpace(n.Data))
		return
	case html.ElementNode:
		if p.skipped(n) {
			return
		}
		if n.DataAtom == atom.Br {
			b.WriteString("\n")
			return
		}
	}
	block := n.Type == html.ElementNode && blockAtoms[n.DataAtom]
	if block {
		b.WriteString("\n\n")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.writeText(b, c)
	}
	if block {
		b.WriteString("\n\n")
	}
}

// collapseSpace turns the HTML whitespace of a text node into single spaces.
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\n\t\r\f") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// dropLeadingTitle removes the first paragraph of text when it is the title.
func dropLeadingTitle(text, title string) string {
	first, rest, _ := strings.Cut(text, "\n\n")
	if Normalize(first) == Normalize(title) {
		return rest
	}
	return text
}
