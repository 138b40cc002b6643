/* One guest operation per VZ guest exit, with what the guest sees printed. On QEMU (root mode)
 * these are ordinary instructions; under VzFast's hypervisor each makes the exit named beside it
 * (tests/VzFast.Core.Tests/Vz/GuestExitProgramTests.cs checks the exit counters). */
#include "guest.h"

static volatile int timer_ticks;

static int timer_hook(struct frame *f, uint32_t code)
{
    if (code != 0 || !(MFC0(13, 0) & 0x8000)) return 0;
    timer_ticks++;
    MTC0(11, 0, MFC0(9, 0) - 1);          /* acknowledge: Compare far ahead */
    return 1;
}

static int syscalls;

static int syscall_hook(struct frame *f, uint32_t code)
{
    if (code != 8) return 0;
    syscalls++;
    DMTC0(14, 0, DMFC0(14, 0) + 4);
    return 1;
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    /* GPSI: PRId is outside the guest context; root emulates the read (kvm_vz_gpsi_cop0) */
    printf("prid=%08x\n", MFC0(15, 0));

    /* GPSI: index cache operations trap (kvm_vz_gpsi_cache); hit operations are the guest's (CG) */
    for (uint64_t a = KSEG0(0); a < KSEG0(0x400); a += 32)
        __asm__ volatile("cache 0x00, 0(%0)\n\tcache 0x01, 0(%0)\n\tcache 0x15, 0(%0)" : : "r"(a) : "memory");
    printf("cache ops done\n");

    /* GPSI: WAIT with nothing pending halts the vCPU; the guest timer wakes it */
    exc_hook = timer_hook;
    MTC0(11, 0, MFC0(9, 0) + 5000);
    MTC0(12, 0, MFC0(12, 0) | 0x8000 | ST_IE);
    while (timer_ticks < 1) __asm__ volatile("wait");
    MTC0(12, 0, MFC0(12, 0) & ~(0x8000u | ST_IE));
    exc_hook = 0;
    printf("woken from wait by the timer: %d\n", timer_ticks);

    /* GSFC: Cause.IV and Status.RE are fields root must approve (kvm_trap_vz_handle_gsfc) */
    MTC0(13, 0, MFC0(13, 0) | (1u << 23));
    printf("cause.iv=%u\n", MFC0(13, 0) >> 23 & 1);
    MTC0(13, 0, MFC0(13, 0) & ~(1u << 23));
    MTC0(12, 0, MFC0(12, 0) | (1u << 25));
    printf("status.re=%u\n", MFC0(12, 0) >> 25 & 1);
    MTC0(12, 0, MFC0(12, 0) & ~(1u << 25));
    printf("cleared: cause.iv=%u status.re=%u\n", MFC0(13, 0) >> 23 & 1, MFC0(12, 0) >> 25 & 1);

    /* GHFC (with GuestCtl0.MC): each exception sets EXL and its ERET clears it */
    exc_hook = syscall_hook;
    for (int i = 0; i < 3; i++) __asm__ volatile("syscall" : : : "memory");
    exc_hook = 0;
    printf("syscalls: %d\n", syscalls);

    /* Root TLB faults with GExcCode GPA: RAM through its high alias, then devices */
    MTC0(12, 0, MFC0(12, 0) | ST_KX);     /* xkphys needs KX */
    volatile uint32_t *low = (volatile uint32_t *)KSEG0(0x700000);
    volatile uint32_t *high = (volatile uint32_t *)XKPHYS_UNCACHED(0x80700000UL);
    *low = 0x600df00d;
    printf("high alias reads %08x\n", *high);
    *high = 0x0dd5ca1e;
    printf("low alias reads %08x\n", *low);

    /* MMIO byte lanes and sign extension: the 16550 scratch register */
    mmio_w8(KSEG1(0x180003ffUL), 0x85);
    int8_t s8 = *(volatile int8_t *)KSEG1(0x180003ffUL);
    uint8_t u8 = *(volatile uint8_t *)KSEG1(0x180003ffUL);
    printf("scratch lb=%d lbu=%u\n", s8, u8);
    /* MMIO words: the GT-64120's internal space decode register (moved to 0x1be00000) */
    printf("gt isd=%08x\n", mmio_r32(KSEG1(0x1be00068UL)));

    /* GRR (with GuestCtl0.RI): a reserved instruction exits to root; otherwise the guest takes RI */
    __asm__ volatile(".word 0xec000000" : : : "memory");
    printf("reserved instruction: %s\n", exc_name(last_exc.code));
    return 0;
}
