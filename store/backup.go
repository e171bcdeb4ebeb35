package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/peyvand/peyvand"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Backup writes a consistent snapshot of the database to w while it stays
// in use: bbolt's read transaction sees one committed state, and writers
// carry on beside it.
func (db *DB) Backup(w io.Writer) (int64, error) {
	var n int64
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("backup %s: %w", db.path, err)
	}
	return n, nil
}

// BackupFile writes a snapshot to path atomically: a temporary file beside
// it, synced, then renamed, so a crash never leaves a half backup under the
// final name.
func (db *DB) BackupFile(path string) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	n, err := db.Backup(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	return n, nil
}

// Verify opens a database file read-only and runs Check on it. A file of
// an older layout passes when its pages are sound: it is kept, and reindex
// rebuilds it once it is in place.
func Verify(path string) error {
	db, err := Open(path, Options{ReadOnly: true, Timeout: time.Second, OldLayout: true})
	if err != nil {
		return err
	}
	defer db.Close()
	errs := db.Check()
	errs = slices.DeleteFunc(errs, func(err error) bool { return errors.Is(err, ErrOldLayout) })
	if len(errs) > 0 {
		return peyvand.Errorf(peyvand.EInvalid, "پروندهٔ %s سالم نیست: %d مشکل در آن پیدا شد؛ «peyvand check» هر یک را نشان می‌دهد.",
			path, len(errs)).Wrap(errors.Join(errs...))
	}
	return nil
}

// Restore replaces the database at dst with the backup at src, after
// verifying the backup. It refuses while a process holds dst open, and
// keeps the replaced file as dst+".before-restore".
func Restore(src, dst string) error {
	if err := Verify(src); err != nil {
		return err
	}
	if Exists(dst) {
		// Taking the lock proves nobody else has the file open.
		b, err := bolt.Open(dst, 0o600, &bolt.Options{Timeout: 200 * time.Millisecond})
		if errors.Is(err, bolterrors.ErrTimeout) {
			return peyvand.Errorf(peyvand.EUnavailable, "پایگاه داده %s در حال استفاده است (peyvand serve؟)؛ پیش از بازگردانی آن را متوقف کنید.", dst)
		}
		if err != nil {
			return fmt.Errorf("restore: open %s: %w", dst, err)
		}
		b.Close()
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".restore*")
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, in)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil && Exists(dst) {
		err = os.Rename(dst, dst+".before-restore")
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		return fmt.Errorf("restore %s: %w", dst, err)
	}
	return nil
}

// CopyUserData copies what is not derived from articles (subscriptions,
// feedback, feed polling state, alert events and deliveries) into dst: a
// reindex keeps them.
func (db *DB) CopyUserData(dst *DB) error {
	return db.view(func(src *bolt.Tx) error {
		return dst.bolt.Update(func(tx *bolt.Tx) error {
			for _, name := range [][]byte{bucketSubscriptions, bucketFeedback, bucketFeedbackIndex, bucketFeeds,
				bucketEvents, bucketOutbox, bucketDelivered} {
				from := src.Bucket(name)
				if from == nil {
					continue
				}
				to := tx.Bucket(name)
				if err := from.ForEach(func(k, v []byte) error { return to.Put(k, v) }); err != nil {
					return fmt.Errorf("copy %s: %w", name, err)
				}
				if err := to.SetSequence(from.Sequence()); err != nil {
					return err
				}
			}
			return nil
		})
	})
}
