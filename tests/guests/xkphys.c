/* Address-space aliases: kseg0/kseg1, xkphys cached and uncached, the sign-extended compatibility
 * segments; address errors for 64-bit segments without KX and beyond PABITS. */
#include "guest.h"

static void report(const char *what, uint64_t va)
{
    uint32_t v;
    last_exc.count = 0;
    __asm__ volatile("lw %0, 0(%1)" : "=r"(v) : "r"(va) : "memory");
    if (last_exc.count) printf("%-22s %016lx: %s badvaddr=%lx\n", what, va, exc_name(last_exc.code), last_exc.badvaddr);
    else printf("%-22s %016lx: %08x\n", what, va, v);
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    uint64_t pa = 0x300000;
    *(volatile uint32_t *)KSEG0(pa) = 0xcafe0001;
    MTC0(12, 0, MFC0(12, 0) | ST_KX);
    report("kseg0", KSEG0(pa));
    report("kseg1", KSEG1(pa));
    report("xkphys uncached", XKPHYS_UNCACHED(pa));
    report("xkphys cached", XKPHYS_CACHED(pa));
    report("xkphys cca 0", 0x8000000000000000UL | pa);
    report("xkphys cca 7", 0xb800000000000000UL | pa);
    report("xkphys high ram", 0x9000000080000000UL | pa);
    report("xkphys > pabits", 0x9000001000000000UL | pa);
    report("xkphys bits 58:36", 0x9000100000000000UL | pa);
    report("kseg0 0x7fffffff wrap", KSEG0(pa) + 0x20000000UL);
    MTC0(12, 0, MFC0(12, 0) & ~ST_KX);
    report("xkphys without KX", XKPHYS_UNCACHED(pa));
    report("xkseg without KX", 0xc000000000000000UL);
    report("kseg0 without KX", KSEG0(pa));
    report("useg above 2G no UX", 0x0000000080000000UL);
    /* a store through one alias is seen through the others */
    MTC0(12, 0, MFC0(12, 0) | ST_KX);
    *(volatile uint32_t *)XKPHYS_UNCACHED(pa + 4) = 0x5eed;
    report("kseg0 sees xkphys", KSEG0(pa + 4));
    return 0;
}
