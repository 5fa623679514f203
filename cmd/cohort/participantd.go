package main

import (
	"context"
	"io"

	"github.com/cohort-fl/cohort/participant/participantd"
)

func runParticipant(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg participantd.Config
	log, err := readDaemonConfig("participant", "hospital node configuration file (JSON; see examples/consortium/hospital-1.json)", args, stderr, &cfg, func() string { return cfg.LogFormat })
	if err != nil {
		return err
	}
	return participantd.Serve(ctx, cfg, log, stdout)
}
