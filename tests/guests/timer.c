/* Count/Compare: the timer interrupt on IP7 (Cause.TI), acknowledged by writing Compare; WAIT
 * wakes on it; a masked timer stays pending. Output is qualitative: QEMU's Count follows host time. */
#include "guest.h"

static volatile int ticks;

static int timer_hook(struct frame *f, uint32_t code)
{
    if (code != 0) return 0;
    uint32_t cause = MFC0(13, 0);
    if (!(cause & 0x8000)) return 0;
    ticks++;
    if (ticks == 1) printf("first tick: cause.ti=%u ip7=%u\n", cause >> 30 & 1, cause >> 15 & 1);
    MTC0(11, 0, MFC0(9, 0) + 20000);   /* acknowledge and arm the next */
    return 1;
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    uint32_t c0 = MFC0(9, 0);
    for (volatile int i = 0; i < 10000; i++) { }
    printf("count advances: %s\n", MFC0(9, 0) != c0 ? "yes" : "no");

    /* masked: TI becomes pending but no interrupt is taken */
    MTC0(11, 0, MFC0(9, 0) + 1000);
    uint32_t start = MFC0(9, 0);
    /* QEMU raises TI from a host timer: wait until it shows (or far longer than needed) */
    while (!(MFC0(13, 0) & (1u << 30)) && MFC0(9, 0) - start < 100000000) { }
    uint32_t cause;
    printf("masked: interrupts taken %d\n", ticks);   /* (QEMU sets TI from a host timer: not printed) */
    MTC0(11, 0, MFC0(9, 0) - 1);        /* writing Compare clears TI */
    cause = MFC0(13, 0);
    printf("after compare write: ti=%u ip7=%u\n", cause >> 30 & 1, cause >> 15 & 1);

    exc_hook = timer_hook;
    MTC0(11, 0, MFC0(9, 0) + 20000);
    MTC0(12, 0, MFC0(12, 0) | 0x8000 | ST_IE);
    while (ticks < 5) __asm__ volatile("wait");
    MTC0(12, 0, MFC0(12, 0) & ~(0x8000u | ST_IE));
    exc_hook = 0;
    printf("ticks taken with wait: %d\n", ticks);

    /* Cause.DC stops the counter */
    MTC0(13, 0, MFC0(13, 0) | (1u << 27));
    uint32_t frozen = MFC0(9, 0);
    for (volatile int i = 0; i < 10000; i++) { }
    printf("count frozen with DC: %s\n", MFC0(9, 0) == frozen ? "yes" : "no");
    MTC0(13, 0, MFC0(13, 0) & ~(1u << 27));
    for (volatile int i = 0; i < 10000; i++) { }
    printf("count runs again: %s\n", MFC0(9, 0) != frozen ? "yes" : "no");
    return 0;
}
