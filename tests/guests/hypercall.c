/* VzFast's hypercalls (HYPCALL 0: number in v0, arguments in a0-a3, result in v0; README lists
 * them). Needs the hypervisor: on a CPU without VZ, HYPCALL is a reserved instruction, so this
 * program has no QEMU recording; hypercall.expected is what the calls below must produce. */
#include "guest.h"

static long hypcall(long num, long a0, long a1)
{
    register long v0 __asm__("$2") = num;
    register long r4 __asm__("$4") = a0;
    register long r5 __asm__("$5") = a1;
    __asm__ volatile(".set push\n\t.set virt\n\thypcall 0\n\t.set pop" : "+r"(v0) : "r"(r4), "r"(r5) : "memory");
    return v0;
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    static const char msg[] = "hello through the console hypercall\n";
    long n = hypcall(2, (long)msg, sizeof msg - 1);
    printf("write returned %ld\n", n);
    for (const char *p = "putc: ok\n"; *p; p++) hypcall(1, *p, 0);
    printf("count rate %ld Hz\n", hypcall(3, 0, 0));
    printf("unknown hypercall 77 returns %ld\n", hypcall(77, 0, 0));
    printf("powering off with code 7\n");
    hypcall(4, 7, 0);
    printf("still running after power off\n");
    return 1;
}
