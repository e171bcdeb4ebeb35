package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"time"
)

// Row is one system's figures on one workload. Zero fields do not apply.
type Row struct {
	System  string `json:"system"`
	Kind    string `json:"kind"`
	Queries int    `json:"queries,omitempty"`

	Hit1  float64 `json:"hit_at_1"`
	Hit5  float64 `json:"hit_at_5"`
	Hit10 float64 `json:"hit_at_10"`
	MRR10 float64 `json:"mrr_at_10"`

	P50ms float64 `json:"p50_ms"`
	P99ms float64 `json:"p99_ms"`

	Passages       int     `json:"passages,omitempty"`
	BuildSec       float64 `json:"build_s,omitempty"`
	PassagesPerSec float64 `json:"passages_per_s,omitempty"`
	HeapLiveMB     float64 `json:"heap_live_mb,omitempty"`
	HeapPeakMB     float64 `json:"heap_peak_mb,omitempty"`
	DiskMB         float64 `json:"disk_mb,omitempty"`
	// ColdStartMs is reopening the built index from disk and answering one
	// question, as a restarted process does; zero when not measured.
	ColdStartMs float64 `json:"cold_start_ms,omitempty"`

	// Ratio compares the row with peyvand; RatioOf in the table says how.
	Ratio float64 `json:"ratio_vs_peyvand"`
}

// Table is one workload's results.
type Table struct {
	Name    string  `json:"name"`
	Note    string  `json:"note"`
	Scale   bool    `json:"scale"`
	RawMB   float64 `json:"raw_text_mb,omitempty"`
	RatioOf string  `json:"ratio_of"`
	Rows    []Row   `json:"rows"`
}

type buildStats struct {
	passages int
	dur      time.Duration
	live     int64
	peak     int64
}

type corpusRun struct {
	name      string
	docs      []Doc
	sets      []Workload
	scale     bool          // report build figures and time queries repeatedly
	minSample int           // scale: latency samples wanted per searcher
	budget    time.Duration // scale: time allowed per searcher for them
}

// run builds every backend over the corpus in turn (one at a time, so heap
// figures are each system's own) and asks every question set.
func (cr corpusRun) run(ctx context.Context, opt Options, logf func(string, ...any)) ([]Table, error) {
	tables := make([]Table, len(cr.sets))
	for i, w := range cr.sets {
		tables[i] = Table{Name: w.Name, Note: w.Note, Scale: cr.scale, RawMB: mb(rawBytes(cr.docs))}
	}
	passages := len(splitDocs(cr.docs))
	backends, err := newBackends(opt.Systems, opt)
	if err != nil {
		return nil, err
	}
	for _, b := range backends {
		dir, err := os.MkdirTemp("", "peyvand-bench-")
		if err != nil {
			return nil, err
		}
		bs, err := measureBuild(ctx, b, cr.docs, dir)
		if err != nil {
			b.Close()
			os.RemoveAll(dir)
			return nil, fmt.Errorf("%s: build %s: %w", cr.name, b.Name(), err)
		}
		bs.passages = passages
		logf("%s: %s built %d passages in %.1fs", cr.name, b.Name(), passages, bs.dur.Seconds())
		first := make([]int, len(cr.sets)) // this backend's first row in each table
		for ti, w := range cr.sets {
			first[ti] = len(tables[ti].Rows)
			for _, s := range b.Searchers() {
				row, err := cr.evaluate(ctx, s, w)
				if err != nil {
					b.Close()
					os.RemoveAll(dir)
					return nil, fmt.Errorf("%s: %s: %w", w.Name, s.Name, err)
				}
				if cr.scale {
					row.Passages = bs.passages
					row.BuildSec = bs.dur.Seconds()
					row.PassagesPerSec = float64(bs.passages) / bs.dur.Seconds()
					row.HeapLiveMB = mb(bs.live)
					row.HeapPeakMB = mb(bs.peak)
				}
				logf("%s: %-28s hit@5 %.3f MRR@10 %.3f p50 %.3fms p99 %.3fms", w.Name, s.Name, row.Hit5, row.MRR10, row.P50ms, row.P99ms)
				tables[ti].Rows = append(tables[ti].Rows, row)
			}
		}
		if cr.scale {
			disk := mb(b.DiskBytes()) // after the queries: background merges have settled
			var cold time.Duration
			if cs, ok := b.(ColdStarter); ok && len(cr.sets) > 0 && len(cr.sets[0].Questions) > 0 {
				runtime.GC()
				if cold, err = cs.ColdStart(ctx, cr.sets[0].Questions[0].Text); err != nil {
					b.Close()
					os.RemoveAll(dir)
					return nil, fmt.Errorf("%s: %s cold start: %w", cr.name, b.Name(), err)
				}
				logf("%s: %s cold start to first answer %.0f ms", cr.name, b.Name(), ms(cold))
			}
			for ti := range tables {
				for ri := first[ti]; ri < len(tables[ti].Rows); ri++ {
					tables[ti].Rows[ri].DiskMB = disk
					tables[ti].Rows[ri].ColdStartMs = ms(cold)
				}
			}
		}
		if err := b.Close(); err != nil {
			return nil, err
		}
		os.RemoveAll(dir)
		runtime.GC()
	}
	for i := range tables {
		setRatios(&tables[i])
	}
	return tables, nil
}

// evaluate asks every question once (quality and latency), and for a scale
// run keeps asking them until minSample latencies or the budget.
func (cr corpusRun) evaluate(ctx context.Context, s Searcher, w Workload) (Row, error) {
	row := Row{System: s.Name, Kind: s.Kind, Queries: len(w.Questions)}
	if len(w.Questions) == 0 {
		return row, nil
	}
	// Warm up caches and lazily built structures, untimed.
	for _, q := range w.Questions[:min(len(w.Questions), 5)] {
		if _, err := s.Search(ctx, q.Text, 10); err != nil {
			return row, err
		}
	}
	lat := make([]time.Duration, 0, len(w.Questions))
	for _, q := range w.Questions {
		t0 := time.Now()
		got, err := s.Search(ctx, q.Text, 10)
		lat = append(lat, time.Since(t0))
		if err != nil {
			return row, err
		}
		rank := 0
		for i, id := range got {
			if slices.Contains(q.Gold, id) {
				rank = i + 1
				break
			}
		}
		if rank == 1 {
			row.Hit1++
		}
		if rank >= 1 && rank <= 5 {
			row.Hit5++
		}
		if rank >= 1 && rank <= 10 {
			row.Hit10++
			row.MRR10 += 1 / float64(rank)
		}
	}
	n := float64(len(w.Questions))
	row.Hit1, row.Hit5, row.Hit10, row.MRR10 = row.Hit1/n, row.Hit5/n, row.Hit10/n, row.MRR10/n
	if cr.scale {
		deadline := time.Now().Add(cr.budget)
		for i := 0; len(lat) < cr.minSample && time.Now().Before(deadline); i++ {
			q := w.Questions[i%len(w.Questions)]
			t0 := time.Now()
			if _, err := s.Search(ctx, q.Text, 10); err != nil {
				return row, err
			}
			lat = append(lat, time.Since(t0))
		}
	}
	row.P50ms, row.P99ms = percentile(lat, 0.50), percentile(lat, 0.99)
	return row, nil
}

func percentile(d []time.Duration, p float64) float64 {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return float64(s[max(i, 0)].Nanoseconds()) / 1e6
}

// setRatios fills each row's ratio against peyvand: on quality tables the
// row's MRR@10 over peyvand hybrid's; on scale tables the row's p99 latency
// over that of peyvand's mode of the same kind (Bleve against keyword,
// chromem-go against dense), so above 1 means slower than peyvand.
func setRatios(t *Table) {
	ref := map[string]Row{}
	for _, r := range t.Rows {
		if len(r.System) >= 7 && r.System[:7] == "peyvand" {
			ref[r.Kind] = r
		}
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		if t.Scale {
			t.RatioOf = "p99 latency ÷ peyvand's p99 in the same mode"
			if p, ok := ref[r.Kind]; ok && p.P99ms > 0 {
				r.Ratio = r.P99ms / p.P99ms
			}
		} else {
			t.RatioOf = "MRR@10 ÷ peyvand hybrid's MRR@10"
			if p, ok := ref["hybrid"]; ok && p.MRR10 > 0 {
				r.Ratio = r.MRR10 / p.MRR10
			}
		}
	}
}

// measureBuild builds b, sampling the heap for its peak, then measures what
// the built index keeps live.
func measureBuild(ctx context.Context, b Backend, docs []Doc, dir string) (buildStats, error) {
	runtime.GC()
	base := heapBytes()
	var peak int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			if h := heapBytes(); h > peak {
				peak = h
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	t0 := time.Now()
	err := b.Build(ctx, docs, dir)
	dur := time.Since(t0)
	close(stop)
	wg.Wait()
	if err != nil {
		return buildStats{}, err
	}
	runtime.GC()
	return buildStats{dur: dur, live: heapBytes() - base, peak: max(peak-base, 0)}, nil
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func heapBytes() int64 {
	s := make([]metrics.Sample, 1)
	s[0].Name = heapSample[0].Name
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
