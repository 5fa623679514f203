package auth

import (
	"crypto/x509"
	"time"
)

func timeNowPlus() time.Time { return time.Now().Add(200 * time.Millisecond) }

func x509VerifyOptions(ca *CA) x509.VerifyOptions {
	return x509.VerifyOptions{Roots: ca.Pool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
}
