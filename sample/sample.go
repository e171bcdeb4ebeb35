// Package sample embeds the sample corpus: the five news articles peyvand
// was created from, so that a fresh install answers questions with no
// download, key or network.
package sample

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

//go:embed seeds/*.txt
var seeds embed.FS

// Articles returns the sample corpus, cleaned. Each article's id is its
// file name without extension ("sample/000_1a8b584e1f4b7ca4").
func Articles() ([]peyvand.Article, error) {
	names, err := fs.Glob(seeds, "seeds/*.txt")
	if err != nil {
		return nil, err
	}
	out := make([]peyvand.Article, 0, len(names))
	for _, name := range names {
		raw, err := seeds.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("sample %s: %w", name, err)
		}
		doc := persian.CleanText(string(raw))
		out = append(out, peyvand.Article{
			ID:       "sample/" + strings.TrimSuffix(path.Base(name), ".txt"),
			Title:    doc.Title,
			Text:     doc.Text,
			Date:     doc.Date,
			NewsCode: doc.NewsCode,
			Source:   "نمونهٔ همراه پیوند",
		})
	}
	return out, nil
}
