package protocol

import (
	"fmt"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// A re-shared threshold share holds a share of every dealer's key (383 kB
// each at the default parameters), so one holder's share grows with the
// study: 11.5 MB at 30 hospitals, 38 MB at 100, and a dealer deals one to
// each of the C new holders. No message carries a whole dealing: a sealed
// share is cut into pieces of at most ResharePieceBytes, each signed on its
// own, and a submission (or the task relaying them) carries pieces up to
// ReshareMessageBytes, well inside the 64 MiB gRPC message limit. Every
// receiver bounds a share by its size known in advance (SealedShareBytes,
// CheckShareBound): 3.8 MB in 1 piece at 10 hospitals, 11.5 MB in 2 at 30,
// 38.3 MB in 5 at 100.
const (
	// ResharePieceBytes bounds one piece of a sealed re-sharing share.
	ResharePieceBytes = 8 << 20
	// ReshareMessageBytes bounds the piece bytes one ReshareSharesSubmission
	// or ReshareKeyTask carries.
	ReshareMessageBytes = 32 << 20
	// MaxResharePieces bounds the pieces of one share whatever it holds; a
	// share's own bound is far lower (SharePieces of SealedShareBytes).
	MaxResharePieces = 1 << 12
)

// SealedShareBytes is the size of a sealed threshold share holding shares of
// keys keys over points holders, re-shared by dealers dealers (0: an initial
// dealing, such as a member dealing its own key): the share's exact encoded
// size (aggregation.Scheme.ThresholdShareBytes) and auth.SealOverhead. With
// keys an upper bound on the keys the share carries (the members that ever
// joined the study), it is the most a dealer may send one holder.
func SealedShareBytes(s *aggregation.Scheme, keys, points, dealers int) int {
	return s.ThresholdShareBytes(keys, points, dealers) + auth.SealOverhead
}

// SharePieces is how many pieces SplitPieces cuts a sealed share of
// maxBytes into at size (size ≤ 0 or above ResharePieceBytes means
// ResharePieceBytes), at most MaxResharePieces: the most pieces a share of
// at most maxBytes is announced in.
func SharePieces(maxBytes, size int) uint32 {
	size = pieceSize(size)
	return uint32(min(max((maxBytes+size-1)/size, 1), MaxResharePieces))
}

// CheckShareBound checks one sealed share's pieces against maxBytes, the
// most the share may take by what the chain says it holds: the count its
// pieces announce (pieces, cut at size as SplitPieces) and the bytes of its
// pieces so far, those taken before and those offered (bytes). A receiver
// checks it before it keeps or makes room for a piece, so a hostile count or
// size costs it nothing. maxBytes ≤ 0 bounds nothing.
func CheckShareBound(pieces uint32, bytes, maxBytes, size int) error {
	if maxBytes <= 0 {
		return nil
	}
	if most := SharePieces(maxBytes, size); pieces > most {
		return fmt.Errorf("a share announced in %d pieces, at most %d bytes (%d pieces of at most %d) allowed", pieces, maxBytes, most, pieceSize(size))
	}
	if bytes > maxBytes {
		return fmt.Errorf("a share whose pieces come to %d bytes, at most %d allowed", bytes, maxBytes)
	}
	return nil
}

// pieceSize is size within 1..ResharePieceBytes, ResharePieceBytes if not.
func pieceSize(size int) int {
	if size <= 0 || size > ResharePieceBytes {
		return ResharePieceBytes
	}
	return size
}

// SplitPieces cuts a sealed share into pieces of at most size bytes (size
// ≤ 0 or above ResharePieceBytes means ResharePieceBytes); the pieces share
// sealed's memory.
func SplitPieces(sealed []byte, size int) [][]byte {
	size = pieceSize(size)
	var out [][]byte
	for len(sealed) > size {
		out = append(out, sealed[:size:size])
		sealed = sealed[size:]
	}
	return append(out, sealed)
}

// PackPieces groups share pieces cut at size (as SplitPieces), in order,
// into messages of at most as many bytes of ciphertext as
// ReshareMessageBytes holds pieces of ResharePieceBytes (a piece larger
// than that goes alone). It returns no group for no pieces.
func PackPieces(pieces []*cohortv1.EncryptedShare, size int) [][]*cohortv1.EncryptedShare {
	return PackPiecesBy(pieces, func(p *cohortv1.EncryptedShare) int { return len(p.GetCiphertext()) }, size)
}

// PackPiecesBy is PackPieces for pieces whose ciphertext is held elsewhere
// (a coordinator keeps them on disk until it sends them): bytes gives each
// piece's ciphertext size.
func PackPiecesBy[P any](pieces []P, bytes func(P) int, size int) [][]P {
	limit := ReshareMessageBytes / ResharePieceBytes * pieceSize(size)
	var out [][]P
	var cur []P
	total := 0
	for _, p := range pieces {
		n := bytes(p)
		if len(cur) > 0 && total+n > limit {
			out, cur, total = append(out, cur), nil, 0
		}
		cur, total = append(cur, p), total+n
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// CheckPiece checks a re-sharing piece's place and size: piece < pieces ≤
// MaxResharePieces and at most ResharePieceBytes of ciphertext. It does not
// check the signature.
func CheckPiece(sh *cohortv1.EncryptedShare) error {
	switch n := len(sh.GetCiphertext()); {
	case sh.GetPieces() == 0 || sh.GetPieces() > MaxResharePieces:
		return fmt.Errorf("a share in %d pieces (1 to %d)", sh.GetPieces(), MaxResharePieces)
	case sh.GetPiece() >= sh.GetPieces():
		return fmt.Errorf("piece %d of %d", sh.GetPiece(), sh.GetPieces())
	case n == 0 || n > ResharePieceBytes:
		return fmt.Errorf("a share piece of %d bytes (1 to %d)", n, ResharePieceBytes)
	}
	return nil
}
