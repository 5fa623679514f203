package devnet

import (
	"fmt"
	"io"
	"path/filepath"
)

// WriteText prints what `cohort devnet` shows once the devnet is up: its
// endpoint, contract and accounts, with dir the devnet's directory.
func (info *Info) WriteText(w io.Writer, dir string, resumed bool) {
	verb := "deployed"
	if resumed {
		verb = "resumed"
	}
	fmt.Fprintf(w, "Cohort devnet on %s (chain id %d)\n", info.RPCURL, info.ChainID)
	fmt.Fprintf(w, "contract  %s  (%s, block %d)\n", info.Contract.Hex(), verb, info.Deployed)
	fmt.Fprintf(w, "accounts  (keys in %s, hex, mode 0600)\n", filepath.Join(dir, KeysDir))
	for _, a := range info.Accounts {
		member := ""
		if a.Member != nil {
			member = fmt.Sprintf("  founding member %q", a.Member.Name)
		}
		fmt.Fprintf(w, "  %-12s %s%s\n", a.Name, a.Address.Hex(), member)
	}
	fmt.Fprintf(w, "details   %s\n", filepath.Join(dir, File))
	fmt.Fprintln(w, "devnet ready; press Ctrl-C to stop")
}
