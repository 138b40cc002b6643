/* LL/SC and LLD/SCD: success, failure after an exception return, after a store of a different
 * value, to another address; LLAddr. */
#include "guest.h"

static volatile uint32_t w __attribute__((aligned(8)));
static volatile uint64_t d;

static uint32_t ll(volatile uint32_t *p) { uint32_t v; __asm__ volatile("ll %0, 0(%1)" : "=r"(v) : "r"(p) : "memory"); return v; }
static int sc(volatile uint32_t *p, uint32_t v) { __asm__ volatile("sc %0, 0(%1)" : "+r"(v) : "r"(p) : "memory"); return (int)v; }

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    w = 10;
    uint32_t v = ll(&w);
    printf("plain: ll=%u sc=%d w=%u\n", v, sc(&w, v + 1), w);
    v = ll(&w);
    __asm__ volatile("syscall");                     /* exception + eret between LL and SC */
    printf("after eret: sc=%d w=%u\n", sc(&w, v + 1), w);
    v = ll(&w);
    w = 99;
    printf("changed value: sc=%d w=%u\n", sc(&w, 5), w);
    v = ll(&w);
    printf("other address: sc=%d\n", sc(&w + 1, 7));
    v = ll(&w);
    (void)v;
    printf("lladdr=%lx (w at %lx)\n", DMFC0(17, 0), ((uint64_t)&w) & 0x1fffffff);
    uint64_t x;
    __asm__ volatile("lld %0, 0(%1)" : "=r"(x) : "r"(&d) : "memory");
    x += 0x100000000UL;
    __asm__ volatile("scd %0, 0(%1)" : "+r"(x) : "r"(&d) : "memory");
    printf("lld/scd: %lu d=%lx\n", x, d);
    /* a counter incremented with an LL/SC loop */
    w = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t t;
        do { t = ll(&w); } while (!sc(&w, t + 1));
    }
    printf("counter=%u\n", w);
    return 0;
}
