package configfile

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// ErrDataDirInUse: another process holds the data directory's lock: a
// daemon already runs on it.
var ErrDataDirInUse = errors.New("configfile: the data directory is in use by another process")

// lockFile is the file in a data directory that its daemon holds locked.
const lockFile = "LOCK"

// DataDirLockWait is how long a daemon waits for a data directory another
// process holds: about as long as a daemon takes to stop, so that a
// restart (systemctl restart, or a start right after a SIGTERM) takes
// the directory over once the old process is gone.
const DataDirLockWait = 10 * time.Second

// msgAwaitLock is logged when a data directory's lock is held.
const msgAwaitLock = "data_dir is locked by another process, perhaps a daemon still stopping; waiting for it"

// LockDataDir creates the daemon's data directory if needed and locks it
// for this process, so that a second daemon started on the same directory
// does not write the same keystore or store. A lock held by another
// process is waited for, up to wait (logged once), then refused with
// ErrDataDirInUse. The lock is the operating system's, released by unlock
// or when the process exits, so a daemon that crashed leaves nothing to
// clean up.
func LockDataDir(ctx context.Context, dir string, wait time.Duration, log *slog.Logger) (unlock func() error, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data_dir %s: %w", dir, err)
	}
	l := flock.New(filepath.Join(dir, lockFile))
	ok, err := l.TryLock()
	if err == nil && !ok && wait > 0 {
		log.Warn(msgAwaitLock, "data_dir", dir, "up_to", wait)
		wctx, cancel := context.WithTimeout(ctx, wait)
		defer cancel()
		if ok, err = l.TryLockContext(wctx, 100*time.Millisecond); errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			err = nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("data_dir %s: lock: %w", dir, err)
	}
	if !ok {
		waited := ""
		if wait > 0 {
			waited = fmt.Sprintf(" (waited %s)", wait)
		}
		return nil, fmt.Errorf("%w: data_dir %s%s; stop the daemon that runs on it, or give this one its own data_dir", ErrDataDirInUse, dir, waited)
	}
	return l.Unlock, nil
}
