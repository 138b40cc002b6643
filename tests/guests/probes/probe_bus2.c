#include "guest.h"
static void probe(const char *name, uint64_t pa)
{
    last_exc.count = 0;
    uint32_t v = *(volatile uint32_t *)XKPHYS_UNCACHED(pa);
    if (last_exc.count) printf("%s %09lx: exception %s\n", name, pa, exc_name(last_exc.code));
    else printf("%s %09lx: %08x\n", name, pa, v);
}
int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    MTC0(12, 0, MFC0(12, 0) | ST_KX);
    probe("20000000", 0x20000000);
    probe("40000000", 0x40000000);
    probe("7ffffffc", 0x7ffffffc);
    probe("8ffffffc", 0x8ffffffc);
    probe("fpga-200", 0x1f000200);
    probe("fpga-208", 0x1f000208);
    probe("fpga-408", 0x1f000408);
    probe("isa-20", 0x18000020);
    probe("isa-21", 0x18000021);
    probe("isa-40", 0x18000040);
    probe("isa-60", 0x18000060);
    probe("isa-64", 0x18000064);
    probe("isa-70", 0x18000070);
    probe("isa-2f8", 0x180002f8);
    probe("isa-3fa", 0x180003fa);
    probe("isa-1fffff", 0x181ffffc);
    probe("isa-200000", 0x18200000);
    /* write to ROM then read back */
    *(volatile uint32_t *)KSEG1(0x1fc00010) = 0x12345678;
    probe("rom-10-after-write", 0x1fc00010);
    /* store to unassigned high */
    last_exc.count = 0;
    *(volatile uint32_t *)XKPHYS_UNCACHED(0x90000000) = 1;
    printf("store 90000000: %s\n", last_exc.count ? exc_name(last_exc.code) : "ok");
    last_exc.count = 0;
    *(volatile uint32_t *)KSEG1(0x1c000000) = 1;
    printf("store 1c000000: %s\n", last_exc.count ? exc_name(last_exc.code) : "ok");
    return 0;
}
