/* Every exception cause reachable without an FPU, from kernel mode: code, vector, EPC, BD and
 * BadVAddr, including faults in branch delay slots. */
#include "guest.h"

/* Jump through jalr to a bad target; the handler resumes at ra, after the call. */
static void call_bad(uint64_t target)
{
    resume_at_ra = 1;
    __asm__ volatile(".set noreorder\n\tjalr %0\n\tnop\n\t.set reorder" : : "r"(target) : "ra", "memory");
}

static void report(const char *what)
{
    if (!last_exc.count) { printf("%-22s no exception\n", what); return; }
    printf("%-22s %-6s vec=%03x bd=%d epc=%lx badvaddr=%lx\n", what, exc_name(last_exc.code), last_exc.vector,
           last_exc.bd, last_exc.epc, last_exc.badvaddr);
    last_exc.count = 0;
}

static volatile uint32_t word = 0x12345678;
static int swint_seen;

static int swint_hook(struct frame *f, uint32_t code)
{
    if (code != 0) return 0;
    swint_seen++;
    MTC0(13, 0, MFC0(13, 0) & ~0x300u);           /* acknowledge IP1..0 */
    printf("interrupt cause=%08x epc=%lx\n", MFC0(13, 0), DMFC0(14, 0));
    return 1;
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    uint64_t base = (uint64_t)&word, r = 0;
    MTC0(12, 0, MFC0(12, 0) | ST_KX | ST_UX | ST_SX);
    tlb_clear();

    __asm__ volatile("lw %0, 1(%1)" : "=r"(r) : "r"(base)); report("AdEL load");
    __asm__ volatile("sh %0, 1(%1)" : : "r"(r), "r"(base)); report("AdES store");
    __asm__ volatile("ld %0, 4(%1)" : "=r"(r) : "r"(base)); report("AdEL ld");
    call_bad((uint64_t)&word + 2);
    report("AdEL fetch");
    __asm__ volatile("lw %0, 0(%1)" : "=r"(r) : "r"(0x10000UL)); report("TLBL refill");
    __asm__ volatile("sw %0, 0(%1)" : : "r"(r), "r"(0x20000UL)); report("TLBS refill");
    __asm__ volatile("lw %0, 0(%1)" : "=r"(r) : "r"(0x0000010000000000UL)); report("TLBL xtlb refill");
    __asm__ volatile("lw %0, 0(%1)" : "=r"(r) : "r"(0xc000000000010000UL)); report("TLBL xkseg refill");
    __asm__ volatile("lw %0, 0(%1)" : "=r"(r) : "r"(0xffffffffc0010000UL)); report("TLBL kseg2 refill");
    tlb_write(1, 0x30000, ENTRYLO(0x300000, 1, 0, 0), ENTRYLO(0x301000, 0, 1, 0), 0);
    __asm__ volatile("lw %0, 0(%1)" : "=r"(r) : "r"(0x30000UL)); report("TLBL invalid");
    __asm__ volatile("sw %0, 0(%1)" : : "r"(r), "r"(0x30000UL)); report("TLBS invalid");
    __asm__ volatile("sw %0, 0(%1)" : : "r"(r), "r"(0x31000UL)); report("Mod");
    __asm__ volatile("lw %0, 0(%1)" : "=r"(r) : "r"(0x31000UL)); report("load clean page");
    printf("context=%lx xcontext=%lx entryhi=%lx\n", DMFC0(4, 0), DMFC0(20, 0), DMFC0(10, 0));
    __asm__ volatile("syscall 0x1234"); report("Sys");
    __asm__ volatile("break 7"); report("Bp");
    __asm__ volatile(".word 0xec000000"); report("RI (opcode 0x3b)");
    __asm__ volatile(".word 0x44000000"); report("CpU mfc1");
    printf("cause.ce=%u\n", (last_exc.cause >> 28) & 3);
    __asm__ volatile(".word 0xc8000000"); report("CpU lwc2");
    printf("cause.ce=%u\n", (last_exc.cause >> 28) & 3);
    __asm__ volatile("add %0, %1, %1" : "=r"(r) : "r"(0x7fffffffUL)); report("Ov add");
    __asm__ volatile("dsub %0, %1, %2" : "=r"(r) : "r"(0x8000000000000000UL), "r"(1UL)); report("Ov dsub");
    __asm__ volatile("teq $0, $0, 5"); report("Tr teq");
    __asm__ volatile("tnei %0, 0" : : "r"(1UL)); report("Tr tnei");
    __asm__ volatile("tltiu %0, 0" : : "r"(1UL)); report("no Tr tltiu");
    __asm__ volatile("lw %0, 0(%1)" : "=r"(r) : "r"(XKPHYS_UNCACHED(0x90000000UL))); report("DBE load");
    __asm__ volatile("sw %0, 0(%1)" : : "r"(r), "r"(XKPHYS_UNCACHED(0x90000000UL))); report("DBE store");
    call_bad(XKPHYS_UNCACHED(0x90000000UL));
    report("IBE fetch");

    /* faults in branch delay slots: EPC is the branch, BD is set */
    __asm__ volatile(".set noreorder\n\tbeq $0, $0, 1f\n\tlw %0, 1(%1)\n1:\n\t.set reorder" : "=r"(r) : "r"(base));
    report("AdEL in delay slot");
    __asm__ volatile(".set noreorder\n\tbnel %1, $0, 1f\n\tsyscall\n1:\n\t.set reorder" : "=r"(r) : "r"(base));
    report("Sys in likely slot");
    __asm__ volatile(".set noreorder\n\tjal 1f\n\tteq $0, $0\n1:\n\t.set reorder" : : : "ra");
    report("Tr in jal slot");
    __asm__ volatile(".set noreorder\n\tbne %2, $0, 1f\n\tadd %0, %1, %1\n1:\n\t.set reorder" : "=r"(r) : "r"(0x7fffffffUL), "r"(0UL));
    report("Ov in untaken slot");

    /* software interrupt: IP0 with IM0 and IE */
    exc_hook = swint_hook;
    MTC0(12, 0, MFC0(12, 0) | 0x100 | ST_IE);
    MTC0(13, 0, MFC0(13, 0) | 0x100);
    for (volatile int i = 0; i < 10; i++) { }
    MTC0(12, 0, MFC0(12, 0) & ~(0x100u | ST_IE));
    exc_hook = 0;
    printf("software interrupts taken: %d\n", swint_seen);

    /* CP0 from user mode and coprocessor usable bit */
    printf("status=%08x\n", MFC0(12, 0));
    return 0;
}
