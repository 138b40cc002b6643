/* LASX on -cpu Loongson-3A4000. QEMU has no LASX, so lasx.expected is written by hand from the
 * encodings Linux's Loongson asmmacro.h uses to save and restore LASX (xvst_b/xvld_b: whole
 * 256-bit registers; xinsert_d/xvcopy_s_d: INSERT.D and COPY_S.D with elements 2 and 3 in the
 * upper half) and loongson_regs.h's CPUCFG: configuration words; MSA Disabled without
 * Config5.MSAEn; round trips through memory; a 128-bit MSA instruction keeps bits 255:128; a
 * faulting XVLD leaves its register whole. */
#include "guest.h"

#define ST_CU1 (1u << 29)
#define ST_FR  (1u << 26)

#define INSERT_D(wd, n)  ".word 0x79380019 | (" #n " << 16) | (12 << 11) | (" #wd " << 6)\n\t" /* insert.d $wd[n], $t0 */
#define COPY_S_D(ws, n)  ".word 0x78b80019 | (" #n " << 16) | (" #ws " << 11) | (13 << 6)\n\t" /* copy_s.d $t1, $ws[n] */
#define XVLD(wd, off)    ".word 0xc8000019 | ((" #off " & 0x3ff) << 16) | (12 << 11) | (" #wd " << 6)\n\t" /* xvld $wd, off($t0) */
#define XVST(wd, off)    ".word 0xe8000019 | ((" #off " & 0x3ff) << 16) | (12 << 11) | (" #wd " << 6)\n\t" /* xvst $wd, off($t0) */

static uint64_t pattern[4] = { 0x0706050403020100UL, 0x0f0e0d0c0b0a0908UL, 0x1716151413121110UL, 0x1f1e1d1c1b1a1918UL };
static uint64_t buf[8];

static uint64_t cpucfg(uint64_t sel)
{
    uint64_t v;
    __asm__ volatile("move $12, %1\n\t.word 0xc8080118 | (12 << 21) | (13 << 11)\n\tmove %0, $13" : "=r"(v) : "r"(sel) : "$12", "$13");
    return v;
}

/* the four doublewords of $w6 through COPY_S.D */
static void show_w6(const char *what)
{
    uint64_t e[4];
    __asm__ volatile(".set push\n\t.set msa\n\t" COPY_S_D(6, 0) "sd $13, 0(%0)\n\t" COPY_S_D(6, 1) "sd $13, 8(%0)\n\t"
                     COPY_S_D(6, 2) "sd $13, 16(%0)\n\t" COPY_S_D(6, 3) "sd $13, 24(%0)\n\t.set pop" : : "r"(e) : "$13", "memory");
    printf("%s: %lx %lx %lx %lx\n", what, e[0], e[1], e[2], e[3]);
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    install_vectors();
    printf("cpucfg0 %lx cpucfg1 %lx cpucfg5 %lx\n", cpucfg(0), cpucfg(1), cpucfg(5));
    MTC0(12, 0, MFC0(12, 0) | ST_CU1 | ST_FR);
    __asm__ volatile("move $12, %0\n\t" XVLD(6, 0) : : "r"(pattern) : "$12");
    printf("msaen clear: exc %s count %d\n", exc_name(last_exc.code), last_exc.count);
    MTC0(16, 5, MFC0(16, 5) | (1u << 27));

    /* xinsert_d into the upper half of $w5, xvst_b to memory */
    __asm__ volatile(".set push\n\t.set msa\n\tldi.d $w5, -2\n\tmove $12, %1\n\t" INSERT_D(5, 2)
                     "move $12, %2\n\t" INSERT_D(5, 3) "move $12, %0\n\t" XVST(5, 0) ".set pop"
                     : : "r"(buf), "r"(0x1111222233334444UL), "r"(0x5555666677778888UL) : "$12", "memory");
    printf("xvst: %lx %lx %lx %lx\n", buf[0], buf[1], buf[2], buf[3]);

    /* xvld_b back, at an offset, and a 128-bit MSA instruction on top */
    __asm__ volatile("move $12, %0\n\t" XVLD(6, 0) : : "r"(pattern) : "$12");
    show_w6("xvld");
    __asm__ volatile("move $12, %0\n\t" XVLD(6, 32) : : "r"((uintptr_t)buf - 32) : "$12");
    show_w6("xvld +32");
    __asm__ volatile(".set push\n\t.set msa\n\taddv.d $w6, $w6, $w6\n\t.set pop");
    show_w6("addv.d");
    __asm__ volatile("move $12, %0\n\t" XVST(6, -16) : : "r"(buf + 6) : "$12", "memory");
    printf("xvst -16: %lx %lx %lx %lx\n", buf[4], buf[5], buf[6], buf[7]);

    /* a faulting XVLD (unmapped user address): the exception, and $w6 unchanged */
    last_exc.count = 0;
    __asm__ volatile("li $12, 0x10000\n\t" XVLD(6, 0) : : : "$12");
    printf("fault: exc %s count %d\n", exc_name(last_exc.code), last_exc.count);
    show_w6("kept");
    guest_exit(0);
}
