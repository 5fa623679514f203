//go:build !purego

#include "textflag.h"

// One term of acc4: DX:AX = w·x[c], added to the 128-bit (R13, R12); CX is
// the largest x seen.
#define TERM(x, w) \
	MOVQ    (x)(BX*8), DX \
	CMPQ    DX, CX        \
	CMOVQHI DX, CX        \
	MOVQ    w, AX         \
	MULQ    DX            \
	ADDQ    AX, R12       \
	ADCQ    DX, R13

// func acc4asm(lo, hi, x0, x1, x2, x3 *uint64, n int, w0, w1, w2, w3 uint64) (m uint64)
TEXT ·acc4asm(SB), NOSPLIT, $0-96
	XORQ CX, CX
	MOVQ n+48(FP), BX
	TESTQ BX, BX
	JLE  done
	MOVQ lo+0(FP), DI
	MOVQ hi+8(FP), SI
	MOVQ x0+16(FP), R8
	MOVQ x1+24(FP), R9
	MOVQ x2+32(FP), R10
	MOVQ x3+40(FP), R11

	// Point past the ends and count BX from -n up to zero.
	LEAQ (DI)(BX*8), DI
	LEAQ (SI)(BX*8), SI
	LEAQ (R8)(BX*8), R8
	LEAQ (R9)(BX*8), R9
	LEAQ (R10)(BX*8), R10
	LEAQ (R11)(BX*8), R11
	NEGQ BX

loop:
	MOVQ (DI)(BX*8), R12
	MOVQ (SI)(BX*8), R13
	TERM(R8, w0+56(FP))
	TERM(R9, w1+64(FP))
	TERM(R10, w2+72(FP))
	TERM(R11, w3+80(FP))
	MOVQ R12, (DI)(BX*8)
	MOVQ R13, (SI)(BX*8)
	INCQ BX
	JNZ  loop

done:
	MOVQ CX, m+88(FP)
	RET

// Adds the 128-bit value H·2^52 + L of lane group (L, H) to the words at
// off(DI)(BX*1) (low) and off(SI)(BX*1) (high). Z14 holds ones; Z15-Z17
// are scratch.
#define COMBINE(L, H, off) \
	VPSLLQ    $52, H, Z15              \
	VPSRLQ    $12, H, Z16              \
	VPADDQ    Z15, L, Z15              \
	VPCMPUQ   $1, L, Z15, K1           \
	VPADDQ    Z14, Z16, K1, Z16        \
	VMOVDQU64 off(DI)(BX*1), Z17       \
	VPADDQ    Z17, Z15, Z15            \
	VPCMPUQ   $1, Z17, Z15, K2         \
	VPADDQ    Z14, Z16, K2, Z16        \
	VMOVDQU64 Z15, off(DI)(BX*1)       \
	VMOVDQU64 off(SI)(BX*1), Z17       \
	VPADDQ    Z17, Z16, Z16            \
	VMOVDQU64 Z16, off(SI)(BX*1)

// One row's contribution to 32 coefficients: x at off(R13)(BX*1) times the
// broadcast weight Z12, low and high 52-bit halves into Z0-Z3 and Z4-Z7;
// Z13 keeps the lane-wise largest x.
#define ROW \
	VMOVDQU64   (R13)(BX*1), Z8    \
	VMOVDQU64   64(R13)(BX*1), Z9  \
	VMOVDQU64   128(R13)(BX*1), Z10 \
	VMOVDQU64   192(R13)(BX*1), Z11 \
	VPMAXUQ     Z8, Z13, Z13       \
	VPMAXUQ     Z9, Z13, Z13       \
	VPMAXUQ     Z10, Z13, Z13      \
	VPMAXUQ     Z11, Z13, Z13      \
	VPMADD52LUQ Z8, Z12, Z0        \
	VPMADD52HUQ Z8, Z12, Z4        \
	VPMADD52LUQ Z9, Z12, Z1        \
	VPMADD52HUQ Z9, Z12, Z5        \
	VPMADD52LUQ Z10, Z12, Z2       \
	VPMADD52HUQ Z10, Z12, Z6       \
	VPMADD52LUQ Z11, Z12, Z3       \
	VPMADD52HUQ Z11, Z12, Z7

// func accIFMAasm(lo, hi *uint64, n int, rows **uint64, nrows int, w *uint64, m *[8]uint64)
TEXT ·accIFMAasm(SB), NOSPLIT, $0-56
	MOVQ lo+0(FP), DI
	MOVQ hi+8(FP), SI
	MOVQ n+16(FP), CX
	SHLQ $3, CX
	MOVQ rows+24(FP), R8
	MOVQ nrows+32(FP), R9
	MOVQ w+40(FP), R10
	MOVQ m+48(FP), R11
	VPXORQ Z13, Z13, Z13
	MOVQ $1, AX
	VPBROADCASTQ AX, Z14
	XORQ BX, BX
	TESTQ CX, CX
	JEQ  done
	TESTQ R9, R9
	JEQ  done

chunk:
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	XORQ R12, R12

row:
	MOVQ (R8)(R12*8), R13
	VPBROADCASTQ (R10)(R12*8), Z12
	ROW
	INCQ R12
	CMPQ R12, R9
	JLT  row

	COMBINE(Z0, Z4, 0)
	COMBINE(Z1, Z5, 64)
	COMBINE(Z2, Z6, 128)
	COMBINE(Z3, Z7, 192)
	ADDQ $256, BX
	CMPQ BX, CX
	JLT  chunk

done:
	VMOVDQU64 Z13, (R11)
	VZEROUPPER
	RET
