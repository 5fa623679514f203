// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package cohortsol

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// ConsentRegistryConsentRecord is an auto generated low-level Go binding around an user-defined struct.
type ConsentRegistryConsentRecord struct {
	SinceBlock uint64
	SinceTime  uint64
	Expiry     uint64
	Nonce      uint32
	Granted    bool
}

// ConsentRegistrySignedChange is an auto generated low-level Go binding around an user-defined struct.
type ConsentRegistrySignedChange struct {
	Patient [32]byte
	StudyId uint64
	Purpose [32]byte
	Granted bool
	Expiry  uint64
	Nonce   uint32
	V       uint8
	R       [32]byte
	S       [32]byte
}

// ConsentRegistryMetaData contains all meta data concerning the ConsentRegistry contract.
var ConsentRegistryMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"consortium_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"predecessor_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"}],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"}],\"name\":\"ConsentExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"ConsentRevoked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"expected\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"got\",\"type\":\"uint32\"}],\"name\":\"InvalidNonce\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"InvalidParameter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"}],\"name\":\"ModuleRetired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"NoConsent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotAuthorised\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotMember\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyNotFound\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"relayer\",\"type\":\"address\"}],\"name\":\"ConsentChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"enumConsentRegistry.Outcome\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"ConsentSkipped\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"}],\"name\":\"Retired\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"CONSENT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"consentAt\",\"outputs\":[{\"internalType\":\"enumConsentRegistry.ConsentState\",\"name\":\"state\",\"type\":\"uint8\"},{\"components\":[{\"internalType\":\"uint64\",\"name\":\"sinceBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"sinceTime\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"}],\"internalType\":\"structConsentRegistry.ConsentRecord\",\"name\":\"record\",\"type\":\"tuple\"},{\"internalType\":\"bool\",\"name\":\"studyScoped\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"}],\"name\":\"consentDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"}],\"name\":\"consentHistory\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"sinceBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"sinceTime\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"}],\"internalType\":\"structConsentRegistry.ConsentRecord[]\",\"name\":\"out\",\"type\":\"tuple[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"}],\"name\":\"consentOf\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"sinceBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"sinceTime\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"}],\"internalType\":\"structConsentRegistry.ConsentRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"patients\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"consentStates\",\"outputs\":[{\"internalType\":\"enumConsentRegistry.ConsentState[]\",\"name\":\"states\",\"type\":\"uint8[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"consortium\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"}],\"name\":\"packedConsent\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"head\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"n\",\"type\":\"uint32\"}],\"name\":\"packedHistory\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"rec\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"patientId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"predecessor\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"relayConsent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"internalType\":\"structConsentRegistry.SignedChange[]\",\"name\":\"changes\",\"type\":\"tuple[]\"}],\"name\":\"relayConsentBatch\",\"outputs\":[{\"internalType\":\"enumConsentRegistry.Outcome[]\",\"name\":\"outcomes\",\"type\":\"uint8[]\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"requireConsent\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"successor_\",\"type\":\"address\"}],\"name\":\"retire\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"successor\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "ConsentRegistry",
	Bin: "0x610100604052348015610010575f5ffd5b506040516125cc3803806125cc83398101604081905261002f9161015b565b6001600160a01b038216610077576040516305519d6f60e51b815260206004820152600a602482015269636f6e736f727469756d60b01b604482015260640160405180910390fd5b6001600160a01b03808316608052811660a0524660c052610135604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a5918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60e0525061018c9050565b80516001600160a01b0381168114610156575f5ffd5b919050565b5f5f6040838503121561016c575f5ffd5b61017583610140565b915061018360208401610140565b90509250929050565b60805160a05160c05160e0516123d56101f75f395f610fc001525f610eec01525f81816102d401528181610e1d01528181610e6f0152818161107801526110d701525f818161028701528181610d530152818161119c01528181611328015261184f01526123d55ff3fe608060405234801561000f575f5ffd5b5060043610610106575f3560e01c8063914205591161009e578063b719d0321161006e578063b719d032146102cf578063e79479c1146102f6578063f698da2514610309578063fc6d213014610311578063ffdabb0814610331575f5ffd5b806391420559146102625780639ad18765146102825780639d0c2ab0146102a95780639e6371ba146102bc575f5ffd5b806342eb8621116100d957806342eb8621146101dc5780636a86ac38146101fe5780636ff968c3146102255780637601000a1461024f575f5ffd5b80630d772daf1461010a5780631b1d3f551461011f57806330b94377146101485780634109398414610168575b5f5ffd5b61011d610118366004611c7b565b610344565b005b61013261012d366004611d0a565b610577565b60405161013f9190611d3f565b60405180910390f35b61015b610156366004611dda565b6107af565b60405161013f9190611e72565b6101ce610176366004611ec5565b60405170636f686f72742f70617469656e742f763160781b60208201526bffffffffffffffffffffffff19606083901b1660318201525f90604501604051602081830303815290604052805190602001209050919050565b60405190815260200161013f565b6101ef6101ea366004611ee0565b61095d565b60405161013f93929190611f2b565b6101ce7fa89c371d6fcd5f274fd147f3dcc1f86b4ebfa1b972a990458db7673487e0f6f881565b5f54610237906001600160a01b031681565b6040516001600160a01b03909116815260200161013f565b61011d61025d366004611ee0565b610a35565b610275610270366004611fa4565b610b20565b60405161013f9190612033565b6102377f000000000000000000000000000000000000000000000000000000000000000081565b6101ce6102b7366004612072565b610c7b565b61011d6102ca366004611ec5565b610d48565b6102377f000000000000000000000000000000000000000000000000000000000000000081565b6101ce6103043660046120da565b610df3565b6101ce610ee9565b61032461031f366004611d0a565b610fe2565b60405161013f9190612104565b6101ce61033f366004612160565b61105f565b61034c611150565b5f6040518061012001604052808b81526020018a6001600160401b031681526020018981526020018815158152602001876001600160401b031681526020018663ffffffff1681526020018560ff1681526020018481526020018381525090505f5f5f6103b9845f61122e565b9194509250905060018360068111156103d4576103d4611e4a565b0361040f576040516305519d6f60e51b815260206004820152600560248201526473636f706560d81b60448201526064015b60405180910390fd5b600283600681111561042357610423611e4a565b0361044c576040516310abe05960e31b81526001600160401b038d166004820152602401610406565b600383600681111561046057610460611e4a565b036104905760405163eaad278560e01b8152600481018e90526001600160401b038a166024820152604401610406565b60048360068111156104a4576104a4611e4a565b036104db576040516305519d6f60e51b815260206004820152600660248201526565787069727960d01b6044820152606401610406565b60058360068111156104ef576104ef611e4a565b036105285760405163461a2c6f60e11b8152600481018e905263ffffffff607883901c8116602483015289166044820152606401610406565b600683600681111561053c5761053c611e4a565b0361055d5760405163252d5ca160e01b8152600481018e9052602401610406565b610568848383611586565b50505050505050505050505050565b6040805160208082018690526001600160401b038516828401526060828101859052835180840382018152608090930190935281519101205f6105b98261105f565b9050607881901c63ffffffff81166001600160401b038111156105de576105de612177565b60405190808252806020026020018201604052801561063557816020015b6040805160a0810182525f808252602080830182905292820181905260608201819052608082015282525f199092019101816105fc5790505b5093505f5b63ffffffff821661064c82600261219f565b63ffffffff16101561071a576106e46106658583610df3565b61067083600161219f565b6040805160a0810182525f80825260208201819052918101829052606081018290526080810191909152506040805160a08101825264ffffffffff84811682525f6020830152605085901c169181019190915263ffffffff821660608201526001609884901c811614608082015292915050565b858263ffffffff16815181106106fc576106fc6121bb565b60200260200101819052508080610712906121cf565b91505061063a565b5060028163ffffffff16106107605761073282611727565b8461073e6002846121f3565b63ffffffff1681518110610754576107546121bb565b60200260200101819052505b60018163ffffffff16106107a557610777826117b2565b846107836001846121f3565b63ffffffff1681518110610799576107996121bb565b60200260200101819052505b5050509392505050565b60606107b9611150565b5f8290036107f4576040516305519d6f60e51b81526020600482015260076024820152666368616e67657360c81b6044820152606401610406565b816001600160401b0381111561080c5761080c612177565b604051908082528060200260200182016040528015610835578160200160208202803683370190505b5090505f805b83811015610955575f858583818110610856576108566121bb565b9050610120020180360381019061086d9190612244565b90505f5f5f61087c848761122e565b919450925090505f83600681111561089657610896611e4a565b036108c65760208401516001600160401b0316156108b657836020015195505b6108c1848383611586565b610945565b828786815181106108d9576108d96121bb565b602002602001019060068111156108f2576108f2611e4a565b9081600681111561090557610905611e4a565b90525083516040517fe54a291f9039831f5b7a3e58a9a94ad2e25d7c4f26efa261965882d1216901f59061093c90889087906122e0565b60405180910390a25b50506001909201915061083b9050565b505092915050565b6040805160a0810182525f8082526020820181905291810182905260608101829052608081018290525f5f5f5f6109938861182f565b604051637c67266960e01b81526001600160401b038a16600482015263ffffffff891660248201526001600160a01b039190911690637c67266990604401606060405180830381865afa1580156109ec573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610a1091906122f4565b925092509250610a2389898585856118f4565b95509550955050505093509350939050565b5f5f610a4285858561095d565b5090925090505f826003811115610a5b57610a5b611e4a565b03610a8b5760405163be56c50560e01b8152600481018690526001600160401b0385166024820152604401610406565b6003826003811115610a9f57610a9f611e4a565b03610acf576040516352bba9dd60e11b8152600481018690526001600160401b0385166024820152604401610406565b6002826003811115610ae357610ae3611e4a565b03610b1957604080820151905163eaad278560e01b8152600481018790526001600160401b039091166024820152604401610406565b5050505050565b60605f5f5f610b2e8661182f565b604051637c67266960e01b81526001600160401b038816600482015263ffffffff871660248201526001600160a01b039190911690637c67266990604401606060405180830381865afa158015610b87573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610bab91906122f4565b91945092509050866001600160401b03811115610bca57610bca612177565b604051908082528060200260200182016040528015610bf3578160200160208202803683370190505b5093505f5b87811015610c6f57610c25898983818110610c1557610c156121bb565b90506020020135888686866118f4565b905050858281518110610c3a57610c3a6121bb565b60200260200101816003811115610c5357610c53611e4a565b6003811115610c6457610c64611e4a565b905250600101610bf8565b50505050949350505050565b604080517fa89c371d6fcd5f274fd147f3dcc1f86b4ebfa1b972a990458db7673487e0f6f860208201529081018790526001600160401b0380871660608301526080820186905284151560a0830152831660c082015263ffffffff821660e08201525f90819061010001604051602081830303815290604052805190602001209050610d05610ee9565b60405161190160f01b6020820152602281019190915260428101829052606201604051602081830303815290604052805190602001209150509695505050505050565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614610d93576040516310ac496560e01b8152336004820152602401610406565b5f805473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b0383169081179091556040519081527fda9d2e31afb0de4b09fe65662e5e025013186f59dd81d4946248587a2f77c6df9060200160405180910390a150565b5f82815260026020908152604080832063ffffffff8516845290915290205480158015610e4857507f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031615155b15610ee35760405163e79479c160e01b81526004810184905263ffffffff831660248201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063e79479c190604401602060405180830381865afa158015610ebc573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610ee09190612334565b90505b92915050565b5f7f00000000000000000000000000000000000000000000000000000000000000004614610fbd57610fb8604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a5918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b905090565b507f000000000000000000000000000000000000000000000000000000000000000090565b6040805160a0810182525f8082526020808301829052828401829052606080840183905260808085019390935284518083018990526001600160401b03881681870152808201879052855180820390920182529092019093528051920191909120611055906110509061105f565b6117b2565b90505b9392505050565b5f81815260016020526040902054801580156110a357507f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031615155b1561114b576040517fffdabb08000000000000000000000000000000000000000000000000000000008152600481018390527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063ffdabb0890602401602060405180830381865afa158015611124573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906111489190612334565b90505b919050565b5f546001600160a01b031615611187575f546040516355038db160e01b81526001600160a01b039091166004820152602401610406565b60405163288c314960e21b81523360048201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063a230c52490602401602060405180830381865afa1580156111e9573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061120d919061234b565b61122c576040516305b5850b60e21b8152336004820152602401610406565b565b604082015160208301515f9182918291156001600160401b039091161503611259576001925061157f565b84516020808701516040808901518151808501959095526001600160401b0390921684820152606080850192909252805180850390920182526080909301909252815191012091506112aa8261105f565b9050607881901c63ffffffff81161580156112d1575060208601516001600160401b031615155b80156112f35750846001600160401b031686602001516001600160401b031614155b801561139c575060208601516040516319ad36c960e01b81526001600160401b0390911660048201525f906001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906319ad36c990602401602060405180830381865afa15801561136d573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906113919190612366565b6001600160a01b0316145b156113ab57600293505061157f565b8560600151156113fc574286608001516001600160401b0316116113d357600393505061157f565b64ffffffffff86608001516001600160401b031611156113f757600493505061157f565b611419565b60808601516001600160401b03161561141957600493505061157f565b8063ffffffff168660a0015163ffffffff161461143a57600593505061157f565b6101008601517f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0101561147157600693505061157f565b5f6001611499885f015189602001518a604001518b606001518c608001518d60a00151610c7b565b60c089015160e08a01516101008b0151604080515f8152602081018083529590955260ff909316928401929092526060830152608082015260a0016020604051602081039080840390855afa1580156114f4573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b0381161580611569575086516040805170636f686f72742f70617469656e742f763160781b602080830191909152606085901b6bffffffffffffffffffffffff19166031830152825160258184030181526045909201909252805191012014155b156115795760069450505061157f565b5f945050505b9250925092565b607881901c600263ffffffff8216106115fb575f8381526002602081905260408220609a85901c64ffffffffff166effffffffff00000000000000000000607287901c1617600160981b600187901c16179290916115e490856121f3565b63ffffffff16815260208101919091526040015f20555b5f607861160983600161219f565b63ffffffff16901b605086608001516001600160401b0316901b602842901b43171717905084606001511561163f57600160981b175b60018263ffffffff161061167a57600160991b600184901b1664ffffffffff609a1b609a85901b161764ffffffffff60c21b607285901b1617175b8060015f8681526020019081526020015f2081905550846040015185602001516001600160401b0316865f01517f7b824eede6d3b7497293ec5529b8ddea09757aac075efcb4be0f868112e121b6886060015189608001518a60a0015133604051611718949392919093151584526001600160401b0392909216602084015263ffffffff1660408301526001600160a01b0316606082015260800190565b60405180910390a45050505050565b6040805160a0810182525f808252602082018190529181018290526060810182905260808101919091526040805160a08101825264ffffffffff609a85901c811682525f602083015260c285901c1691810191909152606081016117906001607886901c6121f3565b63ffffffff168152602001609984901c60011660011415158152509050919050565b6040805160a0810182525f80825260208201819052918101829052606081018290526080810191909152506040805160a08101825264ffffffffff8381168252602884901c81166020830152605084901c1691810191909152607882901c63ffffffff16606082015260989190911c600190811614608082015290565b6040516319ad36c960e01b81526001600160401b03821660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906319ad36c990602401602060405180830381865afa15801561189c573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906118c09190612366565b90506001600160a01b03811661114b576040516310abe05960e31b81526001600160401b0383166004820152602401610406565b6040805160a0810182525f80825260208083018290528284018290526060808401839052608080850184905285518084018c90526001600160401b038b16818801528083018590528651808203909301835201909452835193019290922082908190611961905b87611a09565b9093509150819050806119ad576040805160208082018c90525f8284015260608083018b905283518084039091018152608090920190925280519101206119a79061195b565b90935090505b806119be57505f92508290506119fe565b82608001516119d15760039350506119fe565b846001600160401b031683604001516001600160401b0316116119f85760029350506119fe565b60019350505b955095509592505050565b6040805160a0810182525f8082526020820181905291810182905260608101829052608081018290529080611a3d8561105f565b9050607881901c63ffffffff81165f03611a5c57505f9150611c179050565b611a65826117b2565b9350846001600160401b0316845f01516001600160401b03161015611a90575060019150611c179050565b8063ffffffff16600103611ad25750506040805160a0810182525f80825260208201819052918101829052606081018290526080810182905292509050611c17565b611adb82611727565b9350846001600160401b0316845f01516001600160401b03161015611b06575060019150611c179050565b5f611b126002836121f3565b90505b63ffffffff811615611be657611ba8611b33886103046001856121f3565b826040805160a0810182525f80825260208201819052918101829052606081018290526080810191909152506040805160a08101825264ffffffffff84811682525f6020830152605085901c169181019190915263ffffffff821660608201526001609884901c811614608082015292915050565b9450856001600160401b0316855f01516001600160401b03161015611bd4575060019250611c17915050565b80611bde81612381565b915050611b15565b50506040805160a0810182525f80825260208201819052918101829052606081018290526080810182905293509150505b9250929050565b6001600160401b0381168114611c32575f5ffd5b50565b803561114b81611c1e565b8015158114611c32575f5ffd5b803561114b81611c40565b803563ffffffff8116811461114b575f5ffd5b803560ff8116811461114b575f5ffd5b5f5f5f5f5f5f5f5f5f6101208a8c031215611c94575f5ffd5b8935985060208a0135611ca681611c1e565b975060408a0135965060608a0135611cbd81611c40565b955060808a0135611ccd81611c1e565b9450611cdb60a08b01611c58565b9350611ce960c08b01611c6b565b989b979a50959894979396929550929360e081013593506101000135919050565b5f5f5f60608486031215611d1c575f5ffd5b833592506020840135611d2e81611c1e565b929592945050506040919091013590565b602080825282518282018190525f918401906040840190835b81811015611dcf57611db98385516001600160401b0381511682526001600160401b0360208201511660208301526001600160401b03604082015116604083015263ffffffff60608201511660608301526080810151151560808301525050565b6020939093019260a09290920191600101611d58565b509095945050505050565b5f5f60208385031215611deb575f5ffd5b82356001600160401b03811115611e00575f5ffd5b8301601f81018513611e10575f5ffd5b80356001600160401b03811115611e25575f5ffd5b85602061012083028401011115611e3a575f5ffd5b6020919091019590945092505050565b634e487b7160e01b5f52602160045260245ffd5b60078110611e6e57611e6e611e4a565b9052565b602080825282518282018190525f918401906040840190835b81811015611dcf57611e9e838551611e5e565b6020938401939290920191600101611e8b565b6001600160a01b0381168114611c32575f5ffd5b5f60208284031215611ed5575f5ffd5b813561105881611eb1565b5f5f5f60608486031215611ef2575f5ffd5b833592506020840135611f0481611c1e565b9150611f1260408501611c58565b90509250925092565b60048110611e6e57611e6e611e4a565b60e08101611f398286611f1b565b611f9460208301856001600160401b0381511682526001600160401b0360208201511660208301526001600160401b03604082015116604083015263ffffffff60608201511660608301526080810151151560808301525050565b82151560c0830152949350505050565b5f5f5f5f60608587031215611fb7575f5ffd5b84356001600160401b03811115611fcc575f5ffd5b8501601f81018713611fdc575f5ffd5b80356001600160401b03811115611ff1575f5ffd5b8760208260051b8401011115612005575f5ffd5b60209182019550935085013561201a81611c1e565b915061202860408601611c58565b905092959194509250565b602080825282518282018190525f918401906040840190835b81811015611dcf5761205f838551611f1b565b602093840193929092019160010161204c565b5f5f5f5f5f5f60c08789031215612087575f5ffd5b86359550602087013561209981611c1e565b94506040870135935060608701356120b081611c40565b925060808701356120c081611c1e565b91506120ce60a08801611c58565b90509295509295509295565b5f5f604083850312156120eb575f5ffd5b823591506120fb60208401611c58565b90509250929050565b60a08101610ee382846001600160401b0381511682526001600160401b0360208201511660208301526001600160401b03604082015116604083015263ffffffff60608201511660608301526080810151151560808301525050565b5f60208284031215612170575f5ffd5b5035919050565b634e487b7160e01b5f52604160045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b63ffffffff8181168382160190811115610ee357610ee361218b565b634e487b7160e01b5f52603260045260245ffd5b5f63ffffffff821663ffffffff81036121ea576121ea61218b565b60010192915050565b63ffffffff8281168282160390811115610ee357610ee361218b565b60405161012081016001600160401b038111828210171561223e57634e487b7160e01b5f52604160045260245ffd5b60405290565b5f610120828403128015612256575f5ffd5b5061225f61220f565b8235815261226f60208401611c35565b60208201526040838101359082015261228a60608401611c4d565b606082015261229b60808401611c35565b60808201526122ac60a08401611c58565b60a08201526122bd60c08401611c6b565b60c082015260e08381013590820152610100928301359281019290925250919050565b828152604081016110586020830184611e5e565b5f5f5f60608486031215612306575f5ffd5b83519250602084015161231881611c1e565b604085015190925061232981611c1e565b809150509250925092565b5f60208284031215612344575f5ffd5b5051919050565b5f6020828403121561235b575f5ffd5b815161105881611c40565b5f60208284031215612376575f5ffd5b815161105881611eb1565b5f63ffffffff8216806123965761239661218b565b5f19019291505056fea26469706673582212204a2a5b0421f6e25f6c928cfeaf401c4278ad9214171c6ca6b5edb17eae551a8864736f6c634300081c0033",
}

// ConsentRegistry is an auto generated Go binding around an Ethereum contract.
type ConsentRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ConsentRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewConsentRegistry creates a new instance of ConsentRegistry.
func NewConsentRegistry() *ConsentRegistry {
	parsed, err := ConsentRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ConsentRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ConsentRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address consortium_, address predecessor_) returns()
func (consentRegistry *ConsentRegistry) PackConstructor(consortium_ common.Address, predecessor_ common.Address) []byte {
	enc, err := consentRegistry.abi.Pack("", consortium_, predecessor_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackCONSENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a86ac38.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function CONSENT_TYPEHASH() view returns(bytes32)
func (consentRegistry *ConsentRegistry) PackCONSENTTYPEHASH() []byte {
	enc, err := consentRegistry.abi.Pack("CONSENT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCONSENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a86ac38.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function CONSENT_TYPEHASH() view returns(bytes32)
func (consentRegistry *ConsentRegistry) TryPackCONSENTTYPEHASH() ([]byte, error) {
	return consentRegistry.abi.Pack("CONSENT_TYPEHASH")
}

// UnpackCONSENTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6a86ac38.
//
// Solidity: function CONSENT_TYPEHASH() view returns(bytes32)
func (consentRegistry *ConsentRegistry) UnpackCONSENTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := consentRegistry.abi.Unpack("CONSENT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackConsentAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42eb8621.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentAt(bytes32 patient, uint64 studyId, uint32 round) view returns(uint8 state, (uint64,uint64,uint64,uint32,bool) record, bool studyScoped)
func (consentRegistry *ConsentRegistry) PackConsentAt(patient [32]byte, studyId uint64, round uint32) []byte {
	enc, err := consentRegistry.abi.Pack("consentAt", patient, studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42eb8621.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentAt(bytes32 patient, uint64 studyId, uint32 round) view returns(uint8 state, (uint64,uint64,uint64,uint32,bool) record, bool studyScoped)
func (consentRegistry *ConsentRegistry) TryPackConsentAt(patient [32]byte, studyId uint64, round uint32) ([]byte, error) {
	return consentRegistry.abi.Pack("consentAt", patient, studyId, round)
}

// ConsentAtOutput serves as a container for the return parameters of contract
// method ConsentAt.
type ConsentAtOutput struct {
	State       uint8
	Record      ConsentRegistryConsentRecord
	StudyScoped bool
}

// UnpackConsentAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x42eb8621.
//
// Solidity: function consentAt(bytes32 patient, uint64 studyId, uint32 round) view returns(uint8 state, (uint64,uint64,uint64,uint32,bool) record, bool studyScoped)
func (consentRegistry *ConsentRegistry) UnpackConsentAt(data []byte) (ConsentAtOutput, error) {
	out, err := consentRegistry.abi.Unpack("consentAt", data)
	outstruct := new(ConsentAtOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.State = *abi.ConvertType(out[0], new(uint8)).(*uint8)
	outstruct.Record = *abi.ConvertType(out[1], new(ConsentRegistryConsentRecord)).(*ConsentRegistryConsentRecord)
	outstruct.StudyScoped = *abi.ConvertType(out[2], new(bool)).(*bool)
	return *outstruct, nil
}

// PackConsentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9d0c2ab0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentDigest(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce) view returns(bytes32)
func (consentRegistry *ConsentRegistry) PackConsentDigest(patient [32]byte, studyId uint64, purpose [32]byte, granted bool, expiry uint64, nonce uint32) []byte {
	enc, err := consentRegistry.abi.Pack("consentDigest", patient, studyId, purpose, granted, expiry, nonce)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9d0c2ab0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentDigest(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce) view returns(bytes32)
func (consentRegistry *ConsentRegistry) TryPackConsentDigest(patient [32]byte, studyId uint64, purpose [32]byte, granted bool, expiry uint64, nonce uint32) ([]byte, error) {
	return consentRegistry.abi.Pack("consentDigest", patient, studyId, purpose, granted, expiry, nonce)
}

// UnpackConsentDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9d0c2ab0.
//
// Solidity: function consentDigest(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce) view returns(bytes32)
func (consentRegistry *ConsentRegistry) UnpackConsentDigest(data []byte) ([32]byte, error) {
	out, err := consentRegistry.abi.Unpack("consentDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackConsentHistory is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b1d3f55.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentHistory(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool)[] out)
func (consentRegistry *ConsentRegistry) PackConsentHistory(patient [32]byte, studyId uint64, purpose [32]byte) []byte {
	enc, err := consentRegistry.abi.Pack("consentHistory", patient, studyId, purpose)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentHistory is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b1d3f55.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentHistory(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool)[] out)
func (consentRegistry *ConsentRegistry) TryPackConsentHistory(patient [32]byte, studyId uint64, purpose [32]byte) ([]byte, error) {
	return consentRegistry.abi.Pack("consentHistory", patient, studyId, purpose)
}

// UnpackConsentHistory is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1b1d3f55.
//
// Solidity: function consentHistory(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool)[] out)
func (consentRegistry *ConsentRegistry) UnpackConsentHistory(data []byte) ([]ConsentRegistryConsentRecord, error) {
	out, err := consentRegistry.abi.Unpack("consentHistory", data)
	if err != nil {
		return *new([]ConsentRegistryConsentRecord), err
	}
	out0 := *abi.ConvertType(out[0], new([]ConsentRegistryConsentRecord)).(*[]ConsentRegistryConsentRecord)
	return out0, nil
}

// PackConsentOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc6d2130.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentOf(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool))
func (consentRegistry *ConsentRegistry) PackConsentOf(patient [32]byte, studyId uint64, purpose [32]byte) []byte {
	enc, err := consentRegistry.abi.Pack("consentOf", patient, studyId, purpose)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc6d2130.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentOf(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool))
func (consentRegistry *ConsentRegistry) TryPackConsentOf(patient [32]byte, studyId uint64, purpose [32]byte) ([]byte, error) {
	return consentRegistry.abi.Pack("consentOf", patient, studyId, purpose)
}

// UnpackConsentOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc6d2130.
//
// Solidity: function consentOf(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool))
func (consentRegistry *ConsentRegistry) UnpackConsentOf(data []byte) (ConsentRegistryConsentRecord, error) {
	out, err := consentRegistry.abi.Unpack("consentOf", data)
	if err != nil {
		return *new(ConsentRegistryConsentRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(ConsentRegistryConsentRecord)).(*ConsentRegistryConsentRecord)
	return out0, nil
}

// PackConsentStates is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91420559.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentStates(bytes32[] patients, uint64 studyId, uint32 round) view returns(uint8[] states)
func (consentRegistry *ConsentRegistry) PackConsentStates(patients [][32]byte, studyId uint64, round uint32) []byte {
	enc, err := consentRegistry.abi.Pack("consentStates", patients, studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentStates is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91420559.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentStates(bytes32[] patients, uint64 studyId, uint32 round) view returns(uint8[] states)
func (consentRegistry *ConsentRegistry) TryPackConsentStates(patients [][32]byte, studyId uint64, round uint32) ([]byte, error) {
	return consentRegistry.abi.Pack("consentStates", patients, studyId, round)
}

// UnpackConsentStates is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x91420559.
//
// Solidity: function consentStates(bytes32[] patients, uint64 studyId, uint32 round) view returns(uint8[] states)
func (consentRegistry *ConsentRegistry) UnpackConsentStates(data []byte) ([]uint8, error) {
	out, err := consentRegistry.abi.Unpack("consentStates", data)
	if err != nil {
		return *new([]uint8), err
	}
	out0 := *abi.ConvertType(out[0], new([]uint8)).(*[]uint8)
	return out0, nil
}

// PackConsortium is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9ad18765.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consortium() view returns(address)
func (consentRegistry *ConsentRegistry) PackConsortium() []byte {
	enc, err := consentRegistry.abi.Pack("consortium")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsortium is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9ad18765.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consortium() view returns(address)
func (consentRegistry *ConsentRegistry) TryPackConsortium() ([]byte, error) {
	return consentRegistry.abi.Pack("consortium")
}

// UnpackConsortium is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9ad18765.
//
// Solidity: function consortium() view returns(address)
func (consentRegistry *ConsentRegistry) UnpackConsortium(data []byte) (common.Address, error) {
	out, err := consentRegistry.abi.Unpack("consortium", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (consentRegistry *ConsentRegistry) PackDomainSeparator() []byte {
	enc, err := consentRegistry.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (consentRegistry *ConsentRegistry) TryPackDomainSeparator() ([]byte, error) {
	return consentRegistry.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (consentRegistry *ConsentRegistry) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := consentRegistry.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackPackedConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xffdabb08.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function packedConsent(bytes32 key) view returns(uint256 head)
func (consentRegistry *ConsentRegistry) PackPackedConsent(key [32]byte) []byte {
	enc, err := consentRegistry.abi.Pack("packedConsent", key)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPackedConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xffdabb08.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function packedConsent(bytes32 key) view returns(uint256 head)
func (consentRegistry *ConsentRegistry) TryPackPackedConsent(key [32]byte) ([]byte, error) {
	return consentRegistry.abi.Pack("packedConsent", key)
}

// UnpackPackedConsent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xffdabb08.
//
// Solidity: function packedConsent(bytes32 key) view returns(uint256 head)
func (consentRegistry *ConsentRegistry) UnpackPackedConsent(data []byte) (*big.Int, error) {
	out, err := consentRegistry.abi.Unpack("packedConsent", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackPackedHistory is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe79479c1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function packedHistory(bytes32 key, uint32 n) view returns(uint256 rec)
func (consentRegistry *ConsentRegistry) PackPackedHistory(key [32]byte, n uint32) []byte {
	enc, err := consentRegistry.abi.Pack("packedHistory", key, n)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPackedHistory is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe79479c1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function packedHistory(bytes32 key, uint32 n) view returns(uint256 rec)
func (consentRegistry *ConsentRegistry) TryPackPackedHistory(key [32]byte, n uint32) ([]byte, error) {
	return consentRegistry.abi.Pack("packedHistory", key, n)
}

// UnpackPackedHistory is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe79479c1.
//
// Solidity: function packedHistory(bytes32 key, uint32 n) view returns(uint256 rec)
func (consentRegistry *ConsentRegistry) UnpackPackedHistory(data []byte) (*big.Int, error) {
	out, err := consentRegistry.abi.Unpack("packedHistory", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackPatientId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41093984.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function patientId(address signer) pure returns(bytes32)
func (consentRegistry *ConsentRegistry) PackPatientId(signer common.Address) []byte {
	enc, err := consentRegistry.abi.Pack("patientId", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPatientId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41093984.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function patientId(address signer) pure returns(bytes32)
func (consentRegistry *ConsentRegistry) TryPackPatientId(signer common.Address) ([]byte, error) {
	return consentRegistry.abi.Pack("patientId", signer)
}

// UnpackPatientId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x41093984.
//
// Solidity: function patientId(address signer) pure returns(bytes32)
func (consentRegistry *ConsentRegistry) UnpackPatientId(data []byte) ([32]byte, error) {
	out, err := consentRegistry.abi.Unpack("patientId", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackPredecessor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb719d032.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function predecessor() view returns(address)
func (consentRegistry *ConsentRegistry) PackPredecessor() []byte {
	enc, err := consentRegistry.abi.Pack("predecessor")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPredecessor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb719d032.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function predecessor() view returns(address)
func (consentRegistry *ConsentRegistry) TryPackPredecessor() ([]byte, error) {
	return consentRegistry.abi.Pack("predecessor")
}

// UnpackPredecessor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb719d032.
//
// Solidity: function predecessor() view returns(address)
func (consentRegistry *ConsentRegistry) UnpackPredecessor(data []byte) (common.Address, error) {
	out, err := consentRegistry.abi.Unpack("predecessor", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRelayConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0d772daf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function relayConsent(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (consentRegistry *ConsentRegistry) PackRelayConsent(patient [32]byte, studyId uint64, purpose [32]byte, granted bool, expiry uint64, nonce uint32, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := consentRegistry.abi.Pack("relayConsent", patient, studyId, purpose, granted, expiry, nonce, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRelayConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0d772daf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function relayConsent(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (consentRegistry *ConsentRegistry) TryPackRelayConsent(patient [32]byte, studyId uint64, purpose [32]byte, granted bool, expiry uint64, nonce uint32, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return consentRegistry.abi.Pack("relayConsent", patient, studyId, purpose, granted, expiry, nonce, v, r, s)
}

// PackRelayConsentBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30b94377.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function relayConsentBatch((bytes32,uint64,bytes32,bool,uint64,uint32,uint8,bytes32,bytes32)[] changes) returns(uint8[] outcomes)
func (consentRegistry *ConsentRegistry) PackRelayConsentBatch(changes []ConsentRegistrySignedChange) []byte {
	enc, err := consentRegistry.abi.Pack("relayConsentBatch", changes)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRelayConsentBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30b94377.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function relayConsentBatch((bytes32,uint64,bytes32,bool,uint64,uint32,uint8,bytes32,bytes32)[] changes) returns(uint8[] outcomes)
func (consentRegistry *ConsentRegistry) TryPackRelayConsentBatch(changes []ConsentRegistrySignedChange) ([]byte, error) {
	return consentRegistry.abi.Pack("relayConsentBatch", changes)
}

// UnpackRelayConsentBatch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x30b94377.
//
// Solidity: function relayConsentBatch((bytes32,uint64,bytes32,bool,uint64,uint32,uint8,bytes32,bytes32)[] changes) returns(uint8[] outcomes)
func (consentRegistry *ConsentRegistry) UnpackRelayConsentBatch(data []byte) ([]uint8, error) {
	out, err := consentRegistry.abi.Unpack("relayConsentBatch", data)
	if err != nil {
		return *new([]uint8), err
	}
	out0 := *abi.ConvertType(out[0], new([]uint8)).(*[]uint8)
	return out0, nil
}

// PackRequireConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7601000a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requireConsent(bytes32 patient, uint64 studyId, uint32 round) view returns()
func (consentRegistry *ConsentRegistry) PackRequireConsent(patient [32]byte, studyId uint64, round uint32) []byte {
	enc, err := consentRegistry.abi.Pack("requireConsent", patient, studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequireConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7601000a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requireConsent(bytes32 patient, uint64 studyId, uint32 round) view returns()
func (consentRegistry *ConsentRegistry) TryPackRequireConsent(patient [32]byte, studyId uint64, round uint32) ([]byte, error) {
	return consentRegistry.abi.Pack("requireConsent", patient, studyId, round)
}

// PackRetire is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e6371ba.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function retire(address successor_) returns()
func (consentRegistry *ConsentRegistry) PackRetire(successor common.Address) []byte {
	enc, err := consentRegistry.abi.Pack("retire", successor)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRetire is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e6371ba.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function retire(address successor_) returns()
func (consentRegistry *ConsentRegistry) TryPackRetire(successor common.Address) ([]byte, error) {
	return consentRegistry.abi.Pack("retire", successor)
}

// PackSuccessor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6ff968c3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function successor() view returns(address)
func (consentRegistry *ConsentRegistry) PackSuccessor() []byte {
	enc, err := consentRegistry.abi.Pack("successor")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSuccessor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6ff968c3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function successor() view returns(address)
func (consentRegistry *ConsentRegistry) TryPackSuccessor() ([]byte, error) {
	return consentRegistry.abi.Pack("successor")
}

// UnpackSuccessor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6ff968c3.
//
// Solidity: function successor() view returns(address)
func (consentRegistry *ConsentRegistry) UnpackSuccessor(data []byte) (common.Address, error) {
	out, err := consentRegistry.abi.Unpack("successor", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// ConsentRegistryConsentChanged represents a ConsentChanged event raised by the ConsentRegistry contract.
type ConsentRegistryConsentChanged struct {
	Patient [32]byte
	StudyId uint64
	Purpose [32]byte
	Granted bool
	Expiry  uint64
	Nonce   uint32
	Relayer common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const ConsentRegistryConsentChangedEventName = "ConsentChanged"

// ContractEventName returns the user-defined event name.
func (ConsentRegistryConsentChanged) ContractEventName() string {
	return ConsentRegistryConsentChangedEventName
}

// UnpackConsentChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ConsentChanged(bytes32 indexed patient, uint64 indexed studyId, bytes32 indexed purpose, bool granted, uint64 expiry, uint32 nonce, address relayer)
func (consentRegistry *ConsentRegistry) UnpackConsentChangedEvent(log *types.Log) (*ConsentRegistryConsentChanged, error) {
	event := "ConsentChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != consentRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ConsentRegistryConsentChanged)
	if len(log.Data) > 0 {
		if err := consentRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range consentRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ConsentRegistryConsentSkipped represents a ConsentSkipped event raised by the ConsentRegistry contract.
type ConsentRegistryConsentSkipped struct {
	Index   *big.Int
	Patient [32]byte
	Reason  uint8
	Raw     *types.Log // Blockchain specific contextual infos
}

const ConsentRegistryConsentSkippedEventName = "ConsentSkipped"

// ContractEventName returns the user-defined event name.
func (ConsentRegistryConsentSkipped) ContractEventName() string {
	return ConsentRegistryConsentSkippedEventName
}

// UnpackConsentSkippedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ConsentSkipped(uint256 index, bytes32 indexed patient, uint8 reason)
func (consentRegistry *ConsentRegistry) UnpackConsentSkippedEvent(log *types.Log) (*ConsentRegistryConsentSkipped, error) {
	event := "ConsentSkipped"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != consentRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ConsentRegistryConsentSkipped)
	if len(log.Data) > 0 {
		if err := consentRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range consentRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ConsentRegistryRetired represents a Retired event raised by the ConsentRegistry contract.
type ConsentRegistryRetired struct {
	Successor common.Address
	Raw       *types.Log // Blockchain specific contextual infos
}

const ConsentRegistryRetiredEventName = "Retired"

// ContractEventName returns the user-defined event name.
func (ConsentRegistryRetired) ContractEventName() string {
	return ConsentRegistryRetiredEventName
}

// UnpackRetiredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Retired(address successor)
func (consentRegistry *ConsentRegistry) UnpackRetiredEvent(log *types.Log) (*ConsentRegistryRetired, error) {
	event := "Retired"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != consentRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ConsentRegistryRetired)
	if len(log.Data) > 0 {
		if err := consentRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range consentRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (consentRegistry *ConsentRegistry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["BadSignature"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackBadSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["ConsentExpired"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackConsentExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["ConsentRevoked"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackConsentRevokedError(raw[4:])
	}
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["InvalidNonce"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackInvalidNonceError(raw[4:])
	}
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["InvalidParameter"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackInvalidParameterError(raw[4:])
	}
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["ModuleRetired"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackModuleRetiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["NoConsent"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackNoConsentError(raw[4:])
	}
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["NotAuthorised"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackNotAuthorisedError(raw[4:])
	}
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["NotMember"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackNotMemberError(raw[4:])
	}
	if bytes.Equal(raw[:4], consentRegistry.abi.Errors["StudyNotFound"].ID.Bytes()[:4]) {
		return consentRegistry.UnpackStudyNotFoundError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ConsentRegistryBadSignature represents a BadSignature error raised by the ConsentRegistry contract.
type ConsentRegistryBadSignature struct {
	Patient [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadSignature(bytes32 patient)
func ConsentRegistryBadSignatureErrorID() common.Hash {
	return common.HexToHash("0x252d5ca19edf28238724c142b92d16ab414f58c80c3131d56837f3d37589e18c")
}

// UnpackBadSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadSignature(bytes32 patient)
func (consentRegistry *ConsentRegistry) UnpackBadSignatureError(raw []byte) (*ConsentRegistryBadSignature, error) {
	out := new(ConsentRegistryBadSignature)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "BadSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ConsentRegistryConsentExpired represents a ConsentExpired error raised by the ConsentRegistry contract.
type ConsentRegistryConsentExpired struct {
	Patient [32]byte
	Expiry  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ConsentExpired(bytes32 patient, uint64 expiry)
func ConsentRegistryConsentExpiredErrorID() common.Hash {
	return common.HexToHash("0xeaad2785d6205622fb346f27e5ab3ee5d34f8b62123f48aaa520dfc721f2bf29")
}

// UnpackConsentExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ConsentExpired(bytes32 patient, uint64 expiry)
func (consentRegistry *ConsentRegistry) UnpackConsentExpiredError(raw []byte) (*ConsentRegistryConsentExpired, error) {
	out := new(ConsentRegistryConsentExpired)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "ConsentExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ConsentRegistryConsentRevoked represents a ConsentRevoked error raised by the ConsentRegistry contract.
type ConsentRegistryConsentRevoked struct {
	Patient [32]byte
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ConsentRevoked(bytes32 patient, uint64 studyId)
func ConsentRegistryConsentRevokedErrorID() common.Hash {
	return common.HexToHash("0xa57753ba85635217a766977bb3dc3c4394164c3a4d3430be93d4191f1917a780")
}

// UnpackConsentRevokedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ConsentRevoked(bytes32 patient, uint64 studyId)
func (consentRegistry *ConsentRegistry) UnpackConsentRevokedError(raw []byte) (*ConsentRegistryConsentRevoked, error) {
	out := new(ConsentRegistryConsentRevoked)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "ConsentRevoked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ConsentRegistryInvalidNonce represents a InvalidNonce error raised by the ConsentRegistry contract.
type ConsentRegistryInvalidNonce struct {
	Patient  [32]byte
	Expected uint32
	Got      uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidNonce(bytes32 patient, uint32 expected, uint32 got)
func ConsentRegistryInvalidNonceErrorID() common.Hash {
	return common.HexToHash("0x8c3458de18bb3dee6af9978a6f63de3d2bc1039cb454dcb73f66a90961c256ea")
}

// UnpackInvalidNonceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidNonce(bytes32 patient, uint32 expected, uint32 got)
func (consentRegistry *ConsentRegistry) UnpackInvalidNonceError(raw []byte) (*ConsentRegistryInvalidNonce, error) {
	out := new(ConsentRegistryInvalidNonce)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "InvalidNonce", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ConsentRegistryInvalidParameter represents a InvalidParameter error raised by the ConsentRegistry contract.
type ConsentRegistryInvalidParameter struct {
	Field string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidParameter(string field)
func ConsentRegistryInvalidParameterErrorID() common.Hash {
	return common.HexToHash("0xaa33ade0aeb9f98ab34de64dc8528f518998966a7f9fcee11b746b769d506aa5")
}

// UnpackInvalidParameterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidParameter(string field)
func (consentRegistry *ConsentRegistry) UnpackInvalidParameterError(raw []byte) (*ConsentRegistryInvalidParameter, error) {
	out := new(ConsentRegistryInvalidParameter)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "InvalidParameter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ConsentRegistryModuleRetired represents a ModuleRetired error raised by the ConsentRegistry contract.
type ConsentRegistryModuleRetired struct {
	Successor common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ModuleRetired(address successor)
func ConsentRegistryModuleRetiredErrorID() common.Hash {
	return common.HexToHash("0x55038db1cc364fe9468a2f7856aab1bf7b5a0a876c3ee8a8851db91799863c60")
}

// UnpackModuleRetiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ModuleRetired(address successor)
func (consentRegistry *ConsentRegistry) UnpackModuleRetiredError(raw []byte) (*ConsentRegistryModuleRetired, error) {
	out := new(ConsentRegistryModuleRetired)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "ModuleRetired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ConsentRegistryNoConsent represents a NoConsent error raised by the ConsentRegistry contract.
type ConsentRegistryNoConsent struct {
	Patient [32]byte
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoConsent(bytes32 patient, uint64 studyId)
func ConsentRegistryNoConsentErrorID() common.Hash {
	return common.HexToHash("0xbe56c505750438040b3c7bd1584c107b6c7a11784d2fe15dda43515b4ca39dab")
}

// UnpackNoConsentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoConsent(bytes32 patient, uint64 studyId)
func (consentRegistry *ConsentRegistry) UnpackNoConsentError(raw []byte) (*ConsentRegistryNoConsent, error) {
	out := new(ConsentRegistryNoConsent)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "NoConsent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ConsentRegistryNotAuthorised represents a NotAuthorised error raised by the ConsentRegistry contract.
type ConsentRegistryNotAuthorised struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAuthorised(address account)
func ConsentRegistryNotAuthorisedErrorID() common.Hash {
	return common.HexToHash("0x10ac4965ad0f10d1981eda3147962be82bab74e84b52036ea50629e4c490c98b")
}

// UnpackNotAuthorisedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAuthorised(address account)
func (consentRegistry *ConsentRegistry) UnpackNotAuthorisedError(raw []byte) (*ConsentRegistryNotAuthorised, error) {
	out := new(ConsentRegistryNotAuthorised)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "NotAuthorised", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ConsentRegistryNotMember represents a NotMember error raised by the ConsentRegistry contract.
type ConsentRegistryNotMember struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotMember(address account)
func ConsentRegistryNotMemberErrorID() common.Hash {
	return common.HexToHash("0x16d6142c051fd31eaf080eccdc319a6d11b659baa2266c1e4d7e444bd19c4a32")
}

// UnpackNotMemberError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotMember(address account)
func (consentRegistry *ConsentRegistry) UnpackNotMemberError(raw []byte) (*ConsentRegistryNotMember, error) {
	out := new(ConsentRegistryNotMember)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "NotMember", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ConsentRegistryStudyNotFound represents a StudyNotFound error raised by the ConsentRegistry contract.
type ConsentRegistryStudyNotFound struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StudyNotFound(uint64 studyId)
func ConsentRegistryStudyNotFoundErrorID() common.Hash {
	return common.HexToHash("0x855f02c8440e5b5af3ed0c00552a151816898d425e10a16b0f97e8a1e44a02a8")
}

// UnpackStudyNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StudyNotFound(uint64 studyId)
func (consentRegistry *ConsentRegistry) UnpackStudyNotFoundError(raw []byte) (*ConsentRegistryStudyNotFound, error) {
	out := new(ConsentRegistryStudyNotFound)
	if err := consentRegistry.abi.UnpackIntoInterface(out, "StudyNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}
