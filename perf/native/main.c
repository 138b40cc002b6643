/* Runs the compute guest's main natively with "scale=N" passed as the guest gets it: a0 = argc,
 * a1 = an array of 32-bit argument pointers (the program is linked -no-pie, so they fit). */
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>

int guest_main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3);

static char arg[64];
static uint32_t argv32[2];

int main(int argc, char **argv)
{
    snprintf(arg, sizeof arg, "scale=%s", argc > 1 ? argv[1] : "1");
    argv32[0] = (uint32_t)(uintptr_t)arg;
    argv32[1] = (uint32_t)(uintptr_t)arg;
    return guest_main(2, (uint64_t)(uintptr_t)argv32, 0, 0);
}
