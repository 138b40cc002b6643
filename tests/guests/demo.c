/* The demo guest `vzfast` boots when run with no arguments: a banner and a tiny serial shell. */
#include "guest.h"

#define UART 0xffffffffb80003f8UL

static int getc_(void)
{
    while (!(mmio_r8(UART + 5) & 0x01)) { }
    return mmio_r8(UART);
}

static int read_line(char *buf, int size)
{
    int n = 0;
    for (;;) {
        int c = getc_();
        if (c == '\r' || c == '\n') { puts_("\n"); buf[n] = 0; return n; }
        if ((c == 0x7f || c == 8) && n > 0) { n--; puts_("\b \b"); continue; }
        if (c == 3) { puts_("^C\n"); buf[0] = 0; return 0; }
        if (c >= ' ' && n < size - 1) { buf[n++] = (char)c; putc_((char)c); }
    }
}

static int starts(const char *s, const char *word)
{
    while (*word) if (*s++ != *word++) return 0;
    return *s == 0 || *s == ' ';
}

static uint64_t fib(unsigned n)
{
    uint64_t a = 0, b = 1;
    while (n--) { uint64_t t = a + b; a = b; b = t; }
    return a;
}

static unsigned parse(const char *s)
{
    unsigned v = 0;
    while (*s == ' ') s++;
    while (*s >= '0' && *s <= '9') v = v * 10 + (unsigned)(*s++ - '0');
    return v;
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    printf("\nVzFast demo guest: bare-metal MIPS64 on a Malta board\n");
    printf("CPU PRId %08x, %u TLB entries, %lu MiB of RAM\n", MFC0(15, 0), ((MFC0(16, 1) >> 25) & 63) + 1, a3 >> 20);
    printf("Type 'help' for commands, 'quit' to leave (or Ctrl-A x).\n");
    char line[128];
    for (;;) {
        puts_("demo> ");
        read_line(line, sizeof line);
        if (line[0] == 0) continue;
        if (starts(line, "help")) {
            printf("help         this list\n");
            printf("info         CPU and board registers\n");
            printf("echo TEXT    print TEXT\n");
            printf("fib N        the Nth Fibonacci number\n");
            printf("count        the CP0 Count register\n");
            printf("quit         reset the board (VzFast exits)\n");
        } else if (starts(line, "info")) {
            printf("PRId    %08x\nConfig0 %08x\nConfig1 %08x\nStatus  %08x\n", MFC0(15, 0), MFC0(16, 0), MFC0(16, 1), MFC0(12, 0));
            printf("FPGA revision word %08x\n", mmio_r32(KSEG1(0x1fc00010)));
        } else if (starts(line, "echo")) {
            printf("%s\n", line[4] ? line + 5 : "");
        } else if (starts(line, "fib")) {
            unsigned n = parse(line + 3);
            printf("fib(%u) = %lu\n", n, fib(n > 93 ? 93 : n));
        } else if (starts(line, "count")) {
            printf("Count = %u\n", MFC0(9, 0));
        } else if (starts(line, "quit") || starts(line, "exit")) {
            printf("bye\n");
            return 0;
        } else {
            printf("unknown command '%s' (try help)\n", line);
        }
    }
}
