package main

import (
	"flag"
	"fmt"
)

// committeeFrom is the most hospitals a local study (demo, bench robust)
// makes every one a key-share holder of by default: 30 deal 900 key
// shares, 100 would deal 10,000 and stall (README "Decryption committee");
// larger studies get a committee of benchCommitteeSize.
const committeeFrom = 30

// committeeSizeFlag adds --committee-size to fs; who names the parties
// ("hospitals", "sites").
func committeeSizeFlag(fs *flag.FlagSet, who string) *int {
	return fs.Int("committee-size", 0, fmt.Sprintf("decryption committee of C %s chosen on chain (0: every one of them holds key shares up to %d, a committee of %d above, where key generation among all would deal n² shares)", who, committeeFrom, benchCommitteeSize))
}

// localCommittee resolves --committee-size for a study of n parties: the
// size asked for, or the default for n (0: no committee).
func localCommittee(asked, n int, who string) (int, error) {
	switch {
	case asked < 0 || asked > n:
		return 0, fmt.Errorf("--committee-size is %d, want 0 (the default for the number of %s) to %d (the %s)", asked, who, n, who)
	case asked > 0 && asked < 3:
		return 0, fmt.Errorf("--committee-size is %d, want at least 3 so that a majority of it can decrypt without any one member", asked)
	case asked > 0:
		return asked, nil
	case n > committeeFrom:
		return benchCommitteeSize, nil
	}
	return 0, nil
}
