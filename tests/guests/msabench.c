/* An MSA-heavy benchmark (-cpu Loongson-3A4000, MSA intrinsics): byte absolute differences with
 * widening dot products, word multiply-add with shifts and clamps, shuffles, a single-precision
 * axpy/norm and a double-precision dot product, "scale=N" times; prints checksums (result bits)
 * so the same run can be compared with QEMU. */
#include "guest.h"
#include <msa.h>

#define ST_CU1 (1u << 29)
#define ST_FR  (1u << 26)
#define N 1024

static uint8_t pa[N], pb[N];
static int32_t wa[N], wb[N];
static float fx[N], fy[N];
static double dx[N], dy[N];

static unsigned scale_from(const char *cmdline)
{
    for (const char *p = cmdline; *p; p++)
        if (p[0] == 's' && p[1] == 'c' && p[2] == 'a' && p[3] == 'l' && p[4] == 'e' && p[5] == '=') {
            unsigned v = 0;
            for (p += 6; *p >= '0' && *p <= '9'; p++) v = v * 10 + (unsigned)(*p - '0');
            return v ? v : 1;
        }
    return 1;
}

static uint64_t lo64(v2i64 v) { return (uint64_t)__msa_copy_s_d(v, 0) ^ (uint64_t)__msa_copy_s_d(v, 1); }

static void __attribute__((noinline)) run(unsigned scale)
{
    for (int i = 0; i < N; i++) {
        pa[i] = (uint8_t)(i * 7 + 3); pb[i] = (uint8_t)(i * 13 + 1);
        wa[i] = i * 2654435761u; wb[i] = i - 500;
        fx[i] = 0.001f * (i % 97) + 0.5f; fy[i] = 1.0f + 0.25f * (i % 13);
        dx[i] = 1.0 / (i + 1); dy[i] = 0.5 + i * 1e-3;
    }
    v4u32 sad = (v4u32)__msa_ldi_w(0);
    v4i32 wacc = __msa_ldi_w(0);
    v8i16 shuf = __msa_ldi_h(0);
    v4f32 fnorm = (v4f32)__msa_ldi_w(0);
    v4f32 alpha = (v4f32)__msa_fill_w(0x3c23d70a); /* 0.01f */
    v2f64 dot = (v2f64)__msa_ldi_d(0);
    /* every pass runs each phase, so any stretch of the run mixes all of them */
    for (unsigned pass = 0; pass < scale; pass++) {
        for (unsigned s = 0; s < 20; s++) {
            for (int i = 0; i < N; i += 16) {
                v16u8 a = (v16u8)__msa_ld_b(pa + i, 0), b = (v16u8)__msa_ld_b(pb + i, 0);
                v16u8 d = __msa_asub_u_b(a, b);
                v8u16 h = __msa_hadd_u_h(d, d);
                sad = __msa_dpadd_u_w(sad, h, (v8u16)__msa_ldi_h(1));
                v16i8 m = __msa_ilvr_b((v16i8)a, (v16i8)b);
                shuf = __msa_addv_h(shuf, (v8i16)__msa_pckev_b(m, (v16i8)d));
            }
            for (int i = 0; i < N; i += 4) {
                v4i32 x = __msa_ld_w(wa + i, 0), y = __msa_ld_w(wb + i, 0);
                v4i32 t = __msa_maddv_w(y, x, __msa_ldi_w(3));
                t = __msa_srai_w(t, 3);
                t = __msa_maxi_s_w(__msa_mini_s_w(t, 15), -16);
                wacc = __msa_addv_w(wacc, (v4i32)__msa_xor_v((v16u8)t, (v16u8)x));
                __msa_st_w(__msa_subv_w(y, t), wb + i, 0);
            }
        }
        for (unsigned s = 0; s < 10; s++)
            for (int i = 0; i < N; i += 4) {
                v4f32 x = (v4f32)__msa_ld_w(fx + i, 0), y = (v4f32)__msa_ld_w(fy + i, 0);
                y = __msa_fadd_w(y, __msa_fmul_w(alpha, x));
                y = __msa_fdiv_w(y, __msa_fadd_w(y, x));
                fnorm = __msa_fadd_w(fnorm, __msa_fmul_w(y, y));
                __msa_st_w((v4i32)__msa_fadd_w(y, (v4f32)__msa_fill_w(0x3e800000)), fy + i, 0); /* + 0.25f: stays in (0.25, 1.25) */
            }
        for (unsigned s = 0; s < 10; s++)
            for (int i = 0; i < N; i += 2) {
                v2f64 x = (v2f64)__msa_ld_d(dx + i, 0), y = (v2f64)__msa_ld_d(dy + i, 0);
                dot = __msa_fadd_d(dot, __msa_fmul_d(x, y));
                __msa_st_d((v2i64)__msa_fsub_d(__msa_fmul_d(y, (v2f64)__msa_fill_d(0x3ff0000000000001L)), x), dy + i, 0);
            }
    }
    printf("int %lx %lx %lx\n", lo64((v2i64)sad), lo64((v2i64)wacc), lo64((v2i64)shuf));
    printf("float %lx\n", lo64((v2i64)fnorm));
    printf("double %lx\n", lo64((v2i64)dot));
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    MTC0(12, 0, MFC0(12, 0) | ST_CU1 | ST_FR);
    MTC0(16, 5, MFC0(16, 5) | (1u << 27));
    uint32_t *argv = (uint32_t *)a1;
    unsigned scale = a0 >= 2 ? scale_from((const char *)(int64_t)(int32_t)argv[1]) : 1;
    printf("msabench, scale %u\n", scale);
    run(scale);
    guest_exit(0);
}
