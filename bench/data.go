package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/peyvand/peyvand/persian"
)

// Doc is one retrievable unit as every system receives it: peyvand gets it
// as an article (and splits it into passages itself); the peers get the same
// passages, split the same way, with the title in front.
type Doc struct {
	ID    string
	Title string
	Text  string
}

// Question is a query with the doc ids that answer it (any one is a hit).
type Question struct {
	Text string
	Gold []string
}

// Workload is a corpus with its questions.
type Workload struct {
	Name      string
	Docs      []Doc
	Questions []Question
	Note      string
}

func readJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// devWorkload reads the dev items and the answerable dev questions.
func devWorkload(dir string) (Workload, error) {
	type item struct{ ID, URL, Title, Text string }
	type question struct {
		Q       string   `json:"q"`
		GoldIDs []string `json:"gold_ids"`
		Kind    string   `json:"kind"`
	}
	items, err := readJSONL[item](filepath.Join(dir, "dev", "items.jsonl"))
	if err != nil {
		return Workload{}, err
	}
	qs, err := readJSONL[question](filepath.Join(dir, "dev", "questions.jsonl"))
	if err != nil {
		return Workload{}, err
	}
	w := Workload{Name: "dev"}
	for _, it := range items {
		w.Docs = append(w.Docs, Doc{ID: it.ID, Title: it.Title, Text: it.Text})
	}
	skipped := 0
	for _, q := range qs {
		if len(q.GoldIDs) == 0 {
			skipped++
			continue
		}
		w.Questions = append(w.Questions, Question{Text: q.Q, Gold: q.GoldIDs})
	}
	w.Note = fmt.Sprintf("%d items, %d answerable questions (%d unanswerable excluded); a hit is any gold item", len(w.Docs), len(w.Questions), skipped)
	return w, nil
}

type qaPassage struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

type qaQuery struct {
	ID           string `json:"id"`
	Question     string `json:"question"`
	GoldPassage  string `json:"gold_passage"`
	IsImpossible bool   `json:"is_impossible"`
}

// pquadWorkload is PQuAD validation as passage retrieval: every answerable
// question must find its paragraph. Unanswerable ones are left out, as on the
// dev set and as in the Bleve figures of TARGETS.md.
func pquadWorkload(dir string, limit int) (Workload, error) {
	ps, err := readJSONL[qaPassage](filepath.Join(dir, "pquad", "pquad_val.passages.jsonl"))
	if err != nil {
		return Workload{}, err
	}
	qs, err := readJSONL[qaQuery](filepath.Join(dir, "pquad", "pquad_val.queries.jsonl"))
	if err != nil {
		return Workload{}, err
	}
	w := Workload{Name: "pquad"}
	for _, p := range ps {
		w.Docs = append(w.Docs, Doc(p))
	}
	skipped := 0
	for _, q := range qs {
		if q.GoldPassage == "" || q.IsImpossible {
			skipped++
			continue
		}
		w.Questions = append(w.Questions, Question{Text: q.Question, Gold: []string{q.GoldPassage}})
	}
	w.Questions = sample(w.Questions, limit)
	w.Note = fmt.Sprintf("%d paragraphs, %d answerable questions (%d unanswerable excluded)", len(w.Docs), len(w.Questions), skipped)
	return w, nil
}

// pooledWorkloads are ParsiNLU eval and PersianQA test over the pooled
// public passages; the two share one corpus, so one build serves both.
func pooledWorkloads(dir string) (docs []Doc, sets []Workload, err error) {
	ps, err := readJSONL[qaPassage](filepath.Join(dir, "public", "pooled", "pooled.passages.jsonl"))
	if err != nil {
		return nil, nil, err
	}
	aliases := map[string]string{}
	if b, err := os.ReadFile(filepath.Join(dir, "public", "pooled", "pooled.id_aliases.json")); err == nil {
		if err := json.Unmarshal(b, &aliases); err != nil {
			return nil, nil, fmt.Errorf("aliases: %w", err)
		}
	}
	for _, p := range ps {
		docs = append(docs, Doc(p))
	}
	for _, s := range []struct{ name, path string }{
		{"parsinlu", "public/parsinlu/parsinlu_eval.queries.jsonl"},
		{"persianqa", "public/persianqa/persianqa_test.queries.jsonl"},
	} {
		qs, err := readJSONL[qaQuery](filepath.Join(dir, s.path))
		if err != nil {
			return nil, nil, err
		}
		w := Workload{Name: s.name}
		for _, q := range qs {
			if q.GoldPassage == "" || q.IsImpossible {
				continue
			}
			g := q.GoldPassage
			if a, ok := aliases[g]; ok {
				g = a
			}
			w.Questions = append(w.Questions, Question{Text: q.Question, Gold: []string{g}})
		}
		w.Note = fmt.Sprintf("%d answerable questions over the %d pooled passages", len(w.Questions), len(docs))
		sets = append(sets, w)
	}
	return docs, sets, nil
}

// sample keeps every len/limit-th question, so a short run still spans the set.
func sample(qs []Question, limit int) []Question {
	if limit <= 0 || len(qs) <= limit {
		return qs
	}
	out := make([]Question, 0, limit)
	step := float64(len(qs)) / float64(limit)
	for i := 0; i < limit; i++ {
		out = append(out, qs[int(float64(i)*step)])
	}
	return out
}

// scaleDocs returns the dev items followed by perturbed copies until the
// corpus holds at least target passages: each copy draws sentences from the
// dev items, swaps a few words between sentences and renumbers figures, so no
// two passages are identical and term statistics stay news-like.
func scaleDocs(dev []Doc, target int, seed uint64) (docs []Doc, passages int) {
	var pool []string
	for _, d := range dev {
		pool = append(pool, persian.Sentences(d.Text)...)
	}
	docs = append(docs, dev...)
	for _, d := range dev {
		passages += len(persian.Passages(d.Text))
	}
	r := rand.New(rand.NewPCG(seed, 7))
	for i := 0; passages < target; i++ {
		var b strings.Builder
		for j := 5 + r.IntN(8); j > 0; j-- {
			words := strings.Fields(pool[r.IntN(len(pool))])
			other := strings.Fields(pool[r.IntN(len(pool))])
			for k := 0; k < 3 && len(words) > 0 && len(other) > 0; k++ {
				words[r.IntN(len(words))] = other[r.IntN(len(other))]
			}
			if len(words) > 0 && r.IntN(3) == 0 {
				words[r.IntN(len(words))] = fmt.Sprint(r.IntN(5000))
			}
			b.WriteString(strings.Join(words, " "))
			b.WriteString(" ")
			if r.IntN(4) == 0 {
				b.WriteString("\n\n")
			}
		}
		d := Doc{ID: fmt.Sprintf("synth-%06d", i), Title: pool[r.IntN(len(pool))], Text: b.String()}
		passages += len(persian.Passages(d.Text))
		docs = append(docs, d)
	}
	return docs, passages
}

// rawBytes is the size of the text the systems index.
func rawBytes(docs []Doc) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d.Title) + len(d.Text))
	}
	return n
}
