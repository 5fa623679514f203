package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/configfile"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/participant/participantd"
)

// proof writes, for a hospital, the Merkle proofs of whether a patient's
// records were used in a round, from what its node kept in its data
// directory; it checks them against the chain before handing them out.
func (cmd consentCmd) proof(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("consent proof", "consent proof --config hospital.json --round R (--patient ID | --record ID[,ID...]) --out proof.json", stderr)
	configPath := fs.String("config", "", "the hospital node's configuration file: its chain, study, key, data directory and records (required)")
	study := fs.Uint64("study", 0, "study id (default: the config's; must match it)")
	round := fs.Uint("round", 0, "the round to prove (required)")
	patientFlag := fs.String("patient", "", "the patient's pseudonymous id (0x, 32 bytes): prove every record of the hospital's file that carries it")
	recordList := fs.String("record", "", "comma-separated record ids to prove instead of looking the patient up in the records")
	out := fs.String("out", "", "write the proof file here, to hand to the patient (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *configPath == "" || *round == 0 || *round > uint(^uint32(0)) || *out == "" {
		fmt.Fprintln(stderr, "--config, --round (a round number from 1) and --out are required")
		fs.Usage()
		return errUsage
	}
	var cfg participantd.Config
	if err := configfile.Read(*configPath, &cfg); err != nil {
		return err
	}
	if *study != 0 && *study != cfg.StudyID {
		return fmt.Errorf("--study %d but %s is the node of study %d; its data directory proves only that study", *study, *configPath, cfg.StudyID)
	}
	var patient common.Hash
	if *patientFlag != "" {
		var err error
		if patient, err = patientFromFlags(*patientFlag, "", stderr); err != nil {
			return err
		}
	}
	var ids []string
	switch {
	case *recordList != "":
		ids = strings.Split(*recordList, ",")
	case patient != (common.Hash{}):
		var err error
		if ids, err = cfg.PatientRecords(patient); err != nil {
			return err
		}
	default:
		fmt.Fprintln(stderr, "give --patient ID, or --record ID[,ID...]")
		return errUsage
	}
	contract, err := cfg.Chain.Check()
	if err != nil {
		return err
	}
	hospital, err := loadKeyFile(cfg.KeyFile)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	ledger, release, err := cmd.open(ctx, &consentFlags{rpcURL: cfg.Chain.RPC, contract: contract.Hex()})
	if err != nil {
		return err
	}
	defer release()
	chainID := ledger.ChainID().Uint64()
	p, err := participant.ProveUse(cfg.DataDir, chainID, contract, cfg.StudyID, uint32(*round), hospital.Address(), patient, ids)
	if err != nil {
		return err
	}
	uses, err := p.Verify(ctx, ledger)
	if err != nil {
		return fmt.Errorf("the data directory's record of round %d does not match what this hospital committed on chain; no proof written: %w", *round, err)
	}
	if err := p.Write(*out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "study %d round %d, hospital %s: proofs for %s, checked against the chain, written to %s\n",
		cfg.StudyID, *round, hospital.Address().Hex(), counted(len(uses), "record"), *out)
	participant.WriteUses(stdout, uses, uint32(*round))
	return nil
}

// verifyProof checks, for a patient, a hospital's proof file against the
// chain: the consent root the hospital committed for the round, and the
// patient's consent as of that round.
func (cmd consentCmd) verifyProof(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("consent verify-proof", "consent verify-proof --eth-rpc URL --contract ADDR --proof proof.json [--patient ID | --patient-key FILE] [--json]", stderr)
	var f consentFlags
	f.registerChain(fs)
	proofPath := fs.String("proof", "", "the proof file the hospital handed you (required)")
	patientFlag := fs.String("patient", "", "your pseudonymous id (0x, 32 bytes): the proof must be about it")
	patientKey := fs.String("patient-key", "", "your key file, instead of --patient")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.check(stderr); err != nil {
		return err
	}
	if *proofPath == "" {
		fmt.Fprintln(stderr, "--proof is required")
		return errUsage
	}
	p, err := participant.ReadUseProof(*proofPath)
	if err != nil {
		return err
	}
	if *patientFlag != "" || *patientKey != "" {
		patient, err := patientFromFlags(*patientFlag, *patientKey, stderr)
		if err != nil {
			return err
		}
		if patient != p.Patient {
			return fmt.Errorf("the proof is about patient %s, not you (%s); ask the hospital for yours", p.Patient.Hex(), patient.Hex())
		}
	}
	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	ledger, release, err := cmd.open(ctx, &f)
	if err != nil {
		return err
	}
	defer release()
	res, err := participant.CheckUseProof(ctx, ledger, p)
	if err != nil {
		return err
	}
	if *asJSON {
		err = writeJSON(stdout, res)
	} else {
		res.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	if res.UsedWithoutConsent() {
		return fmt.Errorf("a record of yours was used in round %d while your consent was %s: the chain holds the hospital's commitment as evidence", p.Round, res.ConsentAsOfRound)
	}
	return nil
}
