package main

import (
	"github.com/cohort-fl/cohort/api/configfile"

	"fmt"
	"io"
	"log/slog"
)

// readDaemonConfig parses a daemon's --config flag, reads the file into cfg
// and makes the logger its log format asks for.
func readDaemonConfig(name, usage string, args []string, stderr io.Writer, cfg configfile.Config, logFormat func() string) (*slog.Logger, error) {
	fs := newFlagSet(name, name+" --config FILE", stderr)
	path := fs.String("config", "", usage)
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if *path == "" {
		fmt.Fprintln(stderr, "--config is required")
		fs.Usage()
		return nil, errUsage
	}
	if err := configfile.Read(*path, cfg); err != nil {
		return nil, err
	}
	return configfile.NewLogger(stderr, logFormat())
}
