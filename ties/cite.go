package ties

import "github.com/peyvand/peyvand"

// citer numbers the articles a listing cites, once each, in the order they
// are first cited.
type citer struct {
	meta      map[string]peyvand.Article
	byArticle map[string]int // article id → index in list
	list      []peyvand.Citation
}

// newCiter loads the metadata of every article the ties' facts come from.
func (g *Graph) newCiter(ts []peyvand.Tie) (*citer, error) {
	var ids []string
	for _, t := range ts {
		for _, f := range t.Facts {
			ids = append(ids, f.ArticleID)
		}
	}
	meta, err := g.DB.ArticleMeta(ids)
	if err != nil {
		return nil, err
	}
	return &citer{meta: meta, byArticle: make(map[string]int)}, nil
}

// cite returns the citation of a fact's article, numbering it when first
// seen; the quote is the sentence of the first fact cited from it.
func (c *citer) cite(f peyvand.Fact) peyvand.Citation {
	if i, ok := c.byArticle[f.ArticleID]; ok {
		return c.list[i]
	}
	a := c.meta[f.ArticleID]
	cit := peyvand.Citation{N: len(c.list) + 1, ArticleID: f.ArticleID, PassageID: f.PassageID,
		Title: a.Title, URL: a.URL, Date: a.Date, Source: a.Source, Quote: f.Evidence}
	if cit.Date.IsZero() {
		cit.Date = f.Date
	}
	c.byArticle[f.ArticleID] = len(c.list)
	c.list = append(c.list, cit)
	return cit
}
