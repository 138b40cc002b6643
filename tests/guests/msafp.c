/* MSA floating point on QEMU's -cpu Loongson-3A4000: every 3RF and 2RF instruction in W and D
 * over edge operands (zeros, subnormals, extremes, infinities, quiet and signalling NaNs in the
 * IEEE 754-2008 encoding MSA uses) in all four MSACSR rounding modes, printing result vectors
 * and MSACSR; the fixed-point Q forms; MSA FP exceptions (enabled causes trap with wd unwritten,
 * NX gives signalling-NaN results, CTCMSA with an enabled cause), FS flushing. Built with -mmsa. */
#include "guest.h"

#define ST_CU1 (1u << 29)
#define ST_FR  (1u << 26)

typedef struct { uint64_t lo, hi; } v128;
#define W2(a, b) (((uint64_t)(b) << 32) | (a))
static v128 vw[4] = {
    { W2(0x00000000, 0x80000000), W2(0x3f800000, 0xbfc00000) },  /* 0, -0, 1, -1.5 */
    { W2(0x00000001, 0x007fffff), W2(0x7f7fffff, 0x00800000) },  /* subnormals, max, min normal */
    { W2(0x7f800000, 0xff800000), W2(0x7fc00000, 0x7f800001) },  /* inf, -inf, qNaN, sNaN */
    { W2(0x3eaaaaab, 0x4b000001), W2(0xc2f6e979, 0x33800000) },  /* 1/3, 2^23+1, -123.456, 2^-24 */
};
static v128 vd[8] = {
    { 0x0000000000000000UL, 0x8000000000000000UL }, { 0x3ff0000000000000UL, 0xbff8000000000000UL },
    { 0x0000000000000001UL, 0x000fffffffffffffUL }, { 0x7fefffffffffffffUL, 0x0010000000000000UL },
    { 0x7ff0000000000000UL, 0xfff0000000000000UL }, { 0x7ff8000000000000UL, 0x7ff0000000000001UL },
    { 0x3fd5555555555555UL, 0x4340000000000001UL }, { 0xc05edd2f1a9fbe77UL, 0x3ca0000000000000UL },
};
static v128 q16 = { 0x80007fff00010000UL, 0xc000400080017ffeUL }; /* Q15 and Q31 operands */
static v128 q16b = { 0x8000800012345678UL, 0x7fff7fffedcba987UL };
static v128 out;

#define MSA ".set push\n\t.set msa\n\t.set fp=64\n\t"
#define RUN3(m, s, t, d) __asm__ volatile(MSA "ld.d $w1, 0(%0)\n\tld.d $w2, 0(%1)\n\tld.d $w3, 0(%2)\n\t" m " $w3, $w1, $w2\n\tst.d $w3, 0(%3)\n\t.set pop" \
    : : "r"(s), "r"(t), "r"(d), "r"(&out) : "memory")
#define RUN2(m, s) __asm__ volatile(MSA "ld.d $w1, 0(%0)\n\tldi.b $w3, 0x5a\n\t" m " $w3, $w1\n\tst.d $w3, 0(%1)\n\t.set pop" : : "r"(s), "r"(&out) : "memory")

static inline void csr_set(uint32_t v) { __asm__ volatile(MSA "ctcmsa $1, %0\n\t.set pop" : : "r"(v)); }
static inline uint32_t csr_get(void) { uint32_t v; __asm__ volatile(MSA "cfcmsa %0, $1\n\t.set pop" : "=r"(v)); return v; }

static uint32_t rm;
#define P(op) do { printf(" %lx:%lx/%x", out.hi, out.lo, csr_get()); csr_set(rm); } while (0)
#define OPS3(fmt, nfmt, s, t, d) do { \
    RUN3("fadd." fmt, s, t, d); P(); RUN3("fsub." fmt, s, t, d); P(); RUN3("fmul." fmt, s, t, d); P(); RUN3("fdiv." fmt, s, t, d); P(); \
    RUN3("fmadd." fmt, s, t, d); P(); RUN3("fmsub." fmt, s, t, d); P(); RUN3("fmin." fmt, s, t, d); P(); RUN3("fmax." fmt, s, t, d); P(); \
    RUN3("fmin_a." fmt, s, t, d); P(); RUN3("fmax_a." fmt, s, t, d); P(); \
    RUN3("fcaf." fmt, s, t, d); P(); RUN3("fcun." fmt, s, t, d); P(); RUN3("fceq." fmt, s, t, d); P(); RUN3("fcueq." fmt, s, t, d); P(); \
    RUN3("fclt." fmt, s, t, d); P(); RUN3("fcult." fmt, s, t, d); P(); RUN3("fcle." fmt, s, t, d); P(); RUN3("fcule." fmt, s, t, d); P(); \
    RUN3("fcor." fmt, s, t, d); P(); RUN3("fcune." fmt, s, t, d); P(); RUN3("fcne." fmt, s, t, d); P(); \
    RUN3("fsaf." fmt, s, t, d); P(); RUN3("fsun." fmt, s, t, d); P(); RUN3("fseq." fmt, s, t, d); P(); RUN3("fsueq." fmt, s, t, d); P(); \
    RUN3("fslt." fmt, s, t, d); P(); RUN3("fsult." fmt, s, t, d); P(); RUN3("fsle." fmt, s, t, d); P(); RUN3("fsule." fmt, s, t, d); P(); \
    RUN3("fsor." fmt, s, t, d); P(); RUN3("fsune." fmt, s, t, d); P(); RUN3("fsne." fmt, s, t, d); P(); \
    RUN3("fexdo." nfmt, s, t, d); P(); RUN3("ftq." nfmt, s, t, d); P(); } while (0)
#define OPS2(fmt, s) do { \
    RUN2("fsqrt." fmt, s); P(); RUN2("frsqrt." fmt, s); P(); RUN2("frcp." fmt, s); P(); RUN2("frint." fmt, s); P(); RUN2("flog2." fmt, s); P(); \
    RUN2("ftint_s." fmt, s); P(); RUN2("ftint_u." fmt, s); P(); RUN2("ftrunc_s." fmt, s); P(); RUN2("ftrunc_u." fmt, s); P(); \
    RUN2("ffint_s." fmt, s); P(); RUN2("ffint_u." fmt, s); P(); RUN2("fclass." fmt, s); P(); RUN2("fexupl." fmt, s); P(); RUN2("fexupr." fmt, s); P(); \
    RUN2("ffql." fmt, s); P(); RUN2("ffqr." fmt, s); P(); } while (0)

static void __attribute__((noinline)) run(void)
{
    for (rm = 0; rm < 4; rm++) {
        csr_set(rm);
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) {
            printf("w rm%u %d %d:", rm, i, j);
            OPS3("w", "h", &vw[i], &vw[j], &vw[(i + j + 1) & 3]);
            printf("\n");
        }
        for (int i = 0; i < 8; i++) for (int k = 0; k < 3; k++) {
            int j = (i + k * 3) & 7;
            printf("d rm%u %d %d:", rm, i, j);
            OPS3("d", "w", &vd[i], &vd[j], &vd[(i + j + 1) & 7]);
            printf("\n");
        }
        for (int i = 0; i < 4; i++) { printf("w1 rm%u %d:", rm, i); OPS2("w", &vw[i]); RUN3("fexp2.w", &vw[i], &vw[(i + 1) & 3], &out); P(); printf("\n"); }
        for (int i = 0; i < 8; i++) { printf("d1 rm%u %d:", rm, i); OPS2("d", &vd[i]); RUN3("fexp2.d", &vd[i], &vd[(i + 1) & 7], &out); P(); printf("\n"); }
    }
    rm = 0;
    csr_set(0);
    printf("q:");
    RUN3("mul_q.h", &q16, &q16b, &vw[0]); P(); RUN3("mulr_q.h", &q16, &q16b, &vw[0]); P(); RUN3("madd_q.h", &q16, &q16b, &vw[3]); P();
    RUN3("maddr_q.h", &q16, &q16b, &vw[3]); P(); RUN3("msub_q.h", &q16, &q16b, &vw[1]); P(); RUN3("msubr_q.h", &q16, &q16b, &vw[1]); P();
    RUN3("mul_q.w", &q16, &q16b, &vw[0]); P(); RUN3("mulr_q.w", &q16b, &q16b, &vw[0]); P(); RUN3("madd_q.w", &q16, &q16b, &vw[3]); P();
    RUN3("maddr_q.w", &q16, &q16, &vw[3]); P(); RUN3("msub_q.w", &q16, &q16b, &vw[1]); P(); RUN3("msubr_q.w", &q16b, &q16, &vw[1]); P();
    printf("\n");
    /* enabled causes: Invalid traps (wd unwritten); with NX the element carries the cause */
    static const uint32_t modes[] = { 1u << 11, (1u << 11) | (1u << 18), (1u << 7) | (1u << 18), (1u << 9) | (1u << 8), 1u << 24, (1u << 24) | 2 };
    for (int k = 0; k < 6; k++) {
        rm = modes[k];
        csr_set(rm);
        last_exc.count = 0;
        printf("mode %x:", rm);
        RUN3("fadd.w", &vw[2], &vw[0], &vw[3]); P(); RUN3("fmul.w", &vw[1], &vw[1], &vw[3]); P(); RUN3("fmul.d", &vd[3], &vd[3], &vd[6]); P();
        RUN3("fdiv.d", &vd[1], &vd[0], &vd[6]); P(); RUN3("fclt.w", &vw[2], &vw[1], &vw[0]); P(); RUN3("fadd.w", &vw[1], &vw[1], &vw[0]); P();
        RUN3("fsub.d", &vd[2], &vd[3], &vd[0]); P(); RUN3("fmax.w", &vw[1], &vw[2], &vw[0]); P(); RUN3("fceq.d", &vd[2], &vd[0], &vd[1]); P();
        RUN2("ftint_s.w", &vw[3]); P(); RUN2("fexupr.d", &vw[1]); P(); RUN3("fexdo.h", &vw[3], &vw[1], &vw[0]); P(); RUN2("frcp.w", &vw[1]); P();
        printf(" exc %s %d\n", exc_name(last_exc.code), last_exc.count);
    }
    /* CTCMSA with an enabled cause (and the Unimplemented cause, always enabled) */
    last_exc.count = 0;
    csr_set((1u << 11) | (1u << 16));
    printf("ctc cause: exc %s %d csr %x\n", exc_name(last_exc.code), last_exc.count, csr_get());
    csr_set(1u << 17);
    printf("ctc unimpl: exc %s %d csr %x\n", exc_name(last_exc.code), last_exc.count, csr_get());
    csr_set(0);
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    install_vectors();
    MTC0(12, 0, MFC0(12, 0) | ST_CU1 | ST_FR);
    MTC0(16, 5, MFC0(16, 5) | (1u << 27));
    run();
    guest_exit(0);
}
