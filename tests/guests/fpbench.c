/* An FP-heavy benchmark for the FPU (hard-float, MIPS64R2-generic): a 2-D heat stencil, a
 * Mandelbrot count and a dot product in double precision, "scale=N" times; prints checksums
 * (the result bits) so the same run can be compared with QEMU. */
#include "guest.h"

#define ST_CU1 (1u << 29)
#define ST_FR  (1u << 26)
#define G 64

static double grid[2][G][G];

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

static uint64_t bits(double d) { union { double d; uint64_t u; } x = { d }; return x.u; }

static void __attribute__((noinline)) run(unsigned scale)
{
    for (int i = 0; i < G; i++) for (int j = 0; j < G; j++) grid[0][i][j] = (i == G / 2 && j == G / 2) ? 1000.0 : 0.0;
    int cur = 0;
    for (unsigned s = 0; s < 40 * scale; s++) {
        for (int i = 1; i < G - 1; i++)
            for (int j = 1; j < G - 1; j++)
                grid[1 - cur][i][j] = grid[cur][i][j] + 0.2 * (grid[cur][i - 1][j] + grid[cur][i + 1][j] + grid[cur][i][j - 1] + grid[cur][i][j + 1] - 4.0 * grid[cur][i][j]);
        cur = 1 - cur;
    }
    double sum = 0;
    for (int i = 0; i < G; i++) for (int j = 0; j < G; j++) sum += grid[cur][i][j] * (i + 1) / (j + 1);
    printf("stencil %lx\n", bits(sum));
    unsigned inside = 0;
    for (unsigned s = 0; s < scale; s++)
        for (int y = 0; y < 96; y++)
            for (int x = 0; x < 128; x++) {
                double cr = -2.0 + x * (3.0 / 128), ci = -1.2 + y * (2.4 / 96), zr = 0, zi = 0;
                int k = 0;
                while (k < 64 && zr * zr + zi * zi < 4.0) { double t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; k++; }
                inside += k == 64;
            }
    printf("mandelbrot %u\n", inside);
    double dot = 0;
    for (unsigned s = 0; s < 200 * scale; s++)
        for (int i = 0; i < G; i++) dot += grid[cur][i][s % G] * (1.0 / (i + 1.5)) - dot * 1e-9;
    printf("dot %lx\n", bits(dot));
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    MTC0(12, 0, MFC0(12, 0) | ST_CU1 | ST_FR);
    uint32_t *argv = (uint32_t *)a1;
    unsigned scale = a0 >= 2 ? scale_from((const char *)(int64_t)(int32_t)argv[1]) : 1;
    printf("fpbench, scale %u\n", scale);
    run(scale);
    guest_exit(0);
}
