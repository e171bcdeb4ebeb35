// Command bench compares peyvand's retrieval with the peers a Go engineer
// would pick instead — Bleve v2 with its Persian analyzer (BM25) and
// chromem-go (exact cosine over the same offline vectors) — in one process,
// on the same data: the dev questions, PQuAD validation, the pooled public
// sets, and the dev corpus scaled to 10k and 100k passages.
//
//	go run . [-short] [--json]
//
// -short runs the dev and PQuAD workloads only and exits non-zero when
// peyvand's quality falls below the floors in thresholds.go; CI runs it
// through go test.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"time"

	"github.com/peyvand/peyvand/retrieval"
)

// Options select what a run measures.
type Options struct {
	Short     bool
	Data      string   // the shared corpus directory
	Systems   []string // peyvand, bleve, chromem
	Workloads []string // dev, pquad, public, scale
	Sizes     []int    // scale workload sizes, in passages
	// DenseWeights add a peyvand hybrid row for each dense weight
	// (retrieval.Fusion.Dense), to choose it on one set.
	DenseWeights []float64
	// Embedder, when set, is peyvand's instead of the offline one: an
	// OpenAI-compatible server's (-embed-url, -embed-model, -embed-dim).
	Embedder retrieval.Embedder
}

// Report is a run's result, as --json prints it.
type Report struct {
	Machine  string   `json:"machine"`
	Command  string   `json:"command"`
	Short    bool     `json:"short"`
	Seconds  float64  `json:"seconds"`
	Tables   []Table  `json:"tables"`
	Failures []string `json:"failures,omitempty"`
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var (
		opt       Options
		asJSON    bool
		systems   string
		workloads string
		sizes     string
		weights   string
		embed     retrieval.OpenAIConfig
	)
	fs := flag.NewFlagSet("bench", flag.ExitOnError)
	fs.BoolVar(&opt.Short, "short", false, "dev and PQuAD only (under a minute); fail when peyvand's quality drops below the floors")
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	fs.StringVar(&opt.Data, "data", "../../shared/corpus", "the shared corpus directory")
	fs.StringVar(&systems, "systems", "peyvand,bleve,chromem", "systems to run")
	fs.StringVar(&workloads, "workloads", "", "workloads to run (dev,pquad,public,scale); default all, or dev,pquad with -short")
	fs.StringVar(&sizes, "sizes", "10000,100000", "scale workload sizes in passages")
	fs.StringVar(&weights, "dense-weights", "", "also run peyvand hybrid with each of these dense weights (e.g. 0,0.1,0.2,0.5,1)")
	fs.StringVar(&embed.BaseURL, "embed-url", "", "peyvand embeds with this OpenAI-compatible server (e.g. http://localhost:11434/v1; key from PEYVAND_EMBED_API_KEY) instead of the offline embedder")
	fs.StringVar(&embed.Model, "embed-model", "", "with -embed-url: the model")
	fs.IntVar(&embed.Dim, "embed-dim", 0, "with -embed-url: the model's dimension")
	render := fs.String("render", "", "print a saved --json report as tables, and exit")
	fs.Parse(os.Args[1:])
	if *render != "" {
		b, err := os.ReadFile(*render)
		var rep Report
		if err == nil {
			err = json.Unmarshal(b, &rep)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		WriteMarkdown(os.Stdout, rep)
		return
	}
	opt.Systems = splitList(systems)
	opt.Workloads = splitList(workloads)
	for _, s := range splitList(sizes) {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "bench: bad size %q\n", s)
			os.Exit(2)
		}
		opt.Sizes = append(opt.Sizes, n)
	}
	for _, s := range splitList(weights) {
		var w float64
		if _, err := fmt.Sscan(s, &w); err != nil || w < 0 {
			fmt.Fprintf(os.Stderr, "bench: bad dense weight %q\n", s)
			os.Exit(2)
		}
		opt.DenseWeights = append(opt.DenseWeights, w)
	}
	if embed.BaseURL != "" {
		embed.APIKey = os.Getenv("PEYVAND_EMBED_API_KEY")
		emb, err := retrieval.NewOpenAIEmbedder(embed)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(2)
		}
		opt.Embedder = emb
	}
	rep, err := Run(ctx, opt, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	rep.Command = "go run . " + strings.Join(os.Args[1:], " ")
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		WriteMarkdown(os.Stdout, rep)
	}
	if len(rep.Failures) > 0 {
		for _, f := range rep.Failures {
			fmt.Fprintln(os.Stderr, "FAIL:", f)
		}
		os.Exit(1)
	}
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Run measures what opt selects, logging progress to log, and checks
// peyvand's quality against the floors.
func Run(ctx context.Context, opt Options, log io.Writer) (Report, error) {
	start := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(log, "%6.1fs  ", time.Since(start).Seconds())
		fmt.Fprintf(log, format+"\n", args...)
	}
	if len(opt.Systems) == 0 {
		opt.Systems = []string{"peyvand", "bleve", "chromem"}
	}
	if len(opt.Workloads) == 0 {
		opt.Workloads = []string{"dev", "pquad", "public", "scale"}
		if opt.Short {
			opt.Workloads = []string{"dev", "pquad"}
		}
	}
	if len(opt.Sizes) == 0 {
		opt.Sizes = []int{10_000, 100_000}
	}
	rep := Report{Machine: machine(), Short: opt.Short}
	for _, wl := range opt.Workloads {
		var runs []corpusRun
		switch wl {
		case "dev":
			w, err := devWorkload(opt.Data)
			if err != nil {
				return rep, err
			}
			runs = append(runs, corpusRun{name: "dev", docs: w.Docs, sets: []Workload{w}})
		case "pquad":
			limit := 0
			if opt.Short {
				limit = 2000
			}
			w, err := pquadWorkload(opt.Data, limit)
			if err != nil {
				return rep, err
			}
			runs = append(runs, corpusRun{name: "pquad", docs: w.Docs, sets: []Workload{w}})
		case "public":
			docs, sets, err := pooledWorkloads(opt.Data)
			if err != nil {
				return rep, err
			}
			runs = append(runs, corpusRun{name: "public", docs: docs, sets: sets})
		case "scale":
			dev, err := devWorkload(opt.Data)
			if err != nil {
				return rep, err
			}
			for _, size := range opt.Sizes {
				docs, n := scaleDocs(dev.Docs, size, uint64(size))
				w := Workload{Name: fmt.Sprintf("scale %dk", size/1000), Questions: dev.Questions,
					Note: fmt.Sprintf("%d passages (%d docs: the %d dev items and perturbed copies); the %d answerable dev questions, repeated for latency",
						n, len(docs), len(dev.Docs), len(dev.Questions))}
				runs = append(runs, corpusRun{name: w.Name, docs: docs, sets: []Workload{w}, scale: true,
					minSample: 1000, budget: 8 * time.Second})
			}
		default:
			return rep, fmt.Errorf("unknown workload %q (dev, pquad, public, scale)", wl)
		}
		for _, cr := range runs {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
			ts, err := cr.run(ctx, opt, logf)
			if err != nil {
				return rep, err
			}
			rep.Tables = append(rep.Tables, ts...)
		}
	}
	rep.Failures = checkFloors(rep.Tables)
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// machine describes where the run happened.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				if i := strings.IndexByte(line, ':'); i >= 0 {
					cpu = strings.TrimSpace(line[i+1:])
				}
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d cores (GOMAXPROCS %d), %s %s/%s", cpu, runtime.NumCPU(), runtime.GOMAXPROCS(0),
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// WriteMarkdown prints the report as one table per workload.
func WriteMarkdown(w io.Writer, rep Report) {
	fmt.Fprintf(w, "Machine: %s\n", rep.Machine)
	if rep.Command != "" {
		fmt.Fprintf(w, "Command: `%s` (%.0f s)\n", rep.Command, rep.Seconds)
	}
	for _, t := range rep.Tables {
		fmt.Fprintf(w, "\n### %s\n%s.", t.Name, t.Note)
		if t.RawMB > 0 {
			fmt.Fprintf(w, " Raw text %.1f MB.", t.RawMB)
		}
		fmt.Fprintf(w, " Ratio: %s.\n\n", t.RatioOf)
		if t.Scale {
			fmt.Fprintln(w, "| system | build s | passages/s | p50 ms | p99 ms | heap live MB | heap peak MB | disk MB | cold start ms | hit@5 | MRR@10 | p99 vs peyvand |")
			fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
			for _, r := range t.Rows {
				cold := "—"
				if r.ColdStartMs > 0 {
					cold = fmt.Sprintf("%.0f", r.ColdStartMs)
				}
				fmt.Fprintf(w, "| %s | %.1f | %.0f | %.3f | %.3f | %.0f | %.0f | %.0f | %s | %.3f | %.3f | %s |\n", r.System, r.BuildSec,
					r.PassagesPerSec, r.P50ms, r.P99ms, r.HeapLiveMB, r.HeapPeakMB, r.DiskMB, cold, r.Hit5, r.MRR10, ratio(r.Ratio))
			}
			continue
		}
		fmt.Fprintln(w, "| system | hit@1 | hit@5 | hit@10 | MRR@10 | p50 ms | p99 ms | MRR vs peyvand hybrid |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
		for _, r := range t.Rows {
			fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s |\n", r.System, r.Hit1, r.Hit5, r.Hit10,
				r.MRR10, r.P50ms, r.P99ms, ratio(r.Ratio))
		}
	}
	if len(rep.Failures) > 0 {
		fmt.Fprintln(w, "\nBelow the floors:")
		for _, f := range rep.Failures {
			fmt.Fprintln(w, "-", f)
		}
	}
}

func ratio(r float64) string {
	if r == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", r)
}
