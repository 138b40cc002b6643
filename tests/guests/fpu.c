/* The FPU (COP1, COP1X) against QEMU's -cpu MIPS64R2-generic: every arithmetic operation, each
 * conversion and comparison on operands chosen for their edges (zeros, subnormals, the largest
 * values, infinities, quiet and signalling NaNs in the legacy encoding, inexact fractions) in all
 * four rounding modes, printing result bits and FCSR; then the exceptions (Coprocessor Unusable,
 * enabled IEEE exceptions raising FPE with the result not written), CTC1/CFC1 registers, the
 * FR = 0 register pairs, condition codes and branches, indexed loads and stores.
 * Built hard-float (Makefile); numbers are printed as bits, the guest has no printf for floats. */
#include "guest.h"

#define ST_CU1 (1u << 29)
#define ST_FR  (1u << 26)

static uint32_t fcsr(void) { uint32_t v; __asm__ volatile("cfc1 %0, $31" : "=r"(v)); return v; }
static void set_fcsr(uint32_t v) { __asm__ volatile("ctc1 %0, $31" : : "r"(v)); }

#define OP3(insn, mv, mf, a, b) ({ uint64_t __r; __asm__ volatile(mv " %1, $f0\n\t" mv " %2, $f2\n\t" insn " $f4, $f0, $f2\n\t" mf " %0, $f4" \
    : "=r"(__r) : "r"(a), "r"(b) : "$f0", "$f2", "$f4", "memory"); __r; })
#define OP2(insn, mv, mf, a) ({ uint64_t __r; __asm__ volatile(mv " %1, $f0\n\t" insn " $f4, $f0\n\t" mf " %0, $f4" \
    : "=r"(__r) : "r"(a) : "$f0", "$f4", "memory"); __r; })
#define OP4(insn, mv, mf, a, b, c) ({ uint64_t __r; __asm__ volatile(mv " %1, $f0\n\t" mv " %2, $f2\n\t" mv " %3, $f6\n\t" \
    insn " $f4, $f6, $f0, $f2\n\t" mf " %0, $f4" : "=r"(__r) : "r"(a), "r"(b), "r"(c) : "$f0", "$f2", "$f4", "$f6", "memory"); __r; })

static const uint64_t dv[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xc004000000000000, /* 0 -0 1 -2.5 */
    0x3fb999999999999a, 0x4008000000000000, 0x7fefffffffffffff, 0x0010000000000000, /* 0.1 3 max minnormal */
    0x000fffffffffffff, 0x0000000000000001, 0x7ff0000000000000, 0xfff0000000000000, /* subnormals, +-inf */
    0x7ff7ffffffffffff, 0x7ff8000000000000, 0x3ff0000000000001, 0xc340000000000001, /* qNaN sNaN (legacy), 1+ulp, -2^53-2 */
};
static const uint32_t sv[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xc0200000, 0x3dcccccd, 0x40400000, 0x7f7fffff, 0x00800000,
    0x007fffff, 0x00000001, 0x7f800000, 0xff800000, 0x7fbfffff, 0x7fc00000, 0x3f800001, 0xcb000001,
};
#define N 16

static void line_start(const char *name, int i, int j) { printf("%s %d %d:", name, i, j); }

#define BIN_D(name, insn) static void name(void) { for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { \
    line_start(insn, i, j); for (int rm = 0; rm < 4; rm++) { set_fcsr(rm); uint64_t r = OP3(insn, "dmtc1", "dmfc1", dv[i], dv[j]); \
    printf(" %lx/%x", r, fcsr()); } printf("\n"); } }
#define BIN_S(name, insn) static void name(void) { for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { \
    line_start(insn, i, j); for (int rm = 0; rm < 4; rm++) { set_fcsr(rm); uint32_t r = (uint32_t)OP3(insn, "mtc1", "mfc1", sv[i], sv[j]); \
    printf(" %x/%x", r, fcsr()); } printf("\n"); } }
#define UN_D(name, insn, mf) static void name(void) { for (int i = 0; i < N; i++) { \
    line_start(insn, i, 0); for (int rm = 0; rm < 4; rm++) { set_fcsr(rm); uint64_t r = OP2(insn, "dmtc1", mf, dv[i]); \
    printf(" %lx/%x", r, fcsr()); } printf("\n"); } }
#define UN_S(name, insn, mf) static void name(void) { for (int i = 0; i < N; i++) { \
    line_start(insn, i, 0); for (int rm = 0; rm < 4; rm++) { set_fcsr(rm); uint64_t r = OP2(insn, "mtc1", mf, sv[i]); \
    printf(" %lx/%x", r, fcsr()); } printf("\n"); } }

BIN_D(add_d, "add.d") BIN_D(sub_d, "sub.d") BIN_D(mul_d, "mul.d") BIN_D(div_d, "div.d")
BIN_S(add_s, "add.s") BIN_S(sub_s, "sub.s") BIN_S(mul_s, "mul.s") BIN_S(div_s, "div.s")
UN_D(sqrt_d, "sqrt.d", "dmfc1") UN_D(abs_d, "abs.d", "dmfc1") UN_D(neg_d, "neg.d", "dmfc1") UN_D(recip_d, "recip.d", "dmfc1")
UN_D(rsqrt_d, "rsqrt.d", "dmfc1") UN_D(cvt_s_d, "cvt.s.d", "mfc1") UN_D(cvt_w_d, "cvt.w.d", "mfc1") UN_D(cvt_l_d, "cvt.l.d", "dmfc1")
UN_D(round_w_d, "round.w.d", "mfc1") UN_D(trunc_w_d, "trunc.w.d", "mfc1") UN_D(ceil_w_d, "ceil.w.d", "mfc1") UN_D(floor_w_d, "floor.w.d", "mfc1")
UN_D(round_l_d, "round.l.d", "dmfc1") UN_D(trunc_l_d, "trunc.l.d", "dmfc1") UN_D(ceil_l_d, "ceil.l.d", "dmfc1") UN_D(floor_l_d, "floor.l.d", "dmfc1")
UN_D(cvt_d_l, "cvt.d.l", "dmfc1") UN_D(cvt_s_l, "cvt.s.l", "mfc1")
UN_S(sqrt_s, "sqrt.s", "mfc1") UN_S(abs_s, "abs.s", "mfc1") UN_S(neg_s, "neg.s", "mfc1") UN_S(recip_s, "recip.s", "mfc1")
UN_S(rsqrt_s, "rsqrt.s", "mfc1") UN_S(cvt_d_s, "cvt.d.s", "dmfc1") UN_S(cvt_w_s, "cvt.w.s", "mfc1") UN_S(cvt_l_s, "cvt.l.s", "dmfc1")
UN_S(round_w_s, "round.w.s", "mfc1") UN_S(trunc_w_s, "trunc.w.s", "mfc1") UN_S(ceil_w_s, "ceil.w.s", "mfc1") UN_S(floor_w_s, "floor.w.s", "mfc1")
UN_S(cvt_d_w, "cvt.d.w", "dmfc1") UN_S(cvt_s_w, "cvt.s.w", "mfc1")

static void madd(void)
{
    static const int pick[] = { 2, 3, 4, 5, 6, 9, 10, 12, 13 };
    for (int a = 0; a < 9; a++) for (int b = 0; b < 9; b++) for (int c = 0; c < 9; c += 2) {
        int i = pick[a], j = pick[b], k = pick[c];
        printf("madd %d %d %d:", i, j, k);
        for (int rm = 0; rm < 4; rm += 3) {
            set_fcsr(rm);
            uint64_t r1 = OP4("madd.d", "dmtc1", "dmfc1", dv[i], dv[j], dv[k]); uint32_t f1 = fcsr(); set_fcsr(rm);
            uint64_t r2 = OP4("nmsub.d", "dmtc1", "dmfc1", dv[i], dv[j], dv[k]); uint32_t f2 = fcsr(); set_fcsr(rm);
            uint64_t r3 = OP4("msub.s", "mtc1", "mfc1", sv[i], sv[j], sv[k]); uint32_t f3 = fcsr(); set_fcsr(rm);
            uint64_t r4 = OP4("nmadd.s", "mtc1", "mfc1", sv[i], sv[j], sv[k]); uint32_t f4 = fcsr();
            printf(" %lx/%x %lx/%x %x/%x %x/%x", r1, f1, r2, f2, (uint32_t)r3, f3, (uint32_t)r4, f4);
        }
        printf("\n");
    }
}

/* All 16 conditions of C.cond.D and C.cond.S into condition codes 0 and 5, read back with CFC1 25 and branches. */
#define CMP(fmt, mv, cond) do { uint32_t cc; int taken; set_fcsr(0); \
    __asm__ volatile(mv " %2, $f0\n\t" mv " %3, $f2\n\tc." cond "." fmt " $fcc5, $f0, $f2\n\tc." cond "." fmt " $f0, $f2\n\t" \
                     "li %1, 0\n\tbc1t $fcc5, 1f\n\tnop\n\tli %1, 1\n1:\n\tcfc1 %0, $25" \
                     : "=r"(cc), "=&r"(taken) : "r"(a), "r"(b) : "$f0", "$f2", "memory"); \
    printf(" %x:%x:%d", cc, fcsr(), taken); } while (0)

static void compares(void)
{
    static const int pick[] = { 0, 1, 2, 3, 7, 10, 11, 12, 13 };
    for (int x = 0; x < 9; x++) for (int y = 0; y < 9; y++) {
        int i = pick[x], j = pick[y];
        uint64_t a = dv[i], b = dv[j];
        printf("c.d %d %d:", i, j);
        CMP("d", "dmtc1", "f"); CMP("d", "dmtc1", "un"); CMP("d", "dmtc1", "eq"); CMP("d", "dmtc1", "ueq");
        CMP("d", "dmtc1", "olt"); CMP("d", "dmtc1", "ult"); CMP("d", "dmtc1", "ole"); CMP("d", "dmtc1", "ule");
        CMP("d", "dmtc1", "sf"); CMP("d", "dmtc1", "ngle"); CMP("d", "dmtc1", "seq"); CMP("d", "dmtc1", "ngl");
        CMP("d", "dmtc1", "lt"); CMP("d", "dmtc1", "nge"); CMP("d", "dmtc1", "le"); CMP("d", "dmtc1", "ngt");
        printf("\n");
        a = sv[i]; b = sv[j];
        printf("c.s %d %d:", i, j);
        CMP("s", "mtc1", "f"); CMP("s", "mtc1", "un"); CMP("s", "mtc1", "eq"); CMP("s", "mtc1", "ueq");
        CMP("s", "mtc1", "olt"); CMP("s", "mtc1", "ult"); CMP("s", "mtc1", "ole"); CMP("s", "mtc1", "ule");
        CMP("s", "mtc1", "sf"); CMP("s", "mtc1", "ngle"); CMP("s", "mtc1", "seq"); CMP("s", "mtc1", "ngl");
        CMP("s", "mtc1", "lt"); CMP("s", "mtc1", "nge"); CMP("s", "mtc1", "le"); CMP("s", "mtc1", "ngt");
        printf("\n");
    }
}

static void exceptions(void)
{
    /* enabled Invalid: sNaN + 1 raises FPE, $f4 keeps its value, Cause.V shows in FCSR */
    set_fcsr(0x800);
    uint64_t before = 0x1234, r;
    __asm__ volatile("dmtc1 %1, $f4\n\tdmtc1 %2, $f0\n\tdmtc1 %3, $f2\n\tadd.d $f4, $f0, $f2\n\tdmfc1 %0, $f4"
                     : "=r"(r) : "r"(before), "r"(dv[13]), "r"(dv[2]) : "$f0", "$f2", "$f4", "memory");
    printf("fpe invalid: exc %s count %d fcsr %x f4 %lx\n", exc_name(last_exc.code), last_exc.count, fcsr(), r);
    /* enabled divide by zero and inexact */
    set_fcsr(0x400);
    r = OP3("div.d", "dmtc1", "dmfc1", dv[2], dv[0]);
    printf("fpe divzero: exc %s count %d fcsr %x\n", exc_name(last_exc.code), last_exc.count, fcsr());
    set_fcsr(0x80);
    r = OP3("div.s", "mtc1", "mfc1", sv[2], sv[5]);
    printf("fpe inexact: exc %s count %d fcsr %x\n", exc_name(last_exc.code), last_exc.count, fcsr());
    /* writing a cause that is enabled raises at once (and the write stays) */
    set_fcsr(0);
    __asm__ volatile("ctc1 %0, $31" : : "r"(0x00010800u));
    printf("ctc1 cause: exc %s count %d fcsr %x\n", exc_name(last_exc.code), last_exc.count, fcsr());
    set_fcsr(0);
    /* the control registers: FIR, FCCR, FEXR, FENR */
    uint32_t fir, fccr, fexr, fenr;
    __asm__ volatile("cfc1 %0, $0" : "=r"(fir));
    set_fcsr(0xfe83f07f);
    __asm__ volatile("cfc1 %0, $25\n\tcfc1 %1, $26\n\tcfc1 %2, $28" : "=r"(fccr), "=r"(fexr), "=r"(fenr));
    printf("fir %x fcsr %x fccr %x fexr %x fenr %x\n", fir, fcsr(), fccr, fexr, fenr);
    __asm__ volatile("ctc1 %0, $25" : : "r"(0x5au));
    __asm__ volatile("ctc1 %0, $28" : : "r"(0x0f86u));
    __asm__ volatile("ctc1 %0, $26" : : "r"(0x0u));
    printf("after ctc1 25/28/26: fcsr %x\n", fcsr());
    set_fcsr(0);
}

static void registers(void)
{
    /* FR = 1: 32 64-bit registers; MTC1 keeps the high word, MTHC1/MFHC1 reach it */
    uint64_t a, b; uint32_t h;
    __asm__ volatile("dmtc1 %2, $f3\n\tmtc1 %3, $f3\n\tdmfc1 %0, $f3\n\tmthc1 %3, $f3\n\tmfhc1 %1, $f3"
                     : "=r"(a), "=r"(h) : "r"(0x1122334455667788UL), "r"(0xaabbccddu) : "$f3", "memory");
    printf("fr1: %lx %x\n", a, h);
    /* FR = 0: a double is an even/odd pair */
    MTC0(12, 0, MFC0(12, 0) & ~ST_FR);
    __asm__ volatile("mtc1 %2, $f0\n\tmtc1 %3, $f1\n\tdmfc1 %0, $f0\n\tmfhc1 %1, $f0"
                     : "=r"(b), "=r"(h) : "r"(0x55667788u), "r"(0x3ff00000u) : "$f0", "$f1", "memory");
    uint32_t lo, hi;
    __asm__ volatile("add.d $f2, $f0, $f0\n\tmfc1 %0, $f2\n\tmfc1 %1, $f3" : "=r"(lo), "=r"(hi) : : "$f2", "$f3", "memory");
    printf("fr0: %lx %x sum %x %x\n", b, h, hi, lo);
    int before = last_exc.count;
    __asm__ volatile("add.d $f2, $f1, $f0" : : : "$f2", "memory"); /* an odd double register: RI with FR = 0 */
    printf("fr0 odd: exc %s %d\n", exc_name(last_exc.code), last_exc.count - before);
    MTC0(12, 0, MFC0(12, 0) | ST_FR);
    /* indexed loads and stores */
    static uint64_t mem[4] = { 0x4000000000000000, 0x3ff8000000000000, 0, 0 };
    uint64_t base = (uint64_t)mem, r1, r2;
    __asm__ volatile("li $t0, 8\n\tldxc1 $f0, $t0(%2)\n\tli $t1, 16\n\tsdxc1 $f0, $t1(%2)\n\tli $t0, 4\n\tlwxc1 $f2, $t0(%2)\n\t"
                     "li $t1, 24\n\tswxc1 $f2, $t1(%2)\n\tli $t0, 13\n\tluxc1 $f4, $t0(%2)\n\tdmfc1 %0, $f4\n\tld %1, 24(%2)"
                     : "=r"(r1), "=r"(r2) : "r"(base) : "$t0", "$t1", "$f0", "$f2", "$f4", "memory");
    printf("indexed: %lx %lx %lx\n", mem[2], r1, r2);
    /* MOVF/MOVT and MOVZ/MOVN */
    uint64_t g = 0, f;
    set_fcsr(1u << 23);
    __asm__ volatile("li %0, 7\n\tli $t0, 9\n\tmovt %0, $t0, $fcc0\n\tmovf %0, $zero, $fcc0" : "+r"(g) : : "$t0");
    __asm__ volatile("dmtc1 %1, $f0\n\tdmtc1 %2, $f2\n\tmovt.d $f2, $f0, $fcc0\n\tli $t0, 0\n\tmovn.d $f2, $f4, $t0\n\tdmfc1 %0, $f2"
                     : "=r"(f) : "r"(dv[2]), "r"(dv[5]) : "$t0", "$f0", "$f2", "$f4", "memory");
    printf("movcc: %lx %lx\n", g, f);
    set_fcsr(0);
}

static void unusable(void)
{
    MTC0(12, 0, MFC0(12, 0) & ~ST_CU1);
    int before = last_exc.count;
    __asm__ volatile("add.s $f0, $f0, $f0" : : : "$f0", "memory");
    printf("cu1 clear: exc %s ce %d count %d\n", exc_name(last_exc.code), (last_exc.cause >> 28) & 3, last_exc.count - before);
    MTC0(12, 0, MFC0(12, 0) | ST_CU1);
}

/* The paired-single format: both halves at once, pair moves, conversions, C.cond.PS into cc 2 and 3. */
static void paired(void)
{
    static const int pick[] = { 0, 2, 3, 4, 6, 9, 10, 12, 13 };
    for (int x = 0; x < 9; x++) for (int y = 0; y < 9; y++) {
        uint64_t a = (uint64_t)sv[pick[x]] << 32 | sv[pick[y]], b = (uint64_t)sv[pick[y]] << 32 | sv[pick[(x + 3) % 9]];
        printf("ps %d %d:", x, y);
        for (int rm = 0; rm < 4; rm++) {
            set_fcsr(rm); uint64_t r1 = OP3("add.ps", "dmtc1", "dmfc1", a, b); uint32_t f1 = fcsr();
            set_fcsr(rm); uint64_t r2 = OP3("mul.ps", "dmtc1", "dmfc1", a, b); uint32_t f2 = fcsr();
            set_fcsr(rm); uint64_t r3 = OP4("nmsub.ps", "dmtc1", "dmfc1", a, b, a); uint32_t f3 = fcsr();
            printf(" %lx/%x %lx/%x %lx/%x", r1, f1, r2, f2, r3, f3);
        }
        uint32_t cc;
        set_fcsr(0);
        __asm__ volatile("dmtc1 %1, $f0\n\tdmtc1 %2, $f2\n\tc.ult.ps $fcc2, $f0, $f2\n\tcfc1 %0, $25" : "=r"(cc) : "r"(a), "r"(b) : "$f0", "$f2", "memory");
        printf(" c %x/%x", cc, fcsr());
        uint64_t m;
        __asm__ volatile("dmtc1 %1, $f0\n\tdmtc1 %2, $f2\n\tmovt.ps $f2, $f0, $fcc2\n\tdmfc1 %0, $f2" : "=r"(m) : "r"(a), "r"(b) : "$f0", "$f2", "memory");
        printf(" m %lx\n", m);
    }
    uint64_t a = 0x3f800000c0200000UL, b = 0x4040000000800000UL, r[8];
    set_fcsr(0);
    __asm__ volatile("dmtc1 %8, $f0\n\tdmtc1 %9, $f2\n\t"
                     "pll.ps $f4, $f0, $f2\n\tdmfc1 %0, $f4\n\tplu.ps $f4, $f0, $f2\n\tdmfc1 %1, $f4\n\t"
                     "pul.ps $f4, $f0, $f2\n\tdmfc1 %2, $f4\n\tpuu.ps $f4, $f0, $f2\n\tdmfc1 %3, $f4\n\t"
                     "cvt.s.pu $f4, $f0\n\tmfc1 %4, $f4\n\tcvt.s.pl $f4, $f0\n\tmfc1 %5, $f4\n\t"
                     "cvt.ps.s $f4, $f0, $f2\n\tdmfc1 %6, $f4\n\tli $t0, 4\n\talnv.ps $f4, $f0, $f2, $t0\n\tdmfc1 %7, $f4"
                     : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
                     : "r"(a), "r"(b) : "$t0", "$f0", "$f2", "$f4", "memory");
    printf("ps moves: %lx %lx %lx %lx %lx %lx %lx %lx fcsr %x\n", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], fcsr());
}

/* The MIPS-3D ASE: reciprocal steps in S, D and PS, reductions, paired-word conversions, CABS, BC1ANY. */
#define M3D(insn, mv, mf, a, b) ({ uint64_t __r; __asm__ volatile(".set push\n\t.set mips3d\n\t" mv " %1, $f0\n\t" mv " %2, $f2\n\t" \
    insn " $f4, $f0, $f2\n\t" mf " %0, $f4\n\t.set pop" : "=r"(__r) : "r"(a), "r"(b) : "$f0", "$f2", "$f4", "memory"); __r; })
#define M3D1(insn, mv, mf, a) ({ uint64_t __r; __asm__ volatile(".set push\n\t.set mips3d\n\t" mv " %1, $f0\n\t" \
    insn " $f4, $f0\n\t" mf " %0, $f4\n\t.set pop" : "=r"(__r) : "r"(a) : "$f0", "$f4", "memory"); __r; })

static void mips3d(void)
{
    static const int pick[] = { 0, 2, 3, 4, 6, 8, 10, 12, 13 };
    for (int x = 0; x < 9; x++) for (int y = 0; y < 9; y += 2) {
        int i = pick[x], j = pick[y];
        uint64_t pa = (uint64_t)sv[i] << 32 | sv[j], pb = (uint64_t)sv[j] << 32 | sv[pick[(x + 4) % 9]];
        printf("m3d %d %d:", i, j);
        for (int rm = 0; rm < 4; rm += 3) {
            uint64_t r[10]; uint32_t f[10];
            set_fcsr(rm); r[0] = M3D("recip2.d", "dmtc1", "dmfc1", dv[i], dv[j]); f[0] = fcsr();
            set_fcsr(rm); r[1] = M3D("rsqrt2.s", "mtc1", "mfc1", sv[i], sv[j]); f[1] = fcsr();
            set_fcsr(rm); r[2] = M3D("recip2.ps", "dmtc1", "dmfc1", pa, pb); f[2] = fcsr();
            set_fcsr(rm); r[3] = M3D("addr.ps", "dmtc1", "dmfc1", pa, pb); f[3] = fcsr();
            set_fcsr(rm); r[4] = M3D("mulr.ps", "dmtc1", "dmfc1", pa, pb); f[4] = fcsr();
            set_fcsr(rm); r[5] = M3D1("recip1.s", "mtc1", "mfc1", sv[i]); f[5] = fcsr();
            set_fcsr(rm); r[6] = M3D1("rsqrt1.d", "dmtc1", "dmfc1", dv[i]); f[6] = fcsr();
            set_fcsr(rm); r[7] = M3D1("rsqrt1.ps", "dmtc1", "dmfc1", pa); f[7] = fcsr();
            set_fcsr(rm); r[8] = M3D1("cvt.pw.ps", "dmtc1", "dmfc1", pa); f[8] = fcsr();
            set_fcsr(rm); r[9] = M3D1("cvt.ps.pw", "dmtc1", "dmfc1", pa); f[9] = fcsr();
            for (int k = 0; k < 10; k++) printf(" %lx/%x", k == 1 || k == 5 ? (uint32_t)r[k] : r[k], f[k]);
        }
        uint32_t cc; int any2, any4;
        set_fcsr(0);
        __asm__ volatile(".set push\n\t.set mips3d\n\tdmtc1 %3, $f0\n\tdmtc1 %4, $f2\n\tcabs.olt.ps $fcc0, $f0, $f2\n\tcabs.ule.d $fcc2, $f0, $f2\n\t"
                         "cabs.seq.s $fcc3, $f0, $f2\n\tli %1, 0\n\tli %2, 0\n\tbc1any2t $fcc0, 1f\n\tnop\n\tli %1, 1\n1:\n\t"
                         "bc1any4f $fcc0, 2f\n\tnop\n\tli %2, 1\n2:\n\tcfc1 %0, $25\n\t.set pop"
                         : "=r"(cc), "=&r"(any2), "=&r"(any4) : "r"(pa), "r"(pb) : "$f0", "$f2", "memory");
        printf(" cabs %x/%x %d %d\n", cc, fcsr(), any2, any4);
    }
}

static void __attribute__((noinline)) run(void)
{
    add_d(); sub_d(); mul_d(); div_d(); add_s(); sub_s(); mul_s(); div_s();
    sqrt_d(); abs_d(); neg_d(); recip_d(); rsqrt_d(); cvt_s_d(); cvt_w_d(); cvt_l_d();
    round_w_d(); trunc_w_d(); ceil_w_d(); floor_w_d(); round_l_d(); trunc_l_d(); ceil_l_d(); floor_l_d(); cvt_d_l(); cvt_s_l();
    sqrt_s(); abs_s(); neg_s(); recip_s(); rsqrt_s(); cvt_d_s(); cvt_w_s(); cvt_l_s();
    round_w_s(); trunc_w_s(); ceil_w_s(); floor_w_s(); cvt_d_w(); cvt_s_w();
    madd(); compares(); paired(); mips3d(); exceptions(); registers(); unusable();
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    install_vectors();
    MTC0(12, 0, MFC0(12, 0) | ST_CU1 | ST_FR);
    printf("fpu: status %x\n", MFC0(12, 0) & (ST_CU1 | ST_FR));
    run();
    guest_exit(0);
}
