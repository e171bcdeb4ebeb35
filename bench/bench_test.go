package main

import (
	"context"
	"io"
	"os"
	"testing"
)

// TestShort runs the -short benchmark, as CI does: dev and PQuAD over all
// three systems, failing when peyvand's quality falls below its floors.
func TestShort(t *testing.T) {
	opt := Options{Short: true, Data: "../../shared/corpus"}
	if _, err := os.Stat(opt.Data); err != nil {
		t.Skipf("shared corpus not available: %v", err)
	}
	log := io.Writer(io.Discard)
	if testing.Verbose() {
		log = os.Stderr
	}
	rep, err := Run(context.Background(), opt, log)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Tables) != 2 {
		t.Fatalf("got %d tables; want dev and pquad", len(rep.Tables))
	}
	for _, tb := range rep.Tables {
		if len(tb.Rows) != 5 {
			t.Errorf("%s: %d rows; want peyvand ×3, Bleve, chromem-go", tb.Name, len(tb.Rows))
		}
	}
	for _, f := range rep.Failures {
		t.Error(f)
	}
	if testing.Verbose() {
		WriteMarkdown(os.Stderr, rep)
	}
}

// TestFloorsFail checks that a figure below its floor is reported.
func TestFloorsFail(t *testing.T) {
	tables := []Table{{Name: "dev", Rows: []Row{{System: "peyvand hybrid", Hit5: 0.5, MRR10: 0.99}}}}
	got := checkFloors(tables)
	if len(got) != 1 {
		t.Fatalf("checkFloors = %q; want one failure (hit@5)", got)
	}
}
