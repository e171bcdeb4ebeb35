package retrieval

import (
	"context"
	"errors"
	"fmt"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/store"
)

// rebuildBatch is how many articles Rebuild ingests to a transaction.
const rebuildBatch = 256

// Rebuild derives every article of src again into dst: passages, vectors,
// postings and ties, with dst's current normaliser, extractor and
// embedder. Then it carries over what is not derived from articles
// (subscriptions, feedback, feed state, alert events and deliveries) and
// checks dst whole. progress, when set, hears the number of
// articles done. src is only read; on an error dst is incomplete and the
// caller discards it.
func Rebuild(ctx context.Context, src *store.DB, dst *Engine, progress func(done int)) error {
	var batch []peyvand.Article
	done := 0
	flush := func() error {
		if _, err := dst.Ingest(ctx, batch, nil); err != nil {
			return err
		}
		done += len(batch)
		batch = batch[:0]
		if progress != nil {
			progress(done)
		}
		return nil
	}
	err := src.Articles(func(a peyvand.Article) error {
		batch = append(batch, a)
		if len(batch) == rebuildBatch {
			return flush()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	if err == nil {
		err = src.CopyUserData(dst.db)
	}
	if err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	if errs := dst.db.Check(); len(errs) > 0 {
		return fmt.Errorf("rebuild: the rebuilt database fails its check: %w", errors.Join(errs...))
	}
	return nil
}
