package auth

import (
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
)

func TestSealOpen(t *testing.T) {
	alice, err := crypto.GenerateKey()
	require.NoError(t, err)
	mallory, err := crypto.GenerateKey()
	require.NoError(t, err)
	secret := []byte("a Shamir share of a CKKS secret key")

	sealed, err := SealTo(&alice.PublicKey, secret)
	require.NoError(t, err)
	require.NotContains(t, string(sealed), string(secret))
	require.Len(t, sealed, len(secret)+SealOverhead)

	got, err := Open(alice, sealed)
	require.NoError(t, err)
	require.Equal(t, secret, got)

	_, err = Open(mallory, sealed)
	require.ErrorIs(t, err, ErrSealed, "another key cannot open it")

	sealed[len(sealed)-1] ^= 1
	_, err = Open(alice, sealed)
	require.ErrorIs(t, err, ErrSealed, "a tampered message is refused")
}

func TestParsePublicKey(t *testing.T) {
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	other, err := crypto.GenerateKey()
	require.NoError(t, err)
	raw := crypto.FromECDSAPub(&k.PublicKey)

	pub, err := ParsePublicKey(raw, crypto.PubkeyToAddress(k.PublicKey))
	require.NoError(t, err)
	require.True(t, pub.Equal(&k.PublicKey))

	_, err = ParsePublicKey(raw, crypto.PubkeyToAddress(other.PublicKey))
	require.ErrorContains(t, err, "belongs to")
	_, err = ParsePublicKey(raw[:10], crypto.PubkeyToAddress(k.PublicKey))
	require.Error(t, err)
}
