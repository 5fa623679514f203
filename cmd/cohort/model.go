package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/ethereum/go-ethereum/common"
	"github.com/google/renameio/v2"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
)

const modelUsage = `Usage: cohort model <get|export|predict> [flags]

  cohort model get     --study S [--round R] --out FILE [connection flags]   a round's model, verified against the chain
                       [--average-last K]   the mean of the last K rounds' models, each verified
  cohort model export  --model FILE --spec recipe.json --study S [--round R] --eth-rpc URL --contract ADDR
                       [--schema schema.json] [--standardiser FILE] --out model.json
  cohort model predict --model model.json --data new.csv [--schema schema.json] [--out scores.csv]`

func runModel(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return modelCmd{dial: contracts.DialChain}.run(ctx, args, stdout, stderr)
}

// modelCmd runs `cohort model`. dial opens the chain; tests replace it with
// an in-process simulated chain and set borrowed so that the command does
// not close it.
type modelCmd struct {
	dial     func(ctx context.Context, url string) (*contracts.Chain, error)
	borrowed bool
}

func (cmd modelCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, modelUsage)
		return errUsage
	}
	switch args[0] {
	case "get":
		return runModelGet(ctx, args[1:], stdout, stderr)
	case "export":
		return cmd.export(ctx, args[1:], stdout, stderr)
	case "predict":
		return modelPredict(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, modelUsage)
		return flag.ErrHelp
	default:
		fmt.Fprintf(stderr, "unknown model command %q\n\n%s\n", args[0], modelUsage)
		return errUsage
	}
}

func runModelGet(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("model get", "model get --study S [--round R] [--average-last K] --out FILE --eth-rpc URL --contract ADDR --coordinator HOST:PORT --ca CA.pem --cert CERT.pem --key KEY.pem", stderr)
	study := fs.Uint64("study", 0, "study id on chain (required)")
	round := fs.Uint("round", 0, "round whose model to fetch (default: the latest closed round)")
	averageLast := fs.Int("average-last", 1, "write the mean of the models of the last K rounds up to --round, each checked against the chain (tail averaging of a private study's published models: no privacy cost); 1: that round's model")
	out := fs.String("out", "", "write the verified model here (required)")
	chainArgs := addChainFlags(fs)
	rpcURL, contract := chainArgs.rpc, chainArgs.contract
	coordAddr := fs.String("coordinator", "", "coordinator address HOST:PORT (required)")
	caFile := fs.String("ca", "", "consortium CA certificate, PEM")
	certFile := fs.String("cert", "", "your TLS certificate, PEM")
	keyFile := fs.String("key", "", "your TLS key, PEM")
	if err := parse(fs, args); err != nil {
		return err
	}
	for name, v := range map[string]string{"out": *out, "eth-rpc": *rpcURL, "contract": *contract, "coordinator": *coordAddr, "ca": *caFile, "cert": *certFile, "key": *keyFile} {
		if v == "" {
			fmt.Fprintf(stderr, "--%s is required\n", name)
			fs.Usage()
			return errUsage
		}
	}
	if *averageLast < 1 {
		fmt.Fprintf(stderr, "--average-last is %d; give at least 1 (1: the round's own model)\n", *averageLast)
		return errUsage
	}
	if *study == 0 || !common.IsHexAddress(*contract) {
		fmt.Fprintln(stderr, "--study must be a study id and --contract a 0x-prefixed address")
		return errUsage
	}
	chain, err := contracts.DialChain(ctx, *rpcURL)
	if err != nil {
		return err
	}
	defer chain.Close()
	ledger, err := contracts.Open(chain, common.HexToAddress(*contract))
	if err != nil {
		return err
	}
	onChain, err := ledger.Study(ctx, *study)
	if err != nil {
		return fmt.Errorf("study %d: %w", *study, err)
	}
	tlsCfg, err := auth.ClientConfigFromFiles(*caFile, *certFile, *keyFile, *coordAddr, onChain.Coordinator)
	if err != nil {
		return err
	}
	ref, err := auth.NewStudyRef(ledger.ChainID(), ledger.Address(), *study)
	if err != nil {
		return err
	}
	conn, err := grpc.NewClient(*coordAddr, grpc.WithTransportCredentials(auth.BindCoordinatorClient(tlsCfg, ref, onChain.Coordinator)))
	if err != nil {
		return err
	}
	defer conn.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if *averageLast > 1 {
		avg, err := participant.FetchAveragedModel(ctx, ledger, cohortv1.NewCoordinatorClient(conn), *study, uint32(*round), *averageLast, log)
		if err != nil {
			return err
		}
		if err := renameio.WriteFile(*out, models.EncodeParams(avg.Params), 0o644); err != nil {
			return fmt.Errorf("write model: %w", err)
		}
		fmt.Fprintf(stdout, "study %d rounds %d–%d: the %d models match the chain (%s … %s); their mean (%d parameters) written to %s\n",
			*study, avg.First, avg.Last, len(avg.Hashes), avg.Hashes[0].Hex(), avg.Hashes[len(avg.Hashes)-1].Hex(), len(avg.Params), *out)
		return nil
	}
	got, err := participant.FetchRoundModel(ctx, ledger, cohortv1.NewCoordinatorClient(conn), *study, uint32(*round), log)
	if err != nil {
		return err
	}
	if err := renameio.WriteFile(*out, got.Blob, 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Fprintf(stdout, "study %d round %d: model %s (%d parameters) matches the chain; written to %s\n",
		*study, got.Round, got.Hash.Hex(), len(got.Params), *out)
	return printCrossCheckNote(ctx, ledger, onChain, got.Round, stdout)
}

// printCrossCheckNote prints crossCheckNote for round r of study.
func printCrossCheckNote(ctx context.Context, ledger *contracts.Ledger, study contracts.Study, r uint32, stdout io.Writer) error {
	round, err := ledger.Round(ctx, study.ID, r)
	if err != nil {
		return fmt.Errorf("round %d: %w", r, err)
	}
	fmt.Fprintln(stdout, crossCheckNote(study, round))
	return nil
}

// crossCheckNote says what the chain tells of whether a second decryption
// set cross-checked round's model: a holder's decryption share cannot be
// checked on its own, so a model one set of t holders decrypted is what
// one lying holder among them made it. The chain records no decryption
// sets; it shows only a round that had no spare holder: holders (a
// committee's size, else the participants) or contributors (spares are
// asked among them, coordinator.chooseActiveSet) no more than the
// threshold. Otherwise the coordinator's decryption record tells, which
// `cohort audit` reads.
func crossCheckNote(study contracts.Study, round contracts.Round) string {
	holders := len(study.Participants)
	if study.Committee.Size > 0 {
		holders = int(study.Committee.Size)
	}
	t, contributors := int(study.Threshold), int(round.Result.Participants)
	if holders <= t || contributors <= t {
		return fmt.Sprintf("round %d: the model is NOT cross-checked: with %d share holders and %d contributors at threshold %d there was no spare holder, so one decryption set of t decrypted it and one lying holder among the t could have shifted it; "+
			"a study whose committee (or membership) is at least threshold + 1 lets a second set cross-check", round.Number, holders, contributors, t)
	}
	return fmt.Sprintf("round %d: whether a second decryption set cross-checked the model is not on chain: `cohort audit --require-cross-check` reads the coordinator's decryption record and tells (if one set decrypted it, not cross-checked, one lying holder among the t could have shifted it)", round.Number)
}
