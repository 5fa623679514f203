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
	Seed           [32]byte
	Members        []common.Address
}

// CommitteesMetaData contains all meta data concerning the Committees contract.
var CommitteesMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"epoch\",\"type\":\"uint32\"}],\"name\":\"CommitteeCurrent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"CommitteeLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"InvalidParameter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"NoCommittee\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotAuthorised\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundStillOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"required\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"actual\",\"type\":\"uint32\"}],\"name\":\"TooFewParticipants\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"epoch\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"}],\"name\":\"CommitteeSelected\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"size\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"rotationRounds\",\"type\":\"uint32\"}],\"name\":\"CommitteeSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"epoch\",\"type\":\"uint32\"}],\"name\":\"RotationVoted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_SIZE\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"currentRound\",\"type\":\"uint32\"}],\"name\":\"allowsRound\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"getCommittee\",\"outputs\":[{\"components\":[{\"internalType\":\"uint16\",\"name\":\"size\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"rotationRounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"epoch\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"selectedRound\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"selectedBlock\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"rotationVoted\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"},{\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"}],\"internalType\":\"structCommittees.CommitteeRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"isCurrent\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"requestRotation\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"selectCommittee\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"size\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"rotationRounds\",\"type\":\"uint32\"}],\"name\":\"setCommittee\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"studies\",\"outputs\":[{\"internalType\":\"contractStudies\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Committees",
	Bin: "0x60a060405234801561000f575f5ffd5b50336080526080516117086100645f395f818161012c015281816101b001528181610381015281816105a5015281816107cc0152818161092801528181610e2601528181610faf015261105001526117085ff3fe608060405234801561000f575f5ffd5b5060043610610085575f3560e01c80638d67799e116100585780638d67799e146100f9578063b153805c14610114578063c7f5a33e14610127578063deb9274e14610166575f5ffd5b8063243afb38146100895780635c5b53c5146100b15780638507096b146100d157806387ea5264146100e6575b5f5ffd5b61009c61009736600461117e565b610179565b60405190151581526020015b60405180910390f35b6100c46100bf36600461117e565b610231565b6040516100a891906111dc565b6100e46100df36600461128e565b610360565b005b61009c6100f43660046112d6565b61054c565b61010160ff81565b60405161ffff90911681526020016100a8565b6100e461012236600461117e565b610584565b61014e7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016100a8565b6100e461017436600461117e565b610e1b565b67ffffffffffffffff81165f81815260208190526040808220905163827429a560e01b81526004810193909352909161022b9184917f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa1580156101fe573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061022291906113c7565b60c00151610ed0565b92915050565b60408051610100810182525f8082526020820181905291810182905260608082018390526080820183905260a0820183905260c082019290925260e081019190915267ffffffffffffffff8281165f9081526020818152604091829020825161010081018452815461ffff8116825262010000810463ffffffff9081168386015266010000000000008204811683870152600160501b8204166060830152600160701b81049095166080820152600160b01b90940460ff16151560a0850152600181015460c0850152600281018054845181850281018501909552808552919360e086019390929083018282801561035057602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610332575b5050505050815250509050919050565b60405163827429a560e01b815267ffffffffffffffff841660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa1580156103cf573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906103f391906113c7565b80519091506001600160a01b03163314610427576040516310ac496560e01b81523360048201526024015b60405180910390fd5b67ffffffffffffffff84165f9081526020819052604090206101a08201511515806104565750805461ffff1615155b1561048057604051633a0dd41160e21b815267ffffffffffffffff8616600482015260240161041e565b816060015163ffffffff168461ffff1610806104a0575060ff61ffff8516115b156104d7576040516305519d6f60e51b815260040161041e9060208082526004908201526373697a6560e01b604082015260600190565b805461ffff851665ffffffffffff1990911681176201000063ffffffff861690810291909117835560408051928352602083019190915267ffffffffffffffff8716917fb4f5e1b2842e3f8315c3fd03d893a1909ed7c8f301b7e10a72c1ab6beb89134f910160405180910390a25050505050565b67ffffffffffffffff82165f908152602081905260408120805461ffff16158061057c575061057c848285610ed0565b949350505050565b60405163827429a560e01b815267ffffffffffffffff821660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa1580156105f3573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061061791906113c7565b905080608001516001600160a01b0316336001600160a01b031614610651576040516310ac496560e01b815233600482015260240161041e565b67ffffffffffffffff82165f9081526020819052604081208054909161ffff909116900361069e57604051634b1ad32960e01b815267ffffffffffffffff8416600482015260240161041e565b816101000151156106e05760c0820151604051633e42297360e21b815267ffffffffffffffff8516600482015263ffffffff909116602482015260440161041e565b805460c0830151660100000000000090910463ffffffff16906107069085908490610ed0565b1561073c576040516309320bb960e01b815267ffffffffffffffff8516600482015263ffffffff8216602482015260440161041e565b8061074681611520565b91505f9050848244610759600143611544565b6040805167ffffffffffffffff909516602086015263ffffffff90931692840192909252606083015240608082015260a00160408051601f19818403018152908290528051602090910120631871e43f60e31b825267ffffffffffffffff8716600483015291505f906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063c38f21f8906024015f60405180830381865afa158015610810573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f191682016040526108379190810190611557565b845490915061ffff165f8167ffffffffffffffff81111561085a5761085a61130d565b604051908082528060200260200182016040528015610883578160200160208202803683370190505b5090505f8267ffffffffffffffff8111156108a0576108a061130d565b6040519080825280602002602001820160405280156108c9578160200160208202803683370190505b5090505f805b8551811015610b81575f8682815181106108eb576108eb611606565b602090810291909101015160405163bd2e6ac360e01b815267ffffffffffffffff8e1660048201526001600160a01b0380831660248301529192507f00000000000000000000000000000000000000000000000000000000000000009091169063bd2e6ac390604401602060405180830381865afa15801561096f573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610993919061161a565b1561099e5750610b79565b5f88826040516020016109c49291909182526001600160a01b0316602082015260400190565b604051602081830303815290604052805190602001205f1c90508684148015610a105750856109f4600189611544565b81518110610a0457610a04611606565b60200260200101518110155b15610a1c575050610b79565b5f878510610a3457610a2f600189611544565b610a41565b84610a3e81611633565b95505b90505b5f81118015610a7557508187610a5b600184611544565b81518110610a6b57610a6b611606565b6020026020010151115b15610b255786610a86600183611544565b81518110610a9657610a96611606565b602002602001015186600183610aac9190611544565b81518110610abc57610abc611606565b6020026020010151888381518110610ad657610ad6611606565b60200260200101888481518110610aef57610aef611606565b60200260200101826001600160a01b03166001600160a01b03168152508281525050508080610b1d9061164b565b915050610a44565b8183888381518110610b3957610b39611606565b60200260200101888481518110610b5257610b52611606565b60200260200101826001600160a01b03166001600160a01b03168152508281525050505050505b6001016108cf565b50886060015163ffffffff16811015610bd3576060890151604051636c9b8c6360e11b815267ffffffffffffffff8c16600482015263ffffffff9182166024820152908216604482015260640161041e565b5f8167ffffffffffffffff811115610bed57610bed61130d565b604051908082528060200260200182016040528015610c16578160200160208202803683370190505b5090505f5b82811015610d22575f848281518110610c3657610c36611606565b602002602001015190505f8290505b5f81118015610c8857506001600160a01b03821684610c65600184611544565b81518110610c7557610c75611606565b60200260200101516001600160a01b0316115b15610ced5783610c99600183611544565b81518110610ca957610ca9611606565b6020026020010151848281518110610cc357610cc3611606565b6001600160a01b039092166020928302919091019091015280610ce58161164b565b915050610c45565b81848281518110610d0057610d00611606565b6001600160a01b03909216602092830291909101909101525050600101610c1b565b50885460c08b01516dffffffffffffffff00000000000019909116660100000000000063ffffffff8b8116919091026dffffffff00000000000000000000191691909117600160501b91909216021776ffffffffffffffffff00000000000000000000000000001916600160701b4367ffffffffffffffff160260ff60b01b1916178955600189018790558051610dc29060028b019060208401906110e2565b508763ffffffff168b67ffffffffffffffff167fc919bc3830410f38d9a9f5e118fab588d65a7edb30f598fe16b9479f132ff9ae8984604051610e06929190611660565b60405180910390a35050505050505050505050565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614610e66576040516310ac496560e01b815233600482015260240161041e565b67ffffffffffffffff81165f818152602081905260408082208054600160b01b60ff60b01b199091161780825591519093660100000000000090920463ffffffff16927fbd4adf5b0782c041a26dd14388a14ac536036f89de2c6f7594dff9582d3b65ea91a35050565b81545f9063ffffffff62010000820481169166010000000000009004161580610f0157508354600160b01b900460ff165b80610f41575063ffffffff811615801590610f4157508354610f31908290600160501b900463ffffffff166116b6565b63ffffffff168363ffffffff1610155b15610f4f575f9150506110db565b600284015f5b81548110156110d3575f828281548110610f7157610f71611606565b5f91825260209091200154604051639cfa750f60e01b815267ffffffffffffffff8a1660048201526001600160a01b039182166024820181905292507f000000000000000000000000000000000000000000000000000000000000000090911690639cfa750f90604401602060405180830381865afa158015610ff6573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061101a919061161a565b15806110b9575060405163bd2e6ac360e01b815267ffffffffffffffff891660048201526001600160a01b0382811660248301527f0000000000000000000000000000000000000000000000000000000000000000169063bd2e6ac390604401602060405180830381865afa158015611095573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906110b9919061161a565b156110ca575f9450505050506110db565b50600101610f55565b506001925050505b9392505050565b828054828255905f5260205f20908101928215611142579160200282015b82811115611142578251825473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b03909116178255602090920191600190910190611100565b5061114e929150611152565b5090565b5b8082111561114e575f8155600101611153565b67ffffffffffffffff8116811461117b575f5ffd5b50565b5f6020828403121561118e575f5ffd5b81356110db81611166565b5f8151808452602084019350602083015f5b828110156111d25781516001600160a01b03168652602095860195909101906001016111ab565b5093949350505050565b6020815261ffff825116602082015263ffffffff60208301511660408201525f6040830151611213606084018263ffffffff169052565b50606083015163ffffffff8116608084015250608083015167ffffffffffffffff811660a08401525060a083015180151560c08401525060c083015160e083015260e08301516101008084015261057c610120840182611199565b61ffff8116811461117b575f5ffd5b63ffffffff8116811461117b575f5ffd5b5f5f5f606084860312156112a0575f5ffd5b83356112ab81611166565b925060208401356112bb8161126e565b915060408401356112cb8161127d565b809150509250925092565b5f5f604083850312156112e7575f5ffd5b82356112f281611166565b915060208301356113028161127d565b809150509250929050565b634e487b7160e01b5f52604160045260245ffd5b604051610260810167ffffffffffffffff811182821017156113455761134561130d565b60405290565b604051601f8201601f1916810167ffffffffffffffff811182821017156113745761137461130d565b604052919050565b80516001600160a01b0381168114611392575f5ffd5b919050565b80516113928161127d565b80516113928161126e565b80518015158114611392575f5ffd5b805161139281611166565b5f6102608284031280156113d9575f5ffd5b506113e2611321565b6113eb8361137c565b81526113f960208401611397565b602082015261140a60408401611397565b604082015261141b60608401611397565b606082015261142c6080840161137c565b608082015261143d60a08401611397565b60a082015261144e60c08401611397565b60c082015261145f60e084016113a2565b60e082015261147161010084016113ad565b61010082015261148461012084016113ad565b6101208201526101408381015190820152610160808401519082015261018080840151908201526101a080840151908201526101c080840151908201526101e080840151908201526114d961020084016113bc565b6102008201526114ec61022084016113bc565b6102208201526114ff61024084016113bc565b6102408201529392505050565b634e487b7160e01b5f52601160045260245ffd5b5f63ffffffff821663ffffffff810361153b5761153b61150c565b60010192915050565b8181038181111561022b5761022b61150c565b5f60208284031215611567575f5ffd5b815167ffffffffffffffff81111561157d575f5ffd5b8201601f8101841361158d575f5ffd5b805167ffffffffffffffff8111156115a7576115a761130d565b8060051b6115b76020820161134b565b918252602081840181019290810190878411156115d2575f5ffd5b6020850194505b838510156115fb576115ea8561137c565b8252602094850194909101906115d9565b979650505050505050565b634e487b7160e01b5f52603260045260245ffd5b5f6020828403121561162a575f5ffd5b6110db826113ad565b5f600182016116445761164461150c565b5060010190565b5f816116595761165961150c565b505f190190565b5f60408201848352604060208401528084518083526060850191506020860192505f5b818110156116aa5783516001600160a01b0316835260209384019390920191600101611683565b50909695505050505050565b63ffffffff818116838216019081111561022b5761022b61150c56fea264697066735822122006ec23aff8da80d93c951c3cbb3ad2d74cde3a8786252fa5e5285e57f274ce3464736f6c634300081c0033",
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
// Solidity: function getCommittee(uint64 studyId) view returns((uint16,uint32,uint32,uint32,uint64,bool,bytes32,address[]))
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
// Solidity: function getCommittee(uint64 studyId) view returns((uint16,uint32,uint32,uint32,uint64,bool,bytes32,address[]))
func (committees *Committees) TryPackGetCommittee(studyId uint64) ([]byte, error) {
	return committees.abi.Pack("getCommittee", studyId)
}

// UnpackGetCommittee is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c5b53c5.
//
// Solidity: function getCommittee(uint64 studyId) view returns((uint16,uint32,uint32,uint32,uint64,bool,bytes32,address[]))
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
// the contract method with ID 0xb153805c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function selectCommittee(uint64 studyId) returns()
func (committees *Committees) PackSelectCommittee(studyId uint64) []byte {
	enc, err := committees.abi.Pack("selectCommittee", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSelectCommittee is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb153805c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function selectCommittee(uint64 studyId) returns()
func (committees *Committees) TryPackSelectCommittee(studyId uint64) ([]byte, error) {
	return committees.abi.Pack("selectCommittee", studyId)
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
	if bytes.Equal(raw[:4], committees.abi.Errors["NotAuthorised"].ID.Bytes()[:4]) {
		return committees.UnpackNotAuthorisedError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["RoundStillOpen"].ID.Bytes()[:4]) {
		return committees.UnpackRoundStillOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], committees.abi.Errors["TooFewParticipants"].ID.Bytes()[:4]) {
		return committees.UnpackTooFewParticipantsError(raw[4:])
	}
	return nil, errors.New("Unknown error")
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
