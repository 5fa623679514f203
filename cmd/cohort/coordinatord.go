package main

import (
	"context"
	"io"

	"github.com/cohort-fl/cohort/coordinator/coordinatord"
)

func runCoordinator(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg coordinatord.Config
	log, err := readDaemonConfig("coordinator", "coordinator configuration file (JSON; see examples/consortium/coordinator.json)", args, stderr, &cfg, func() string { return cfg.LogFormat })
	if err != nil {
		return err
	}
	return coordinatord.Serve(ctx, cfg, log, stdout)
}
