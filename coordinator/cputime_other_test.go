//go:build !unix

package coordinator

import "time"

// processCPU is 0: the process's CPU time is read on unix only.
func processCPU() time.Duration { return 0 }
