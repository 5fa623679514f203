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

// CommitteesCommitteeRecord is an auto generated low-level Go binding around an user-defined struct.
type CommitteesCommitteeRecord struct {
	Size           uint16
	RotationRounds uint32
	Epoch          uint32
	SelectedRound  uint32
	SelectedBlock  uint64
	RotationVoted  bool
	RequestBlock   uint64
	Seed           [32]byte
	Members        []common.Address
	CandidatesHash [32]byte
}

// CommitteesMetaData contains all meta data concerning the Committees contract.
var CommitteesMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"CandidatesMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"epoch\",\"type\":\"uint32\"}],\"name\":\"CommitteeCurrent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"CommitteeLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"InvalidParameter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"NoCommittee\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"NoSelectionRequested\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotAuthorised\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundStillOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"requestBlock\",\"type\":\"uint64\"}],\"name\":\"SelectionExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"requestBlock\",\"type\":\"uint64\"}],\"name\":\"SelectionPending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"requestBlock\",\"type\":\"uint64\"}],\"name\":\"SelectionTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"required\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"actual\",\"type\":\"uint32\"}],\"name\":\"TooFewParticipants\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"epoch\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"requestBlock\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"candidates\",\"type\":\"address[]\"}],\"name\":\"CommitteeRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"epoch\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"}],\"name\":\"CommitteeSelected\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"size\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"rotationRounds\",\"type\":\"uint32\"}],\"name\":\"CommitteeSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"epoch\",\"type\":\"uint32\"}],\"name\":\"RotationVoted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_SIZE\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SELECTION_WINDOW\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"currentRound\",\"type\":\"uint32\"}],\"name\":\"allowsRound\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"getCommittee\",\"outputs\":[{\"components\":[{\"internalType\":\"uint16\",\"name\":\"size\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"rotationRounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"epoch\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"selectedRound\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"selectedBlock\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"rotationVoted\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"requestBlock\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"},{\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"},{\"internalType\":\"bytes32\",\"name\":\"candidatesHash\",\"type\":\"bytes32\"}],\"internalType\":\"structCommittees.CommitteeRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"isCurrent\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"requestCommittee\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"requestRotation\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"candidates\",\"type\":\"address[]\"}],\"name\":\"selectCommittee\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"size\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"rotationRounds\",\"type\":\"uint32\"}],\"name\":\"setCommittee\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"studies\",\"outputs\":[{\"internalType\":\"contractStudies\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Committees",
	Bin: "0x60a060405234801561000f575f5ffd5b5033608052608051611fb06100805f395f818161016c015281816101ef01528181610290015281816104a00152818161055e015281816105ec01528181610a4301528181610c5d01528181610d16015281816114520152818161162e015281816116ce01526117560152611fb05ff3fe608060405234801561000f575f5ffd5b506004361061009b575f3560e01c80638d67799e116100635780638d67799e146101225780639c9066701461013d578063c540b82c14610154578063c7f5a33e14610167578063deb9274e146101a6575f5ffd5b8063243afb381461009f5780634b2ed462146100c75780635c5b53c5146100dc5780638507096b146100fc57806387ea52641461010f575b5f5ffd5b6100b26100ad3660046118e6565b6101b9565b60405190151581526020015b60405180910390f35b6100da6100d53660046118e6565b610270565b005b6100ef6100ea3660046118e6565b6108d4565b6040516100be9190611944565b6100da61010a366004611a2e565b610a23565b6100b261011d366004611a76565b610c06565b61012a60ff81565b60405161ffff90911681526020016100be565b61014661010081565b6040519081526020016100be565b6100da610162366004611aad565b610c3d565b61018e7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100be565b6100da6101b43660046118e6565b611447565b6001600160401b0381165f81815260208190526040808220905163827429a560e01b81526004810193909352909161026a9184917f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa15801561023d573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906102619190611bef565b60c001516114f8565b92915050565b60405163827429a560e01b81526001600160401b03821660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa1580156102de573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906103029190611bef565b905080608001516001600160a01b0316336001600160a01b031614610341576040516310ac496560e01b81523360048201526024015b60405180910390fd5b6001600160401b0382165f9081526020819052604081208054909161ffff909116900361038c57604051634b1ad32960e01b81526001600160401b0384166004820152602401610338565b816101000151156103cd5760c0820151604051633e42297360e21b81526001600160401b038516600482015263ffffffff9091166024820152604401610338565b6103dc83828460c001516114f8565b1561041a5780546040516309320bb960e01b81526001600160401b0385166004820152600160301b90910463ffffffff166024820152604401610338565b8054600160b81b90046001600160401b0316801580159061044f575061044b6101006001600160401b038316611d48565b4311155b1561048057604051630246f84760e01b81526001600160401b03808616600483015282166024820152604401610338565b604051631871e43f60e31b81526001600160401b03851660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063c38f21f8906024015f60405180830381865afa1580156104ec573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f191682016040526105139190810190611d5b565b90505f81516001600160401b0381111561052f5761052f611b2e565b604051908082528060200260200182016040528015610558578160200160208202803683370190505b5090505f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316639ad187656040518163ffffffff1660e01b8152600401602060405180830381865afa1580156105b8573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906105dc9190611e0d565b90505f805b84518110156107ae577f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663bd2e6ac38a87848151811061062c5761062c611e28565b60200260200101516040518363ffffffff1660e01b815260040161066e9291906001600160401b039290921682526001600160a01b0316602082015260400190565b602060405180830381865afa158015610689573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906106ad9190611e3c565b1580156107485750826001600160a01b031663a230c5248683815181106106d6576106d6611e28565b60200260200101516040518263ffffffff1660e01b815260040161070991906001600160a01b0391909116815260200190565b602060405180830381865afa158015610724573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906107489190611e3c565b156107a65784818151811061075f5761075f611e28565b602002602001015184838061077390611e55565b94508151811061078557610785611e28565b60200260200101906001600160a01b031690816001600160a01b0316815250505b6001016105e1565b50866060015163ffffffff168110156107ff576060870151604051636c9b8c6360e11b81526001600160401b038a16600482015263ffffffff91821660248201529082166044820152606401610338565b80835285547fff0000000000000000ffffffffffffffffffffffffffffffffffffffffffffff16600160b81b436001600160401b03160217865560405161084a908490602001611e6d565b60408051808303601f1901815291905280516020909101206003870155855461088190600160301b900463ffffffff166001611e7f565b63ffffffff16886001600160401b03167fb0f873e5d08ab680fbf5f7d3202d0756499faff76b60609450d0bcc7ed0fcf3d43866040516108c2929190611e9b565b60405180910390a35050505050505050565b60408051610140810182525f8082526020820181905291810182905260608082018390526080820183905260a0820183905260c0820183905260e082018390526101008201526101208101919091526001600160401b038083165f9081526020818152604091829020825161014081018452815461ffff8116825263ffffffff620100008204811683860152600160301b8204811683870152600160501b8204166060830152600160701b81048616608083015260ff600160b01b820416151560a0830152600160b81b900490941660c0850152600181015460e08501526002810180548451818502810185019095528085529193610100860193909290830182828015610a0957602002820191905f5260205f20905b81546001600160a01b031681526001909101906020018083116109eb575b505050505081526020016003820154815250509050919050565b60405163827429a560e01b81526001600160401b03841660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa158015610a91573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610ab59190611bef565b80519091506001600160a01b03163314610ae4576040516310ac496560e01b8152336004820152602401610338565b6001600160401b0384165f9081526020819052604090206101a0820151151580610b125750805461ffff1615155b15610b3b57604051633a0dd41160e21b81526001600160401b0386166004820152602401610338565b816060015163ffffffff168461ffff161080610b5b575060ff61ffff8516115b15610b92576040516305519d6f60e51b81526004016103389060208082526004908201526373697a6560e01b604082015260600190565b805461ffff851665ffffffffffff1990911681176201000063ffffffff86169081029190911783556040805192835260208301919091526001600160401b038716917fb4f5e1b2842e3f8315c3fd03d893a1909ed7c8f301b7e10a72c1ab6beb89134f910160405180910390a25050505050565b6001600160401b0382165f908152602081905260408120805461ffff161580610c355750610c358482856114f8565b949350505050565b60405163827429a560e01b81526001600160401b03841660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa158015610cab573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610ccf9190611bef565b905080608001516001600160a01b0316336001600160a01b031614158015610d895750604051639cfa750f60e01b81526001600160401b03851660048201523360248201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690639cfa750f90604401602060405180830381865afa158015610d63573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610d879190611e3c565b155b15610da9576040516310ac496560e01b8152336004820152602401610338565b6001600160401b038085165f90815260208190526040812080549092600160b81b9091041690819003610dfa57604051630e7dc9a160e01b81526001600160401b0387166004820152602401610338565b81600301548585604051602001610e12929190611ebc565b6040516020818303038152906040528051906020012014610e5157604051630a8023eb60e01b81526001600160401b0387166004820152602401610338565b806001600160401b03164311610e8d57604051637f29c10560e11b81526001600160401b03808816600483015282166024820152604401610338565b6001600160401b0381164080610ec9576040516310d735d160e21b81526001600160401b03808916600483015283166024820152604401610338565b82545f90610ee590600160301b900463ffffffff166001611e7f565b604080516001600160401b038b16602082015263ffffffff831691810191909152606081018490529091505f9060800160408051601f198184030181529190528051602090910120855490915061ffff165f816001600160401b03811115610f4f57610f4f611b2e565b604051908082528060200260200182016040528015610f78578160200160208202803683370190505b5090505f826001600160401b03811115610f9457610f94611b2e565b604051908082528060200260200182016040528015610fbd578160200160208202803683370190505b5090505f805b8b8110156111d8575f8d8d83818110610fde57610fde611e28565b9050602002016020810190610ff39190611f08565b90505f878260405160200161101b9291909182526001600160a01b0316602082015260400190565b604051602081830303815290604052805190602001205f1c9050868414801561106757508561104b600189611f23565b8151811061105b5761105b611e28565b60200260200101518110155b156110735750506111d0565b5f87851061108b57611086600189611f23565b611098565b8461109581611e55565b95505b90505b5f811180156110cc575081876110b2600184611f23565b815181106110c2576110c2611e28565b6020026020010151115b1561117c57866110dd600183611f23565b815181106110ed576110ed611e28565b6020026020010151866001836111039190611f23565b8151811061111357611113611e28565b602002602001015188838151811061112d5761112d611e28565b6020026020010188848151811061114657611146611e28565b60200260200101826001600160a01b03166001600160a01b0316815250828152505050808061117490611f36565b91505061109b565b818388838151811061119057611190611e28565b602002602001018884815181106111a9576111a9611e28565b60200260200101826001600160a01b03166001600160a01b03168152508281525050505050505b600101610fc3565b505f816001600160401b038111156111f2576111f2611b2e565b60405190808252806020026020018201604052801561121b578160200160208202803683370190505b5090505f5b82811015611327575f84828151811061123b5761123b611e28565b602002602001015190505f8290505b5f8111801561128d57506001600160a01b0382168461126a600184611f23565b8151811061127a5761127a611e28565b60200260200101516001600160a01b0316115b156112f2578361129e600183611f23565b815181106112ae576112ae611e28565b60200260200101518482815181106112c8576112c8611e28565b6001600160a01b0390921660209283029190910190910152806112ea81611f36565b91505061124a565b8184828151811061130557611305611e28565b6001600160a01b03909216602092830291909101909101525050600101611220565b50895460c08c01516dffffffffffffffff00000000000019909116600160301b63ffffffff8a8116919091026dffffffff00000000000000000000191691909117600160501b9190921602177fff0000000000000000000000000000000000ffffffffffffffffffffffffffff16600160701b436001600160401b0316027fff000000000000000000ffffffffffffffffffffffffffffffffffffffffffff16178a555f60038b015560018a0186905580516113ec9060028c0190602084019061184b565b508663ffffffff168e6001600160401b03167fc919bc3830410f38d9a9f5e118fab588d65a7edb30f598fe16b9479f132ff9ae888460405161142f929190611f4b565b60405180910390a35050505050505050505050505050565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614611492576040516310ac496560e01b8152336004820152602401610338565b6001600160401b0381165f818152602081905260408082208054600160b01b60ff60b01b199091161780825591519093600160301b90920463ffffffff16927fbd4adf5b0782c041a26dd14388a14ac536036f89de2c6f7594dff9582d3b65ea91a35050565b81545f9063ffffffff620100008204811691600160301b900416158061152657508354600160b01b900460ff165b80611566575063ffffffff81161580159061156657508354611556908290600160501b900463ffffffff16611e7f565b63ffffffff168363ffffffff1610155b15611574575f915050611844565b5f846002018054806020026020016040519081016040528092919081815260200182805480156115cb57602002820191905f5260205f20905b81546001600160a01b031681526001909101906020018083116115ad575b509394505f93505050505b8151811015611751575f8282815181106115f2576115f2611e28565b6020908102919091010151604051639cfa750f60e01b81526001600160401b038a1660048201526001600160a01b0380831660248301529192507f000000000000000000000000000000000000000000000000000000000000000090911690639cfa750f90604401602060405180830381865afa158015611675573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906116999190611e3c565b1580611737575060405163bd2e6ac360e01b81526001600160401b03891660048201526001600160a01b0382811660248301527f0000000000000000000000000000000000000000000000000000000000000000169063bd2e6ac390604401602060405180830381865afa158015611713573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906117379190611e3c565b15611748575f945050505050611844565b506001016115d6565b505f197f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316639ad187656040518163ffffffff1660e01b8152600401602060405180830381865afa1580156117b0573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906117d49190611e0d565b6001600160a01b03166354d05ce1836040518263ffffffff1660e01b81526004016117ff9190611e6d565b602060405180830381865afa15801561181a573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061183e9190611f63565b14925050505b9392505050565b828054828255905f5260205f209081019282156118ab579160200282015b828111156118ab578251825473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b03909116178255602090920191600190910190611869565b506118b79291506118bb565b5090565b5b808211156118b7575f81556001016118bc565b6001600160401b03811681146118e3575f5ffd5b50565b5f602082840312156118f6575f5ffd5b8135611844816118cf565b5f8151808452602084019350602083015f5b8281101561193a5781516001600160a01b0316865260209586019590910190600101611913565b5093949350505050565b6020815261195960208201835161ffff169052565b5f6020830151611971604084018263ffffffff169052565b50604083015163ffffffff8116606084015250606083015163ffffffff811660808401525060808301516001600160401b03811660a08401525060a083015180151560c08401525060c08301516001600160401b03811660e08401525060e08301516101008301526101008301516101406101208401526119f6610160840182611901565b90506101208401516101408401528091505092915050565b61ffff811681146118e3575f5ffd5b63ffffffff811681146118e3575f5ffd5b5f5f5f60608486031215611a40575f5ffd5b8335611a4b816118cf565b92506020840135611a5b81611a0e565b91506040840135611a6b81611a1d565b809150509250925092565b5f5f60408385031215611a87575f5ffd5b8235611a92816118cf565b91506020830135611aa281611a1d565b809150509250929050565b5f5f5f60408486031215611abf575f5ffd5b8335611aca816118cf565b925060208401356001600160401b03811115611ae4575f5ffd5b8401601f81018613611af4575f5ffd5b80356001600160401b03811115611b09575f5ffd5b8660208260051b8401011115611b1d575f5ffd5b939660209190910195509293505050565b634e487b7160e01b5f52604160045260245ffd5b60405161026081016001600160401b0381118282101715611b6557611b65611b2e565b60405290565b604051601f8201601f191681016001600160401b0381118282101715611b9357611b93611b2e565b604052919050565b6001600160a01b03811681146118e3575f5ffd5b8051611bba81611b9b565b919050565b8051611bba81611a1d565b8051611bba81611a0e565b80518015158114611bba575f5ffd5b8051611bba816118cf565b5f610260828403128015611c01575f5ffd5b50611c0a611b42565b611c1383611baf565b8152611c2160208401611bbf565b6020820152611c3260408401611bbf565b6040820152611c4360608401611bbf565b6060820152611c5460808401611baf565b6080820152611c6560a08401611bbf565b60a0820152611c7660c08401611bbf565b60c0820152611c8760e08401611bca565b60e0820152611c996101008401611bd5565b610100820152611cac6101208401611bd5565b6101208201526101408381015190820152610160808401519082015261018080840151908201526101a080840151908201526101c080840151908201526101e08084015190820152611d016102008401611be4565b610200820152611d146102208401611be4565b610220820152611d276102408401611be4565b6102408201529392505050565b634e487b7160e01b5f52601160045260245ffd5b8082018082111561026a5761026a611d34565b5f60208284031215611d6b575f5ffd5b81516001600160401b03811115611d80575f5ffd5b8201601f81018413611d90575f5ffd5b80516001600160401b03811115611da957611da9611b2e565b8060051b611db960208201611b6b565b91825260208184018101929081019087841115611dd4575f5ffd5b6020850194505b83851015611e025784519250611df083611b9b565b82825260209485019490910190611ddb565b979650505050505050565b5f60208284031215611e1d575f5ffd5b815161184481611b9b565b634e487b7160e01b5f52603260045260245ffd5b5f60208284031215611e4c575f5ffd5b61184482611bd5565b5f60018201611e6657611e66611d34565b5060010190565b602081525f6118446020830184611901565b63ffffffff818116838216019081111561026a5761026a611d34565b6001600160401b0383168152604060208201525f610c356040830184611901565b602080825281018290525f8360408301825b85811015611efe578235611ee181611b9b565b6001600160a01b0316825260209283019290910190600101611ece565b5095945050505050565b5f60208284031215611f18575f5ffd5b813561184481611b9b565b8181038181111561026a5761026a611d34565b5f81611f4457611f44611d34565b505f190190565b828152604060208201525f610c356040830184611901565b5f60208284031215611f73575f5ffd5b505191905056fea264697066735822122074d7b83fbef04a7afc660f7ef0daa7a1c1c8041a6f4448535d5d5eb228ff845b64736f6c634300081c0033",
}

// Committees is an auto generated Go binding around an Ethereum contract.
type Committees struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Committees) GetABI() abi.ABI {
	return c.abi
}

// NewCommittees creates a new instance of Committees.
func NewCommittees() *Committees {
	parsed, err := CommitteesMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Committees{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Committees) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackMAXSIZE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8d67799e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_SIZE() view returns(uint16)
func (committees *Committees) PackMAXSIZE() []byte {
	enc, err := committees.abi.Pack("MAX_SIZE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXSIZE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8d67799e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_SIZE() view returns(uint16)
func (committees *Committees) TryPackMAXSIZE() ([]byte, error) {
	return committees.abi.Pack("MAX_SIZE")
}

// UnpackMAXSIZE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8d67799e.
//
// Solidity: function MAX_SIZE() view returns(uint16)
func (committees *Committees) UnpackMAXSIZE(data []byte) (uint16, error) {
	out, err := committees.abi.Unpack("MAX_SIZE", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackSELECTIONWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9c906670.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function SELECTION_WINDOW() view returns(uint256)
func (committees *Committees) PackSELECTIONWINDOW() []byte {
	enc, err := committees.abi.Pack("SELECTION_WINDOW")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSELECTIONWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9c906670.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function SELECTION_WINDOW() view returns(uint256)
func (committees *Committees) TryPackSELECTIONWINDOW() ([]byte, error) {
	return committees.abi.Pack("SELECTION_WINDOW")
}

// UnpackSELECTIONWINDOW is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9c906670.
//
// Solidity: function SELECTION_WINDOW() view returns(uint256)
func (committees *Committees) UnpackSELECTIONWINDOW(data []byte) (*big.Int, error) {
	out, err := committees.abi.Unpack("SELECTION_WINDOW", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAllowsRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x87ea5264.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowsRound(uint64 studyId, uint32 currentRound) view returns(bool)
func (committees *Committees) PackAllowsRound(studyId uint64, currentRound uint32) []byte {
	enc, err := committees.abi.Pack("allowsRound", studyId, currentRound)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowsRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x87ea5264.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowsRound(uint64 studyId, uint32 currentRound) view returns(bool)
func (committees *Committees) TryPackAllowsRound(studyId uint64, currentRound uint32) ([]byte, error) {
	return committees.abi.Pack("allowsRound", studyId, currentRound)
}

// UnpackAllowsRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x87ea5264.
//
// Solidity: function allowsRound(uint64 studyId, uint32 currentRound) view returns(bool)
func (committees *Committees) UnpackAllowsRound(data []byte) (bool, error) {
	out, err := committees.abi.Unpack("allowsRound", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackGetCommittee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c5b53c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getCommittee(uint64 studyId) view returns((uint16,uint32,uint32,uint32,uint64,bool,uint64,bytes32,address[],bytes32))
func (committees *Committees) PackGetCommittee(studyId uint64) []byte {
	enc, err := committees.abi.Pack("getCommittee", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetCommittee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c5b53c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getCommittee(uint64 studyId) view returns((uint16,uint32,uint32,uint32,uint64,bool,uint64,bytes32,address[],bytes32))
func (committees *Committees) TryPackGetCommittee(studyId uint64) ([]byte, error) {
	return committees.abi.Pack("getCommittee", studyId)
}

// UnpackGetCommittee is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c5b53c5.
//
// Solidity: function getCommittee(uint64 studyId) view returns((uint16,uint32,uint32,uint32,uint64,bool,uint64,bytes32,address[],bytes32))
func (committees *Committees) UnpackGetCommittee(data []byte) (CommitteesCommitteeRecord, error) {
	out, err := committees.abi.Unpack("getCommittee", data)
	if err != nil {
		return *new(CommitteesCommitteeRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(CommitteesCommitteeRecord)).(*CommitteesCommitteeRecord)
	return out0, nil
}

// PackIsCurrent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x243afb38.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isCurrent(uint64 studyId) view returns(bool)
func (committees *Committees) PackIsCurrent(studyId uint64) []byte {
	enc, err := committees.abi.Pack("isCurrent", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsCurrent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x243afb38.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isCurrent(uint64 studyId) view returns(bool)
func (committees *Committees) TryPackIsCurrent(studyId uint64) ([]byte, error) {
	return committees.abi.Pack("isCurrent", studyId)
}

// UnpackIsCurrent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x243afb38.
//
// Solidity: function isCurrent(uint64 studyId) view returns(bool)
func (committees *Committees) UnpackIsCurrent(data []byte) (bool, error) {
	out, err := committees.abi.Unpack("isCurrent", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackRequestCommittee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b2ed462.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestCommittee(uint64 studyId) returns()
func (committees *Committees) PackRequestCommittee(studyId uint64) []byte {
	enc, err := committees.abi.Pack("requestCommittee", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestCommittee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b2ed462.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestCommittee(uint64 studyId) returns()
func (committees *Committees) TryPackRequestCommittee(studyId uint64) ([]byte, error) {
	return committees.abi.Pack("requestCommittee", studyId)
}

// PackRequestRotation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdeb9274e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestRotation(uint64 studyId) returns()
func (committees *Committees) PackRequestRotation(studyId uint64) []byte {
	enc, err := committees.abi.Pack("requestRotation", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestRotation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdeb9274e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestRotation(uint64 studyId) returns()
func (committees *Committees) TryPackRequestRotation(studyId uint64) ([]byte, error) {
	return committees.abi.Pack("requestRotation", studyId)
}

// PackSelectCommittee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc540b82c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function selectCommittee(uint64 studyId, address[] candidates) returns()
func (committees *Committees) PackSelectCommittee(studyId uint64, candidates []common.Address) []byte {
	enc, err := committees.abi.Pack("selectCommittee", studyId, candidates)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSelectCommittee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc540b82c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function selectCommittee(uint64 studyId, address[] candidates) returns()
func (committees *Committees) TryPackSelectCommittee(studyId uint64, candidates []common.Address) ([]byte, error) {
	return committees.abi.Pack("selectCommittee", studyId, candidates)
}

// PackSetCommittee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8507096b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setCommittee(uint64 studyId, uint16 size, uint32 rotationRounds) returns()
func (committees *Committees) PackSetCommittee(studyId uint64, size uint16, rotationRounds uint32) []byte {
	enc, err := committees.abi.Pack("setCommittee", studyId, size, rotationRounds)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetCommittee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8507096b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setCommittee(uint64 studyId, uint16 size, uint32 rotationRounds) returns()
func (committees *Committees) TryPackSetCommittee(studyId uint64, size uint16, rotationRounds uint32) ([]byte, error) {
	return committees.abi.Pack("setCommittee", studyId, size, rotationRounds)
}

// PackStudies is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc7f5a33e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function studies() view returns(address)
func (committees *Committees) PackStudies() []byte {
	enc, err := committees.abi.Pack("studies")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStudies is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc7f5a33e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function studies() view returns(address)
func (committees *Committees) TryPackStudies() ([]byte, error) {
	return committees.abi.Pack("studies")
}

// UnpackStudies is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc7f5a33e.
//
// Solidity: function studies() view returns(address)
func (committees *Committees) UnpackStudies(data []byte) (common.Address, error) {
	out, err := committees.abi.Unpack("studies", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// CommitteesCommitteeRequested represents a CommitteeRequested event raised by the Committees contract.
type CommitteesCommitteeRequested struct {
	StudyId      uint64
	Epoch        uint32
	RequestBlock uint64
	Candidates   []common.Address
	Raw          *types.Log // Blockchain specific contextual infos
}

const CommitteesCommitteeRequestedEventName = "CommitteeRequested"

// ContractEventName returns the user-defined event name.
func (CommitteesCommitteeRequested) ContractEventName() string {
	return CommitteesCommitteeRequestedEventName
}

// UnpackCommitteeRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CommitteeRequested(uint64 indexed studyId, uint32 indexed epoch, uint64 requestBlock, address[] candidates)
func (committees *Committees) UnpackCommitteeRequestedEvent(log *types.Log) (*CommitteesCommitteeRequested, error) {
	event := "CommitteeRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != committees.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CommitteesCommitteeRequested)
	if len(log.Data) > 0 {
		if err := committees.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range committees.abi.Events[event].Inputs {
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

// CommitteesCommitteeSelected represents a CommitteeSelected event raised by the Committees contract.
type CommitteesCommitteeSelected struct {
	StudyId uint64
	Epoch   uint32
	Seed    [32]byte
	Members []common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const CommitteesCommitteeSelectedEventName = "CommitteeSelected"

// ContractEventName returns the user-defined event name.
func (CommitteesCommitteeSelected) ContractEventName() string {
	return CommitteesCommitteeSelectedEventName
}

// UnpackCommitteeSelectedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CommitteeSelected(uint64 indexed studyId, uint32 indexed epoch, bytes32 seed, address[] members)
func (committees *Committees) UnpackCommitteeSelectedEvent(log *types.Log) (*CommitteesCommitteeSelected, error) {
	event := "CommitteeSelected"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != committees.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CommitteesCommitteeSelected)
	if len(log.Data) > 0 {
		if err := committees.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range committees.abi.Events[event].Inputs {
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

// CommitteesCommitteeSet represents a CommitteeSet event raised by the Committees contract.
type CommitteesCommitteeSet struct {
	StudyId        uint64
	Size           uint16
	RotationRounds uint32
	Raw            *types.Log // Blockchain specific contextual infos
}

const CommitteesCommitteeSetEventName = "CommitteeSet"

// ContractEventName returns the user-defined event name.
func (CommitteesCommitteeSet) ContractEventName() string {
	return CommitteesCommitteeSetEventName
}

// UnpackCommitteeSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CommitteeSet(uint64 indexed studyId, uint16 size, uint32 rotationRounds)
func (committees *Committees) UnpackCommitteeSetEvent(log *types.Log) (*CommitteesCommitteeSet, error) {
	event := "CommitteeSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != committees.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CommitteesCommitteeSet)
	if len(log.Data) > 0 {
		if err := committees.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range committees.abi.Events[event].Inputs {
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

// CommitteesRotationVoted represents a RotationVoted event raised by the Committees contract.
type CommitteesRotationVoted struct {
	StudyId uint64
	Epoch   uint32
	Raw     *types.Log // Blockchain specific contextual infos
}

const CommitteesRotationVotedEventName = "RotationVoted"

// ContractEventName returns the user-defined event name.
func (CommitteesRotationVoted) ContractEventName() string {
	return CommitteesRotationVotedEventName
}

// UnpackRotationVotedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RotationVoted(uint64 indexed studyId, uint32 indexed epoch)
func (committees *Committees) UnpackRotationVotedEvent(log *types.Log) (*CommitteesRotationVoted, error) {
	event := "RotationVoted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != committees.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CommitteesRotationVoted)
	if len(log.Data) > 0 {
		if err := committees.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range committees.abi.Events[event].Inputs {
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
func (committees *Committees) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], committees.abi.Errors["CandidatesMismatch"].ID.Bytes()[:4]) {
		return committees.UnpackCandidatesMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["CommitteeCurrent"].ID.Bytes()[:4]) {
		return committees.UnpackCommitteeCurrentError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["CommitteeLocked"].ID.Bytes()[:4]) {
		return committees.UnpackCommitteeLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["InvalidParameter"].ID.Bytes()[:4]) {
		return committees.UnpackInvalidParameterError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["NoCommittee"].ID.Bytes()[:4]) {
		return committees.UnpackNoCommitteeError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["NoSelectionRequested"].ID.Bytes()[:4]) {
		return committees.UnpackNoSelectionRequestedError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["NotAuthorised"].ID.Bytes()[:4]) {
		return committees.UnpackNotAuthorisedError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["RoundStillOpen"].ID.Bytes()[:4]) {
		return committees.UnpackRoundStillOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["SelectionExpired"].ID.Bytes()[:4]) {
		return committees.UnpackSelectionExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["SelectionPending"].ID.Bytes()[:4]) {
		return committees.UnpackSelectionPendingError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["SelectionTooEarly"].ID.Bytes()[:4]) {
		return committees.UnpackSelectionTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["TooFewParticipants"].ID.Bytes()[:4]) {
		return committees.UnpackTooFewParticipantsError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// CommitteesCandidatesMismatch represents a CandidatesMismatch error raised by the Committees contract.
type CommitteesCandidatesMismatch struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CandidatesMismatch(uint64 studyId)
func CommitteesCandidatesMismatchErrorID() common.Hash {
	return common.HexToHash("0x0a8023eb22507658fdfd73f84d86f70b97424345b446dc2739399a243275e36c")
}

// UnpackCandidatesMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CandidatesMismatch(uint64 studyId)
func (committees *Committees) UnpackCandidatesMismatchError(raw []byte) (*CommitteesCandidatesMismatch, error) {
	out := new(CommitteesCandidatesMismatch)
	if err := committees.abi.UnpackIntoInterface(out, "CandidatesMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesCommitteeCurrent represents a CommitteeCurrent error raised by the Committees contract.
type CommitteesCommitteeCurrent struct {
	StudyId uint64
	Epoch   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CommitteeCurrent(uint64 studyId, uint32 epoch)
func CommitteesCommitteeCurrentErrorID() common.Hash {
	return common.HexToHash("0x09320bb9aea0e272a90cefce40419c14a89f01cdecfc2555c366200a10a535f5")
}

// UnpackCommitteeCurrentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CommitteeCurrent(uint64 studyId, uint32 epoch)
func (committees *Committees) UnpackCommitteeCurrentError(raw []byte) (*CommitteesCommitteeCurrent, error) {
	out := new(CommitteesCommitteeCurrent)
	if err := committees.abi.UnpackIntoInterface(out, "CommitteeCurrent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesCommitteeLocked represents a CommitteeLocked error raised by the Committees contract.
type CommitteesCommitteeLocked struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CommitteeLocked(uint64 studyId)
func CommitteesCommitteeLockedErrorID() common.Hash {
	return common.HexToHash("0xe8375044391a6bb416ec1b89e3264e2ab68473dab2b131e6cd4987565d7697ea")
}

// UnpackCommitteeLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CommitteeLocked(uint64 studyId)
func (committees *Committees) UnpackCommitteeLockedError(raw []byte) (*CommitteesCommitteeLocked, error) {
	out := new(CommitteesCommitteeLocked)
	if err := committees.abi.UnpackIntoInterface(out, "CommitteeLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesInvalidParameter represents a InvalidParameter error raised by the Committees contract.
type CommitteesInvalidParameter struct {
	Field string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidParameter(string field)
func CommitteesInvalidParameterErrorID() common.Hash {
	return common.HexToHash("0xaa33ade0aeb9f98ab34de64dc8528f518998966a7f9fcee11b746b769d506aa5")
}

// UnpackInvalidParameterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidParameter(string field)
func (committees *Committees) UnpackInvalidParameterError(raw []byte) (*CommitteesInvalidParameter, error) {
	out := new(CommitteesInvalidParameter)
	if err := committees.abi.UnpackIntoInterface(out, "InvalidParameter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesNoCommittee represents a NoCommittee error raised by the Committees contract.
type CommitteesNoCommittee struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoCommittee(uint64 studyId)
func CommitteesNoCommitteeErrorID() common.Hash {
	return common.HexToHash("0x4b1ad329aedd39af6680ac64b7730f65cf87e003e18968ffa3792babd8742d5c")
}

// UnpackNoCommitteeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoCommittee(uint64 studyId)
func (committees *Committees) UnpackNoCommitteeError(raw []byte) (*CommitteesNoCommittee, error) {
	out := new(CommitteesNoCommittee)
	if err := committees.abi.UnpackIntoInterface(out, "NoCommittee", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesNoSelectionRequested represents a NoSelectionRequested error raised by the Committees contract.
type CommitteesNoSelectionRequested struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoSelectionRequested(uint64 studyId)
func CommitteesNoSelectionRequestedErrorID() common.Hash {
	return common.HexToHash("0x0e7dc9a1c427f50e8babedeea4f66fd3ca64427c41fb751877f86f013e4d4bf1")
}

// UnpackNoSelectionRequestedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoSelectionRequested(uint64 studyId)
func (committees *Committees) UnpackNoSelectionRequestedError(raw []byte) (*CommitteesNoSelectionRequested, error) {
	out := new(CommitteesNoSelectionRequested)
	if err := committees.abi.UnpackIntoInterface(out, "NoSelectionRequested", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesNotAuthorised represents a NotAuthorised error raised by the Committees contract.
type CommitteesNotAuthorised struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAuthorised(address account)
func CommitteesNotAuthorisedErrorID() common.Hash {
	return common.HexToHash("0x10ac4965ad0f10d1981eda3147962be82bab74e84b52036ea50629e4c490c98b")
}

// UnpackNotAuthorisedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAuthorised(address account)
func (committees *Committees) UnpackNotAuthorisedError(raw []byte) (*CommitteesNotAuthorised, error) {
	out := new(CommitteesNotAuthorised)
	if err := committees.abi.UnpackIntoInterface(out, "NotAuthorised", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesRoundStillOpen represents a RoundStillOpen error raised by the Committees contract.
type CommitteesRoundStillOpen struct {
	StudyId uint64
	Round   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundStillOpen(uint64 studyId, uint32 round)
func CommitteesRoundStillOpenErrorID() common.Hash {
	return common.HexToHash("0xf908a5cc7a5b1458a044c56464e6f31a1bfc7e57c6a730bf2fa013fb865c0238")
}

// UnpackRoundStillOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundStillOpen(uint64 studyId, uint32 round)
func (committees *Committees) UnpackRoundStillOpenError(raw []byte) (*CommitteesRoundStillOpen, error) {
	out := new(CommitteesRoundStillOpen)
	if err := committees.abi.UnpackIntoInterface(out, "RoundStillOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesSelectionExpired represents a SelectionExpired error raised by the Committees contract.
type CommitteesSelectionExpired struct {
	StudyId      uint64
	RequestBlock uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SelectionExpired(uint64 studyId, uint64 requestBlock)
func CommitteesSelectionExpiredErrorID() common.Hash {
	return common.HexToHash("0x435cd744844b4a1721ec354a3a5a61c6b4ed5c3edf1d1361e527e1ebe0717a35")
}

// UnpackSelectionExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SelectionExpired(uint64 studyId, uint64 requestBlock)
func (committees *Committees) UnpackSelectionExpiredError(raw []byte) (*CommitteesSelectionExpired, error) {
	out := new(CommitteesSelectionExpired)
	if err := committees.abi.UnpackIntoInterface(out, "SelectionExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesSelectionPending represents a SelectionPending error raised by the Committees contract.
type CommitteesSelectionPending struct {
	StudyId      uint64
	RequestBlock uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SelectionPending(uint64 studyId, uint64 requestBlock)
func CommitteesSelectionPendingErrorID() common.Hash {
	return common.HexToHash("0x0246f847ed1fcc051acdfc598df954a8c57e15efb6e49a2727960e5a97a673b2")
}

// UnpackSelectionPendingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SelectionPending(uint64 studyId, uint64 requestBlock)
func (committees *Committees) UnpackSelectionPendingError(raw []byte) (*CommitteesSelectionPending, error) {
	out := new(CommitteesSelectionPending)
	if err := committees.abi.UnpackIntoInterface(out, "SelectionPending", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesSelectionTooEarly represents a SelectionTooEarly error raised by the Committees contract.
type CommitteesSelectionTooEarly struct {
	StudyId      uint64
	RequestBlock uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SelectionTooEarly(uint64 studyId, uint64 requestBlock)
func CommitteesSelectionTooEarlyErrorID() common.Hash {
	return common.HexToHash("0xfe53820ad12fb7a27ad78c3f05fb4d379f31de864de2091f7db04083c368be67")
}

// UnpackSelectionTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SelectionTooEarly(uint64 studyId, uint64 requestBlock)
func (committees *Committees) UnpackSelectionTooEarlyError(raw []byte) (*CommitteesSelectionTooEarly, error) {
	out := new(CommitteesSelectionTooEarly)
	if err := committees.abi.UnpackIntoInterface(out, "SelectionTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CommitteesTooFewParticipants represents a TooFewParticipants error raised by the Committees contract.
type CommitteesTooFewParticipants struct {
	StudyId  uint64
	Required uint32
	Actual   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooFewParticipants(uint64 studyId, uint32 required, uint32 actual)
func CommitteesTooFewParticipantsErrorID() common.Hash {
	return common.HexToHash("0xd93718c612cc2e9f99230812c69f11bdde87cc2a95c05dbba4660f517a14c458")
}

// UnpackTooFewParticipantsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooFewParticipants(uint64 studyId, uint32 required, uint32 actual)
func (committees *Committees) UnpackTooFewParticipantsError(raw []byte) (*CommitteesTooFewParticipants, error) {
	out := new(CommitteesTooFewParticipants)
	if err := committees.abi.UnpackIntoInterface(out, "TooFewParticipants", raw); err != nil {
		return nil, err
	}
	return out, nil
}
