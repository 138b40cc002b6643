/* Compute-bound guest for benchmarks: SHA-256 over a buffer, a quicksort, an integer matrix
 * product. The work is multiplied by "scale=N" on the kernel command line (default 1). */
#include "guest.h"

typedef uint32_t u32;
typedef uint64_t u64;

static u64 rng = 0x9e3779b97f4a7c15UL;
static u32 next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return (u32)rng; }

/* SHA-256 (FIPS 180-4) */
static const u32 K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};
#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(u32 h[8], const uint8_t *p)
{
    u32 w[64];
    for (int i = 0; i < 16; i++) w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        u32 s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        u32 s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        u32 t1 = k + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        u32 t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha256(const uint8_t *data, u64 len, u32 h[8])
{
    static const u32 init[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    for (int i = 0; i < 8; i++) h[i] = init[i];
    u64 i = 0;
    for (; i + 64 <= len; i += 64) sha256_block(h, data + i);
    uint8_t last[128] = { 0 };
    u64 rest = len - i;
    for (u64 j = 0; j < rest; j++) last[j] = data[i + j];
    last[rest] = 0x80;
    int blocks = rest + 9 > 64 ? 2 : 1;
    u64 bits = len * 8;
    for (int j = 0; j < 8; j++) last[blocks * 64 - 1 - j] = (uint8_t)(bits >> (8 * j));
    for (int j = 0; j < blocks; j++) sha256_block(h, last + 64 * j);
}

static void quicksort(u32 *a, long lo, long hi)
{
    while (lo < hi) {
        u32 pivot = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { u32 t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
    }
}

#define N 48
static u32 ma[N][N], mb[N][N], mc[N][N];
static uint8_t buf[1 << 18];
static u32 arr[1 << 16];

static unsigned scale_from(const char *cmdline)
{
    for (const char *p = cmdline; *p; p++) {
        const char *k = "scale=";
        int m = 0;
        while (k[m] && p[m] == k[m]) m++;
        if (!k[m]) { unsigned v = 0; p += m; while (*p >= '0' && *p <= '9') v = v * 10 + (unsigned)(*p++ - '0'); return v ? v : 1; }
    }
    return 1;
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    uint32_t *argv = (uint32_t *)a1;
    unsigned scale = a0 >= 2 ? scale_from((const char *)(int64_t)(int32_t)argv[1]) : 1;
    printf("compute benchmark, scale %u\n", scale);
    u32 h[8];
    for (unsigned round = 0; round < scale; round++) {
        for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)next();
        sha256(buf, sizeof buf, h);
    }
    printf("sha256 %08x%08x%08x%08x%08x%08x%08x%08x\n", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]);
    sha256((const uint8_t *)"abc", 3, h);
    printf("sha256(abc) %08x%08x...%08x\n", h[0], h[1], h[7]);

    u64 sum = 0;
    for (unsigned round = 0; round < scale; round++) {
        for (unsigned i = 0; i < sizeof arr / sizeof arr[0]; i++) arr[i] = next();
        quicksort(arr, 0, (long)(sizeof arr / sizeof arr[0]) - 1);
        for (unsigned i = 1; i < sizeof arr / sizeof arr[0]; i++) if (arr[i - 1] > arr[i]) { printf("sort failed\n"); return 1; }
        sum += arr[0] + arr[1000] + arr[60000];
    }
    printf("sort ok, sample sum %lx\n", sum);

    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { ma[i][j] = next() & 0xffff; mb[i][j] = next() & 0xffff; }
    for (unsigned round = 0; round < 8 * scale; round++) {
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) {
            u32 s = 0;
            for (int k = 0; k < N; k++) s += ma[i][k] * mb[k][j];
            mc[i][j] = s;
        }
        ma[round % N][round % N] ^= mc[N - 1][N - 1];
    }
    u32 trace = 0;
    for (int i = 0; i < N; i++) trace += mc[i][i];
    printf("matrix trace %08x\n", trace);
    return 0;
}
