package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/store"
)

// openPlain opens the database as it is, without the embedder check or a
// sample corpus: for commands that only read or copy it.
func (m *Main) openPlain(readOnly bool) error {
	if !store.Exists(m.dbPath) {
		return peyvand.Errorf(peyvand.ENotFound, "پایگاه داده %s وجود ندارد.", m.dbPath)
	}
	db, err := store.Open(m.dbPath, store.Options{ReadOnly: readOnly, Timeout: 2 * time.Second, Verify: !readOnly, OldLayout: true})
	if err != nil {
		return err
	}
	m.db = db
	return nil
}

// backup writes a consistent snapshot of the database to a file.
func (m *Main) backup() error {
	if err := m.openPlain(true); err != nil {
		if peyvand.ErrorCode(err) == peyvand.EUnavailable {
			return peyvand.Errorf(peyvand.EUnavailable, "پایگاه داده %s در دست peyvand serve است؛ از آن با نشانی /backup شنوندهٔ --http پشتیبان بگیرید.", m.dbPath)
		}
		return err
	}
	n, err := m.db.BackupFile(m.args[0])
	if err != nil {
		return err
	}
	if err := store.Verify(m.args[0]); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "پشتیبان %s نوشته و وارسی شد (%d بایت).\n", m.args[0], n)
	return nil
}

// restore replaces the database with a verified backup.
func (m *Main) restore() error {
	if err := store.Restore(m.args[0], m.dbPath); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "پایگاه داده %s از %s بازگردانده شد؛ نسخهٔ پیشین: %s.before-restore\n", m.dbPath, m.args[0], m.dbPath)
	return nil
}

// check runs the consistency check and fails when it finds a problem.
func (m *Main) check() error {
	if err := m.openPlain(true); err != nil {
		return err
	}
	errs := m.db.Check()
	s, err := m.db.Stats()
	if err != nil {
		errs = append(errs, err) // a damaged file: its counts unknown
	}
	if m.json {
		problems := []string{}
		for _, e := range errs {
			problems = append(problems, problemText(e))
		}
		if err := writeJSON(m.Stdout, map[string]any{"ok": len(errs) == 0, "articles": s.Articles,
			"passages": s.Passages, "facts": s.Facts, "problems": problems,
			"instructions": s.Instructions, "instruction_articles": s.InstructionArticles}); err != nil {
			return err
		}
	} else {
		for _, e := range errs {
			fmt.Fprintln(m.Stdout, "problem:", problemText(e))
		}
		fmt.Fprintf(m.Stdout, "articles %d, passages %d, facts %d, problems %d\n", s.Articles, s.Passages, s.Facts, len(errs))
		if s.Instructions > 0 {
			fmt.Fprintf(m.Stdout, "instruction-like sentences %d in %d articles (kept, blanked out of passages)\n", s.Instructions, s.InstructionArticles)
		}
	}
	for _, e := range errs {
		if peyvand.ErrorCode(e) == peyvand.EDamaged {
			return e // says to restore, in Persian
		}
	}
	if len(errs) > 0 {
		return peyvand.Errorf(peyvand.EInvalid, "پایگاه داده %d ناسازگاری دارد.", len(errs))
	}
	return nil
}

// noSpace says, in Persian, how much room a reindex needs when the disk
// filled: about the old file's size again. Other errors pass unchanged.
func (m *Main) noSpace(err error) error {
	if !errors.Is(err, syscall.ENOSPC) {
		return err
	}
	size := int64(0)
	if fi, serr := os.Stat(m.dbPath); serr == nil {
		size = fi.Size()
	}
	return &peyvand.Error{Code: peyvand.EUnavailable, Err: err,
		Message: fmt.Sprintf("دیسک پر شد و بازسازی نیمه‌کاره پاک شد؛ پایگاه دادهٔ پیشین دست‌نخورده و در کار است. بازسازی دست‌کم %s مگابایت جای خالی کنار پرونده لازم دارد.",
			persian.Digits(strconv.FormatInt(size>>20+1, 10)))}
}

// problemText is what check prints of a problem: the damage itself, the
// advice on what to do said once at the end.
func problemText(e error) string {
	var pe *peyvand.Error
	if errors.As(e, &pe) && pe.Code == peyvand.EDamaged && pe.Err != nil {
		return pe.Err.Error()
	}
	return e.Error()
}

// deleteArticles removes articles with their passages, postings, vectors
// and ties.
func (m *Main) deleteArticles() error {
	if err := m.openPlain(false); err != nil {
		return err
	}
	for _, id := range m.args {
		if _, err := m.db.Article(id); err != nil {
			return err
		}
		if _, err := m.db.Delete(id); err != nil {
			return fmt.Errorf("delete %s: %w", id, err)
		}
		fmt.Fprintf(m.Stdout, "deleted %s\n", id)
	}
	return nil
}

// feedback prints the stored 👍/👎 records as JSON lines, for review.
func (m *Main) feedback() error {
	if err := m.openPlain(true); err != nil {
		return err
	}
	return m.db.Feedback(func(f peyvand.Feedback) error { return writeJSON(m.Stdout, f) })
}

// reindex rebuilds passages, vectors, the index and the ties from the
// stored articles with the current normaliser, extractor and embedder, into
// a new file that replaces the old one only when it is complete and checks
// out. Subscriptions and feedback are carried over.
func (m *Main) reindex(ctx context.Context) error {
	if err := m.openPlain(false); err != nil { // the lock keeps writers out meanwhile
		return err
	}
	emb, err := m.embedder()
	if err != nil {
		return err
	}
	tmp := m.dbPath + ".reindex"
	os.Remove(tmp)
	ndb, err := store.Open(tmp, store.Options{Embedder: emb.Name(), Dim: emb.Dim(), Ranking: retrieval.DefaultFusion(emb).String()})
	if err != nil {
		os.Remove(tmp) // bbolt may have made the file before failing (a full disk)
		return m.noSpace(err)
	}
	defer func() {
		if ndb != nil {
			ndb.Close()
			os.Remove(tmp)
		}
	}()
	eng, err := retrieval.Open(ndb, emb)
	if err != nil {
		return err
	}
	if eng.Extract, err = m.extractor(places.Default()); err != nil {
		return err
	}
	before, err := m.db.Stats()
	if err != nil {
		return err
	}
	if err := retrieval.Rebuild(ctx, m.db, eng, m.progress("reindex", before.Articles)); err != nil {
		return m.noSpace(err)
	}
	after, _ := ndb.Stats()
	if err := ndb.Close(); err != nil {
		return err
	}
	ndb = nil
	if err := m.db.Close(); err != nil {
		return err
	}
	m.db = nil
	if err := os.Rename(m.dbPath, m.dbPath+".before-reindex"); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if err := os.Rename(tmp, m.dbPath); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	fmt.Fprintf(m.Stdout, "reindexed %d articles: %d passages, %d facts (was %d, %d); old file kept as %s.before-reindex\n",
		after.Articles, after.Passages, after.Facts, before.Passages, before.Facts, m.dbPath)
	return nil
}

// progress returns a progress callback: a bar on a terminal, else nothing.
func (m *Main) progress(what string, total int) func(int) {
	f, ok := m.Stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || total < 200 {
		return func(int) {}
	}
	bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	return func(done int) { bar.Set(done) }
}
