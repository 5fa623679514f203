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
