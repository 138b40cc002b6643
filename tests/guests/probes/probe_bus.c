/* Probe: what reads of various physical addresses return on QEMU's Malta (not a corpus test). */
#include "guest.h"

static void probe(const char *name, uint64_t pa)
{
    last_exc.count = 0;
    uint32_t v = mmio_r32(KSEG1(pa));
    if (last_exc.count) printf("%s %08lx: exception %s\n", name, pa, exc_name(last_exc.code));
    else printf("%s %08lx: %08x\n", name, pa, v);
}

static void probe_x(const char *name, uint64_t pa)
{
    last_exc.count = 0;
    uint32_t v = *(volatile uint32_t *)XKPHYS_UNCACHED(pa);
    if (last_exc.count) printf("%s %09lx: exception %s\n", name, pa, exc_name(last_exc.code));
    else printf("%s %09lx: %08x\n", name, pa, v);
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    MTC0(12, 0, MFC0(12, 0) | ST_KX);
    probe("ram", 0x100000);
    probe("ram-end", 0x0ffffffc);
    probe("pcimem0", 0x10000000);
    probe("pcimem0b", 0x12000000);
    probe("gt-old", 0x14000000);
    probe("pcimem", 0x17000000);
    probe("isaio-0", 0x18000000);
    probe("isaio-100", 0x18000100);
    probe("isaio-3f8", 0x180003f8);
    probe("isaio-3fc", 0x180003fc);
    probe("pcimem1", 0x18200000);
    probe("pcimem1b", 0x1a000000);
    probe("gt", 0x1be00000);
    probe("gt-68", 0x1be00068);
    probe("gt-48", 0x1be00048);
    probe("gt-50", 0x1be00050);
    probe("gt-c34", 0x1be00c34);
    probe("hole1c", 0x1c000000);
    probe("flash", 0x1e000000);
    probe("fpga", 0x1f000000);
    probe("fpga-rev", 0x1fc00010);
    probe("fpga-410", 0x1f000410);
    probe("fpga-500", 0x1f000500);
    probe("fpga-900", 0x1f000900);
    probe("fpga-c00", 0x1f000c00);
    probe("rom-0", 0x1fc00000);
    probe("rom-500", 0x1fc00500);
    probe("rom-580", 0x1fc00580);
    probe_x("hi-ram", 0x80000000);
    probe_x("hi-ram100", 0x80100000);
    probe_x("beyond", 0x90000000);
    probe_x("above4g", 0x100000000);
    probe_x("pa36", 0xff0000000);
    return 0;
}
