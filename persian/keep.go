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
	info := lexicon()[w]
	return info != nil && info.keep
}

// lexInfo is what the word lists say about one word (match form).
type lexInfo struct {
	stop    bool     // stopwords.txt
	keep    bool     // stem_keep.txt
	variant string   // its canonical spelling (variants.txt), or ""
	parts   []string // the compound's parts (joins.txt), or nil
}

// lexicon merges the word lists into one map, so a word costs one lookup.
var lexicon = sync.OnceValue(func() map[string]*lexInfo {
	return buildLexicon(joins())
})

func buildLexicon(joins map[string][]string) map[string]*lexInfo {
	lex := make(map[string]*lexInfo, 4096)
	get := func(w string) *lexInfo {
		info := lex[w]
		if info == nil {
			info = &lexInfo{}
			lex[w] = info
		}
		return info
	}
	for w := range stopwords() {
		get(w).stop = true
	}
	for w := range stemKeep() {
		get(w).keep = true
	}
	for w, c := range variants() {
		get(w).variant = c
	}
	for w, parts := range joins {
		get(w).parts = parts
	}
	return lex
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
