package retrieval_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/store"
)

// manyArticles returns n distinct articles made from the sample corpus.
func manyArticles(tb testing.TB, n int) []peyvand.Article {
	tb.Helper()
	base, err := sampleArticles()
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]peyvand.Article, n)
	for i := range out {
		a := base[i%len(base)]
		a.ID = fmt.Sprintf("gen-%05d", i)
		a.Text += fmt.Sprintf("\n\nشمارهٔ این گزارش %d است.", i)
		out[i] = a
	}
	return out
}

// TestKilledIngest kills a process in the middle of a large ingest
// (SIGKILL: no chance to clean up), then checks that the file opens, is
// consistent, holds whole batches only, and that re-running the ingest
// completes the work.
func TestKilledIngest(t *testing.T) {
	if os.Getenv("PEYVAND_KILL_CHILD") != "" {
		t.Skip("running as the child")
	}
	if testing.Short() {
		t.Skip("spawns a subprocess")
	}
	const total, batch = 400, 20
	path := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v")
	cmd.Env = append(os.Environ(), "PEYVAND_KILL_CHILD="+path, fmt.Sprintf("PEYVAND_KILL_N=%d,%d", total, batch))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	batches := 0
	for sc.Scan() {
		if sc.Text() == "batch committed" {
			if batches++; batches == 5 {
				break
			}
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if batches < 5 {
		t.Fatalf("the child committed %d batches before it ended; want it killed mid-ingest", batches)
	}

	e := mustEngine(t, path) // Check runs at cleanup too
	st, err := e.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles == 0 || st.Articles >= total || st.Articles%batch != 0 {
		t.Fatalf("after the kill: %d articles; want whole batches of %d, fewer than %d", st.Articles, batch, total)
	}
	if errs := e.Store().Check(); len(errs) > 0 {
		t.Fatalf("inconsistent after kill: %v", errs)
	}
	e.BatchSize = 500
	outcomes, err := e.Ingest(context.Background(), manyArticles(t, total), nil)
	if err != nil {
		t.Fatal(err)
	}
	unchanged := 0
	for _, o := range outcomes {
		if o.Result == store.Unchanged {
			unchanged++
		}
	}
	if unchanged != st.Articles {
		t.Fatalf("re-run left %d unchanged; want the %d already stored", unchanged, st.Articles)
	}
	if st, _ := e.Stats(); st.Articles != total {
		t.Fatalf("after the re-run: %d articles; want %d", st.Articles, total)
	}
}

// TestKillChild is the process TestKilledIngest kills.
func TestKillChild(t *testing.T) {
	path := os.Getenv("PEYVAND_KILL_CHILD")
	if path == "" {
		t.Skip("only run by TestKilledIngest")
	}
	var total, batch int
	fmt.Sscanf(os.Getenv("PEYVAND_KILL_N"), "%d,%d", &total, &batch)
	e := openEngine(t, path)
	e.BatchSize = batch
	_, err := e.Ingest(context.Background(), manyArticles(t, total), func(int) {
		fmt.Println("batch committed")
		time.Sleep(20 * time.Millisecond) // leave the parent time to kill mid-run
	})
	if err != nil {
		t.Fatal(err)
	}
}
