/* Entry for bare-metal guests: stack, BSS, exception vectors, then main(a0..a3). */
#include "regdef.h"
    .set noreorder
    .section .text.start, "ax"
    .globl _start
_start:
    dla     t0, boot_regs           /* keep what the boot stub passed */
    sd      a0, 0(t0)
    sd      a1, 8(t0)
    sd      a2, 16(t0)
    sd      a3, 24(t0)
    sd      sp, 32(t0)
    mfc0    t1, $12
    sd      t1, 40(t0)
    dla     sp, stack_top
    dla     t0, __bss_start
    dla     t1, __end
1:  beq     t0, t1, 2f
    nop
    sd      zero, 0(t0)
    b       1b
    daddiu  t0, t0, 8
2:  jal     install_vectors
    nop
    dla     t0, boot_regs
    ld      a0, 0(t0)
    ld      a1, 8(t0)
    ld      a2, 16(t0)
    jal     main
    ld      a3, 24(t0)
    jal     guest_exit
    move    a0, v0
3:  b       3b
    nop

/* Vector stubs copied to EBase + 0x000 / 0x080 / 0x180 / 0x200: note which vector in k1, then
   jump to the common handler. Each stub is 8 instructions. */
    .globl vector_stubs
vector_stubs:
    .set noat                       /* nothing may touch $at before it is saved */
    .irp off, 0x000, 0x080, 0x180, 0x200
    lui     k0, %hi(exc_entry)
    daddiu  k0, k0, %lo(exc_entry)
    jr      k0
    ori     k1, zero, \off
    nop
    nop
    nop
    nop
    .endr
    .set at

/* Save every register into a frame, call handle_exception(frame), restore, eret. */
exc_entry:
    .set noat
    lui     k0, %hi(exc_frame)
    daddiu  k0, k0, %lo(exc_frame)
    sd      $1, 8(k0)
    sd      $2, 16(k0)
    sd      $3, 24(k0)
    sd      $4, 32(k0)
    sd      $5, 40(k0)
    sd      $6, 48(k0)
    sd      $7, 56(k0)
    sd      $8, 64(k0)
    sd      $9, 72(k0)
    sd      $10, 80(k0)
    sd      $11, 88(k0)
    sd      $12, 96(k0)
    sd      $13, 104(k0)
    sd      $14, 112(k0)
    sd      $15, 120(k0)
    sd      $16, 128(k0)
    sd      $17, 136(k0)
    sd      $18, 144(k0)
    sd      $19, 152(k0)
    sd      $20, 160(k0)
    sd      $21, 168(k0)
    sd      $22, 176(k0)
    sd      $23, 184(k0)
    sd      $24, 192(k0)
    sd      $25, 200(k0)
    sd      $28, 224(k0)
    sd      $29, 232(k0)
    sd      $30, 240(k0)
    sd      $31, 248(k0)
    sd      $27, 216(k0)            /* k1: the vector offset */
    mfhi    t0
    sd      t0, 256(k0)
    mflo    t0
    sd      t0, 264(k0)
    move    a0, k0
    dla     sp, exc_stack_top
    jal     handle_exception
    nop
    dla     k0, exc_frame
    ld      t0, 256(k0)
    mthi    t0
    ld      t0, 264(k0)
    mtlo    t0
    ld      $1, 8(k0)
    ld      $2, 16(k0)
    ld      $3, 24(k0)
    ld      $4, 32(k0)
    ld      $5, 40(k0)
    ld      $6, 48(k0)
    ld      $7, 56(k0)
    ld      $8, 64(k0)
    ld      $9, 72(k0)
    ld      $10, 80(k0)
    ld      $11, 88(k0)
    ld      $12, 96(k0)
    ld      $13, 104(k0)
    ld      $14, 112(k0)
    ld      $15, 120(k0)
    ld      $16, 128(k0)
    ld      $17, 136(k0)
    ld      $18, 144(k0)
    ld      $19, 152(k0)
    ld      $20, 160(k0)
    ld      $21, 168(k0)
    ld      $22, 176(k0)
    ld      $23, 184(k0)
    ld      $24, 192(k0)
    ld      $25, 200(k0)
    ld      $28, 224(k0)
    ld      $29, 232(k0)
    ld      $30, 240(k0)
    ld      $31, 248(k0)
    eret
    nop
    .set at

    .data                           /* not .bss: written before the BSS is cleared */
    .align 4
    .globl boot_regs
boot_regs:  .space 64
    .bss
    .align 4
    .globl exc_frame
exc_frame:  .space 512
    .space 16384
exc_stack_top:
    .space 65536
stack_top:
