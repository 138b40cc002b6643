/* The smallest guest: a greeting and the registers the boot stub passed. */
#include "guest.h"

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    printf("hello from a bare-metal MIPS64 guest\n");
    printf("a0=%lx a1=%lx a2=%lx a3=%lx sp=%lx\n", a0, a1, a2, a3, boot_regs[4]);
    printf("status at entry=%08lx now=%08x\n", boot_regs[5], MFC0(12, 0));
    printf("prid=%08x config0=%08x config1=%08x config2=%08x config3=%08x\n",
           MFC0(15, 0), MFC0(16, 0), MFC0(16, 1), MFC0(16, 2), MFC0(16, 3));
    uint32_t *argv = (uint32_t *)a1;
    printf("argc=%d argv0=\"%s\" argv1=\"%s\"\n", (int)a0, (char *)(int64_t)(int32_t)argv[0], (char *)(int64_t)(int32_t)argv[1]);
    uint32_t *envp = (uint32_t *)a2;
    for (int i = 0; envp[i] && i < 6; i += 2) /* memsize, ememsize, modetty0 (rngseed is random) */
        printf("env %s=%s\n", (char *)(int64_t)(int32_t)envp[i], (char *)(int64_t)(int32_t)envp[i + 1]);
    return 0;
}
