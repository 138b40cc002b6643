/* User mode: ERET into user code mapped through the TLB, system calls back into the kernel,
 * privileged instructions and kernel addresses refused, then return to kernel mode. */
#include "guest.h"

#define USER_VA 0x10000000UL
#define USER_DATA 0x10010000UL

/* Position-independent user code, copied to a page mapped at USER_VA. */
__asm__(
    ".set push\n.set noreorder\n.globl user_code, user_code_end\n"
    "user_code:\n"
    "  li    $2, 1\n"            /* syscall 1: say hello */
    "  syscall\n"
    "  li    $3, 0x1234\n"       /* store to user data, read it back */
    "  lui   $8, 0x1001\n"
    "  sw    $3, 0($8)\n"
    "  lw    $4, 0($8)\n"
    "  li    $2, 2\n"            /* syscall 2: report a0 */
    "  syscall\n"
    "  mfc0  $4, $12\n"          /* privileged: CpU */
    "  lui   $9, 0x8010\n"       /* kernel address: AdEL */
    "  lw    $4, 0($9)\n"
    "  sw    $4, 0($9)\n"        /* and AdES */
    "  tlbwi\n"                  /* privileged TLB op: CpU */
    "  di    $4\n"               /* and DI */
    "  break 3\n"
    "  li    $2, 0\n"            /* syscall 0: back to the kernel */
    "  syscall\n"
    "1: b 1b\n"
    "  nop\n"
    "user_code_end:\n"
    ".set pop\n");
extern uint32_t user_code[], user_code_end[];

static volatile int back_in_kernel;
static uint64_t kernel_return;

static int user_hook(struct frame *f, uint32_t code)
{
    uint32_t status = MFC0(12, 0);
    uint64_t epc = DMFC0(14, 0);
    if (code == 8) {
        switch (f->r[2]) {
        case 1: printf("user: hello (ksu=%u, epc=%lx)\n", (status >> 3) & 3, epc); break;
        case 2: printf("user: read back %lx\n", f->r[4]); break;
        case 0:
            printf("user: exit to kernel\n");
            MTC0(12, 0, status & ~ST_UM);
            DMTC0(14, 0, kernel_return);
            return 1;
        }
    } else {
        printf("user fault: %-5s epc=%lx badvaddr=%lx ce=%u ksu=%u\n", exc_name(code), epc - USER_VA,
               (code == 4 || code == 5) ? DMFC0(8, 0) : 0, (MFC0(13, 0) >> 28) & 3, (status >> 3) & 3);
    }
    DMTC0(14, 0, epc + 4);
    return 1;
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    tlb_clear();
    /* user code page and data page, ASID 3 */
    uint64_t code_pa = 0x2000000, data_pa = 0x2010000;
    uint32_t *dst = (uint32_t *)KSEG0(code_pa);
    for (uint32_t *p = user_code; p < user_code_end; p++) *dst++ = *p;
    DMTC0(10, 0, 3);
    tlb_write(0, USER_VA | 3, ENTRYLO(code_pa, 0, 1, 0), 0, 0);
    tlb_write(1, USER_DATA | 3, ENTRYLO(data_pa, 1, 1, 0), 0, 0);

    exc_hook = user_hook;
    DMTC0(14, 0, USER_VA);
    MTC0(12, 0, (MFC0(12, 0) & ~ST_UM) | (2 << 3) | ST_EXL);  /* KSU=user, EXL: ERET drops to user */
    /* the syscall-0 handler resumes at label 1, in kernel mode, with the registers the user left */
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "lui $8, %%hi(1f)\n\tdaddiu $8, $8, %%lo(1f)\n\tsd $8, 0(%0)\n\t"
                     "eret\n\tnop\n1:\n\t.set pop"
                     : : "r"(&kernel_return) : "$2", "$3", "$4", "$8", "$9", "memory");
    exc_hook = 0;
    printf("kernel again: status=%08x\n", MFC0(12, 0));
    /* user mode without UX: an address in xuseg is an address error */
    return 0;
}
