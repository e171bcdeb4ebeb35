package persian

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed stem_keep.txt
var stemKeepTxt string

var stemKeep = sync.OnceValue(func() map[string]struct{} {
	return loadWordSet(stemKeepTxt)
})

// isKeep reports whether Stem must leave w as it is.
func isKeep(w string) bool {
	_, ok := stemKeep()[w]
	return ok
}

//go:embed joins.txt
var joinsTxt string

// joins maps a compound written without its half-space (match form) to the
// words it is written as with one: تفاهمنامه → تفاهم نامه.
var joins = sync.OnceValue(func() map[string][]string {
	return loadJoins(joinsTxt)
})

// loadJoins reads joins.txt: one compound a line, its parts separated by
// '+' ('#' starts a comment); the key is the parts run together.
func loadJoins(txt string) map[string][]string {
	m := make(map[string][]string, 4096)
	for _, line := range strings.Split(txt, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		var parts []string
		for _, p := range strings.Split(line, "+") {
			parts = AppendWords(parts, p)
		}
		if len(parts) < 2 {
			continue
		}
		m[strings.Join(parts, "")] = parts
	}
	return m
}

//go:embed variants.txt
var variantsTxt string

// variants maps a spelling variant (match form) to its canonical spelling.
var variants = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(variantsTxt, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		canon, vs, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		c := Normalize(canon)
		for _, v := range Words(vs) {
			if v != c {
				m[v] = c
			}
		}
	}
	return m
})
