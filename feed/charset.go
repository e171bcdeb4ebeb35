package feed

import (
	"bytes"
	"mime"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// Why not leave the charset to persian.CleanHTML (charset.NewReader): the
// WHATWG sniffing it does looks at the first 1024 bytes only and, finding no
// declaration there, falls back to windows-1252. Persian news pages often
// put their <meta http-equiv> after a kilobyte of scripts and styles, and a
// windows-1252 reading of a windows-1256 page is all mojibake. So the page
// is decoded here once, by these rules, and handed on as UTF-8:
//
//  1. a byte order mark;
//  2. the Content-Type header's charset, unless it says Latin-1 (a server
//     default) of bytes that are valid UTF-8, or UTF-8 of bytes that are not
//     while the page declares something else;
//  3. <meta charset> or <meta http-equiv="Content-Type"> in the first 64 KiB
//     before <body>;
//  4. UTF-8 when the bytes are valid UTF-8;
//  5. else windows-1256, the legacy encoding of Persian pages.

// metaScanLimit bounds the search for a <meta> charset declaration.
const metaScanLimit = 64 << 10

// utf8HTML is the Content-Type of a page decodeHTML has turned into UTF-8.
const utf8HTML = "text/html; charset=utf-8"

// decodeHTML returns the page in valid UTF-8 and the name of the encoding
// it was read in.
func decodeHTML(raw []byte, contentType string) ([]byte, string) {
	enc, name := htmlEncoding(raw, contentType)
	return decodeWith(raw, enc), name
}

// decodeWith decodes raw with enc (nil: UTF-8) and returns valid UTF-8.
func decodeWith(raw []byte, enc encoding.Encoding) []byte {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if enc != nil && enc != encoding.Nop {
		if out, err := enc.NewDecoder().Bytes(raw); err == nil {
			return bytes.ToValidUTF8(out, nil)
		}
	}
	return bytes.ToValidUTF8(raw, nil)
}

// htmlEncoding chooses the encoding of a page (nil: UTF-8) and its name.
func htmlEncoding(raw []byte, contentType string) (encoding.Encoding, string) {
	for _, b := range boms {
		if bytes.HasPrefix(raw, b.bom) {
			e, name := charset.Lookup(b.name)
			return e, name
		}
	}
	if label := headerCharset(contentType); label != "" {
		if e, name := lookup(label); e != nil {
			switch {
			case isLatin1(name) && hasHighBit(raw) && utf8.Valid(raw):
				return nil, "utf-8"
			case name == "utf-8" && !utf8.Valid(raw):
				if me, mname := metaCharset(raw); me != nil && mname != "utf-8" {
					return me, mname
				}
			}
			return e, name
		}
	}
	if e, name := metaCharset(raw); e != nil {
		if (isLatin1(name) || name == "utf-8") && utf8.Valid(raw) {
			return nil, "utf-8"
		}
		return e, name
	}
	if utf8.Valid(raw) {
		return nil, "utf-8"
	}
	return charmap.Windows1256, "windows-1256"
}

var boms = []struct {
	bom  []byte
	name string
}{
	{[]byte{0xef, 0xbb, 0xbf}, "utf-8"},
	{[]byte{0xfe, 0xff}, "utf-16be"},
	{[]byte{0xff, 0xfe}, "utf-16le"},
}

// lookup is charset.Lookup with UTF-8 as a nil encoding.
func lookup(label string) (encoding.Encoding, string) {
	e, name := charset.Lookup(label)
	if e == nil {
		return nil, ""
	}
	if name == "utf-8" {
		return nil, "utf-8"
	}
	return e, name
}

// headerCharset returns the charset parameter of a Content-Type value.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// "text/html;charset=windows-1256;" and other near misses
		i := strings.Index(strings.ToLower(contentType), "charset=")
		if i < 0 {
			return ""
		}
		v := contentType[i+len("charset="):]
		if j := strings.IndexAny(v, "; "); j >= 0 {
			v = v[:j]
		}
		return strings.Trim(v, `"'`)
	}
	return params["charset"]
}

// isLatin1 reports whether name is one of the encodings a server sends by
// default when nobody configured it.
func isLatin1(name string) bool {
	return name == "windows-1252" || name == "iso-8859-1" || name == "us-ascii"
}

func hasHighBit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// metaCharset returns the encoding a <meta> tag of the page's head declares.
func metaCharset(raw []byte) (encoding.Encoding, string) {
	if len(raw) > metaScanLimit {
		raw = raw[:metaScanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return nil, ""
			case "meta":
			default:
				continue
			}
			var cs, equiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					equiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
			}
			if cs == "" && equiv == "content-type" {
				cs = headerCharset(content)
			}
			if cs == "" {
				continue
			}
			if e, name := lookup(cs); name != "" {
				if strings.HasPrefix(name, "utf-16") {
					return nil, "utf-8" // as the HTML standard says: the page was transcoded
				}
				return e, name
			}
		}
	}
}

// xmlDecl matches an XML declaration and its encoding pseudo-attribute.
var xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["'][^>]*\?>`)

// feedUTF8 prepares a feed body for the XML parser. A UTF-16 byte order
// mark wins, then the Content-Type header's charset, then the XML
// declaration (RFC 7303); an undeclared body that is not valid UTF-8 is
// read as windows-1256. The body comes out as valid UTF-8, and its
// declaration, if any, says so.
func feedUTF8(raw []byte, contentType string) []byte {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	var declared string
	if m := xmlDecl.FindSubmatchIndex(raw[:min(len(raw), 512)]); m != nil {
		declared = string(raw[m[2]:m[3]])
	}
	var enc encoding.Encoding
	decided := false
	for _, b := range boms[1:] {
		if bytes.HasPrefix(raw, b.bom) {
			enc, _ = charset.Lookup(b.name)
			raw, decided = raw[len(b.bom):], true
		}
	}
	if label := headerCharset(contentType); label != "" && !decided {
		if e, name := lookup(label); name != "" {
			enc, decided = e, true
			if isLatin1(name) && hasHighBit(raw) && utf8.Valid(raw) {
				enc = nil
			}
		}
	}
	if !decided {
		if e, name := lookup(declared); name != "" {
			enc, decided = e, true
		}
	}
	if !decided && !utf8.Valid(raw) {
		enc = charmap.Windows1256
	}
	out := decodeWith(raw, enc)
	if m := xmlDecl.FindSubmatchIndex(out[:min(len(out), 512)]); m != nil {
		out = slices.Concat(out[:m[2]], []byte("utf-8"), out[m[3]:])
	}
	return out
}
