package simulation

import (
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/grpc/credentials"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// The study's handles. Those marked "set before OnStart" may be read from
// Config.OnStart while the study runs; the others once Run has returned.

// Config is the study's configuration with its defaults filled in.
func (s *Study) Config() Config { return s.cfg }

// Ledger is the study's ledger on the embedded chain (set before OnStart).
func (s *Study) Ledger() *contracts.Ledger { return s.ledger }

// StudyID is the study's id on chain (set before OnStart).
func (s *Study) StudyID() uint64 { return s.studyID }

// Researcher is the study owner's account.
func (s *Study) Researcher() *contracts.Account { return s.researcher }

// CoordinatorAccount is the address the coordinator signs with.
func (s *Study) CoordinatorAccount() common.Address { return s.coordAddr }

// Listen is the coordinator's gRPC address on loopback.
func (s *Study) Listen() string { return s.listen }

// CA is the consortium's TLS certificate authority: Dial uses it, and so can
// a harness that serves beside the coordinator.
func (s *Study) CA() *auth.CA { return s.ca }

// CoordinatorCredentials is the transport of a consortium member holding
// cert to the study's coordinator, as a hospital's node dials it: mutual
// TLS, the certificate naming the coordinator, and each connection's
// channel binding checked against the coordinator's key
// (auth.BindCoordinatorClient). Set before OnStart.
func (s *Study) CoordinatorCredentials(cert tls.Certificate) (credentials.TransportCredentials, error) {
	ref, err := s.studyRef()
	if err != nil {
		return nil, err
	}
	return auth.BindCoordinatorClient(auth.ClientConfig(cert, s.ca.Pool(), "127.0.0.1", s.coordAddr), ref, s.coordAddr), nil
}

// studyRef names the study where the chain records it.
func (s *Study) studyRef() (auth.StudyRef, error) {
	return auth.NewStudyRef(s.ledger.ChainID(), s.ledger.Address(), s.studyID)
}

// Spec is the model the study trains.
func (s *Study) Spec() models.Spec { return s.spec }

// Participants are the hospitals that took part, in index order.
func (s *Study) Participants() []Participant { return slices.Clone(s.participants) }

// Hospitals are the hospitals' nodes, in index order (set before OnStart).
func (s *Study) Hospitals() []Hospital { return slices.Clone(s.hospitals) }

// HospitalKey is hospital i's Ethereum key (set before OnStart).
func (s *Study) HospitalKey(i int) *ecdsa.PrivateKey { return s.hospitalKeys[i] }

// Sites are the hospitals' records, in index order (set before OnStart).
func (s *Study) Sites() []records.Site { return s.sites }

// Result is the coordinator's result of the whole study.
func (s *Study) Result() *coordinator.Result { return s.result }

// Consent describes where the study's consent came from and what it cost.
func (s *Study) Consent() ConsentFigures { return s.consent }

// Revocations are the synthetic patients who revoked consent during the study.
func (s *Study) Revocations() []Revocation { return slices.Clone(s.revoked) }

// Standardiser is the pooled standardiser the study agreed on, or nil.
func (s *Study) Standardiser() *records.Standardiser { return s.standardiser }

// StoreDir is the coordinator's blob store directory (set before OnStart).
func (s *Study) StoreDir() string { return filepath.Join(s.cfg.DataDir, "coordinator") }

// Chain is the embedded chain the study's ledger lives on (set before
// OnStart): a command under test can borrow it.
func (s *Study) Chain() *contracts.Chain { return s.chain }

// FetchBlob fetches a blob (an update, an aggregate, a model) from the
// study's coordinator by its hash, as the study's owner, checking the
// bytes hash to it.
func (s *Study) FetchBlob(ctx context.Context, h common.Hash) ([]byte, error) {
	client, fp, err := s.dialAs("blob-reader")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	data, err := participant.FetchBlob(ctx, client, s.OwnerReader(fp), h, s.cfg.Log)
	if err != nil {
		return nil, fmt.Errorf("fetching blob %s from the coordinator: %w", h.Hex(), err)
	}
	return data, nil
}
