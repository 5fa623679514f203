package records

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LoadSites loads one site per CSV file (a hospital each) with the
// schema; a summary line per file goes to log. With site standardisation it standardises each
// site with its own statistics; with pooled standardisation it returns the
// raw records, which the study's moments phase standardises, and the
// schema's scales, with which the moments are encoded.
func LoadSites(files []string, schemaPath string, mode Standardisation, log io.Writer) ([]Site, []float64, error) {
	schema, err := LoadSchemaFile(schemaPath)
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	raw := make([]Site, 0, len(files))
	for i, f := range files {
		f = strings.TrimSpace(f)
		if f == "" {
			return nil, nil, fmt.Errorf("records: site file %d of %d has an empty name", i+1, len(files))
		}
		site, stats, err := LoadFile(f, schema, LoadOptions{At: now})
		if err != nil {
			return nil, nil, err
		}
		consented := len(ConsentedOnly(site.Train, site.Consents))
		if consented == 0 {
			return nil, nil, fmt.Errorf("%s: no consented training record; a hospital needs at least one to train", f)
		}
		fmt.Fprintf(log, "%s: %d rows, %d dropped, %d values imputed; %d train (%d consented), %d test\n",
			f, stats.Rows, stats.Dropped, stats.Imputed, len(site.Train), consented, len(site.Test))
		raw = append(raw, site)
	}
	if mode != StandardiseSite {
		return raw, schema.Scales(), nil
	}
	out := make([]Site, len(raw))
	for i, s := range raw {
		m, err := TrainMoments(s, schema.Features())
		if err != nil {
			return nil, nil, err
		}
		std, err := NewStandardiser(m)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", files[i], err)
		}
		if out[i], err = std.ApplySite(s); err != nil {
			return nil, nil, err
		}
	}
	return out, schema.Scales(), nil
}

// SplitCSVByRow writes the rows of the CSV file src round-robin into n
// files in dir (hospitalA.csv, hospitalB.csv, ...), each with src's
// header: one data set handed to a study as n hospitals' files.
func SplitCSVByRow(src, dir string, n int) ([]string, error) {
	b, err := os.ReadFile(src)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	files := make([]string, n)
	bodies := make([][]string, n)
	for i, l := range lines[1:] {
		bodies[i%n] = append(bodies[i%n], l)
	}
	for i := range files {
		files[i] = filepath.Join(dir, "hospital"+string(rune('A'+i))+".csv")
		if err := os.WriteFile(files[i], []byte(lines[0]+"\n"+strings.Join(bodies[i], "\n")+"\n"), 0o600); err != nil {
			return nil, err
		}
	}
	return files, nil
}
