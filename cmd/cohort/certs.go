package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cohort-fl/cohort/api/auth"
)

func runCerts(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("certs", "certs --out DIR --institutions NAME[,NAME...] [--hosts HOST[,HOST...]] [--force] [--json]", stderr)
	out := fs.String("out", "", "directory for ca.pem, ca.key and NAME.pem/NAME.key per institution (required)")
	institutions := fs.String("institutions", "", "comma-separated institution names, e.g. coordinator,hospital-1,hospital-2 (required)")
	hosts := fs.String("hosts", "127.0.0.1,localhost", "comma-separated IP addresses and DNS names the certificates are valid for as TLS servers")
	force := fs.Bool("force", false, "replace an existing CA and existing institution certificates (every certificate of the old CA stops being trusted)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	if err := parse(fs, args); err != nil {
		return err
	}
	names := certsSplit(*institutions)
	if *out == "" || len(names) == 0 {
		fmt.Fprintln(stderr, "--out and --institutions are required")
		fs.Usage()
		return errUsage
	}
	if err := auth.CheckInstitutionNames(names); err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	hostList := certsSplit(*hosts)
	if len(hostList) == 0 {
		fmt.Fprintln(stderr, "--hosts must name at least one IP address or DNS name")
		return errUsage
	}

	rep, err := auth.IssueCertFiles(*out, names, hostList, *force)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	if rep.CAReused {
		fmt.Fprintf(stdout, "consortium CA %s (existing, reused)\n", rep.CA)
	} else {
		fmt.Fprintf(stdout, "consortium CA %s (new; keep %s offline, mode 0600)\n", rep.CA, rep.CAKey)
	}
	fmt.Fprintf(stdout, "%-20s %-66s %s\n", "institution", "certificate SHA-256 fingerprint (member registry)", "files")
	for _, c := range rep.Institutions {
		fmt.Fprintf(stdout, "%-20s %-66s %s %s\n", c.Institution, c.Fingerprint, c.Cert, c.Key)
	}
	return nil
}

func certsSplit(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
