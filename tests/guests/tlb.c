/* The joint TLB: refill vs XTLB refill vectors, invalid, modified, ASID matching and global
 * entries, page sizes from 4 KiB to 16 MiB, TLBP/TLBR round trips, Wired, and the registers a
 * fault fills (BadVAddr, Context, XContext, EntryHi). */
#include "guest.h"

static void report(const char *what)
{
    if (!last_exc.count) { printf("%-24s ok\n", what); return; }
    printf("%-24s %-5s vec=%03x badvaddr=%lx entryhi=%lx context=%lx xcontext=%lx\n", what, exc_name(last_exc.code),
           last_exc.vector, last_exc.badvaddr, DMFC0(10, 0), DMFC0(4, 0), DMFC0(20, 0));
    last_exc.count = 0;
}

/* In asm so the compiler never puts a faulting access in a branch delay slot. */
static uint32_t peek(uint64_t va) { uint32_t v; __asm__ volatile("lw %0, 0(%1)" : "=r"(v) : "r"(va) : "memory"); return v; }
static void poke(uint64_t va, uint32_t v) { __asm__ volatile("sw %0, 0(%1)" : : "r"(v), "r"(va) : "memory"); }

/* Physical page n of a scratch area at 16 MiB. */
#define PHYS(n) (0x1000000UL + (uint64_t)(n) * 0x1000)

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    printf("TLB entries: %u\n", ((MFC0(16, 1) >> 25) & 63) + 1);
    tlb_clear();
    for (int i = 0; i < 64; i++) mmio_w32(KSEG1(PHYS(i)), 0x1000 + (uint32_t)i);

    /* 32-bit mode (UX=0): useg refill goes to 0x000 */
    peek(0x400000); report("refill ux=0");
    MTC0(12, 0, MFC0(12, 0) | ST_UX | ST_KX);
    peek(0x400000); report("refill ux=1 (xtlb)");
    peek(0x100000400000UL); report("xuseg refill");
    MTC0(12, 0, MFC0(12, 0) & ~(ST_UX | ST_KX));

    /* a 4 KiB pair, ASID 5 */
    DMTC0(10, 0, 5);
    tlb_write(2, 0x400000 | 5, ENTRYLO(PHYS(1), 1, 1, 0), ENTRYLO(PHYS(2), 0, 1, 0), 0);
    printf("even page=%x odd page=%x\n", peek(0x400000), peek(0x401000)); report("asid 5 loads");
    poke(0x400010, 0xabcd); printf("write through: %x\n", mmio_r32(KSEG1(PHYS(1) + 0x10))); report("store dirty page");
    poke(0x401010, 1); report("store clean page");
    DMTC0(10, 0, 6);
    peek(0x400000); report("asid 6 misses");
    /* global: any ASID */
    tlb_write(3, 0x600000, ENTRYLO(PHYS(3), 1, 1, 1), ENTRYLO(PHYS(4), 1, 1, 1), 0);
    printf("global=%x\n", peek(0x601000)); report("global asid 6");
    DMTC0(10, 0, 0x77);
    printf("global=%x\n", peek(0x600000)); report("global asid 77");
    /* G must be set in both halves */
    tlb_write(4, 0x700000, ENTRYLO(PHYS(5), 1, 1, 1), ENTRYLO(PHYS(6), 1, 1, 0), 0);
    peek(0x700000); report("half-global is local");

    /* page sizes */
    static const uint32_t masks[] = { 0x0000, 0x6000, 0x1e000, 0x7e000, 0x1fe000, 0x7fe000, 0x1ffe000 };
    static const char *names[] = { "4K", "16K", "64K", "256K", "1M", "4M", "16M" };
    for (int i = 0; i < 7; i++) {
        uint64_t size = ((uint64_t)masks[i] | 0x1fff) + 1; /* pair size */
        uint64_t va = 0x40000000UL;
        tlb_write(5, va, ENTRYLO(0x0, 1, 1, 1), ENTRYLO(size / 2 >= 0x1000000 ? 0x1000000 : PHYS(0) - 0 + 0, 1, 1, 1), masks[i]);
        uint64_t probe = va + size / 2 + 0x10;  /* lands in the odd page */
        printf("%-4s pagemask=%08x even(0)=%x odd=%x\n", names[i], MFC0(5, 0), peek(va + 0x2000), peek(probe));
        peek(va + size); report("beyond the pair");
    }
    tlb_write(5, 0xc0000000UL, 0, 0, 0);

    /* TLBP / TLBR */
    DMTC0(10, 0, 0x400000 | 5);
    __asm__ volatile("tlbp\n\tehb");
    printf("tlbp index=%08x\n", MFC0(0, 0));
    DMTC0(10, 0, 0x800000 | 5);
    __asm__ volatile("tlbp\n\tehb");
    printf("tlbp miss index=%08x\n", MFC0(0, 0));
    MTC0(0, 0, 2);
    __asm__ volatile("tlbr\n\tehb");
    printf("tlbr hi=%lx lo0=%lx lo1=%lx mask=%x\n", DMFC0(10, 0), DMFC0(2, 0), DMFC0(3, 0), MFC0(5, 0));
    MTC0(0, 0, 3);
    __asm__ volatile("tlbr\n\tehb");
    printf("tlbr global hi=%lx lo0=%lx lo1=%lx\n", DMFC0(10, 0), DMFC0(2, 0), DMFC0(3, 0));

    /* kseg2 / xkseg mapped kernel segments */
    MTC0(12, 0, MFC0(12, 0) | ST_KX);
    DMTC0(10, 0, 9);
    tlb_write(6, 0xffffffffc0000000UL | 9, ENTRYLO(PHYS(7), 1, 1, 0), ENTRYLO(PHYS(8), 1, 1, 0), 0);
    printf("kseg2=%x\n", peek(0xffffffffc0001000UL)); report("kseg2 mapped");
    tlb_write(7, 0xc000000000002000UL | 9, ENTRYLO(PHYS(9), 1, 1, 0), ENTRYLO(PHYS(10), 1, 1, 0), 0);
    printf("xkseg=%x\n", peek(0xc000000000002000UL)); report("xkseg mapped");
    peek(0xc000040000000000UL); report("xkseg beyond segbits");

    /* Wired and Random */
    MTC0(6, 0, 8);
    int in_range = 1;
    for (int i = 0; i < 50; i++) { uint32_t r = MFC0(1, 0); if (r < 8 || r > 31) in_range = 0; }
    printf("wired=%u random in [8,31]: %s\n", MFC0(6, 0), in_range ? "yes" : "no");
    MTC0(6, 0, 0);
    return 0;
}
