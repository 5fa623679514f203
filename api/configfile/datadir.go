package configfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gofrs/flock"
)

// ErrDataDirInUse: another process holds the data directory's lock: a
// daemon already runs on it.
var ErrDataDirInUse = errors.New("configfile: the data directory is in use by another process")

// lockFile is the file in a data directory that its daemon holds locked.
const lockFile = "LOCK"

// LockDataDir creates the daemon's data directory if needed and locks it
// for this process, so that a second daemon started on the same directory
// stops at once instead of writing the same keystore or store. The lock is
// the operating system's, released by unlock or when the process exits,
// so a daemon that crashed leaves nothing to clean up.
func LockDataDir(dir string) (unlock func() error, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data_dir %s: %w", dir, err)
	}
	l := flock.New(filepath.Join(dir, lockFile))
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("data_dir %s: lock: %w", dir, err)
	}
	if !ok {
		return nil, fmt.Errorf("%w: data_dir %s; stop the daemon that runs on it, or give this one its own data_dir", ErrDataDirInUse, dir)
	}
	return l.Unlock, nil
}
