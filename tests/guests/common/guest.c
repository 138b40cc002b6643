/* Serial output on the Malta Super I/O 16550 (ISA 0x3f8), exceptions, exit via the FPGA reset. */
#include "guest.h"

#define UART 0xffffffffb80003f8UL
#define FPGA_RESET 0xffffffffbf000500UL

volatile struct exc_info last_exc;
exc_hook_t exc_hook;
volatile uint64_t resume_at;
volatile int resume_at_ra;

void putc_(char c)
{
    if (c == '\n') putc_('\r');
    while (!(mmio_r8(UART + 5) & 0x20)) { }
    mmio_w8(UART, (uint8_t)c);
}

void puts_(const char *s) { while (*s) putc_(*s++); }

static void put_num(uint64_t v, int base, int width, char pad, int neg)
{
    char buf[32];
    int n = 0;
    do { int d = (int)(v % base); buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10); v /= base; } while (v);
    if (neg) buf[n++] = '-';
    while (n < width) buf[n++] = pad;
    while (n) putc_(buf[--n]);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') { putc_(*fmt); continue; }
        fmt++;
        char pad = ' ';
        int width = 0, longs = 0, left = 0;
        if (*fmt == '-') { left = 1; fmt++; }
        if (*fmt == '0') { pad = '0'; fmt++; }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') { longs++; fmt++; }
        switch (*fmt) {
        case 'd': { int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
                    put_num(v < 0 ? -(uint64_t)v : (uint64_t)v, 10, width, pad, v < 0); break; }
        case 'u': put_num(longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, width, pad, 0); break;
        case 'x': put_num(longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, width, pad, 0); break;
        case 'p': puts_("0x"); put_num(va_arg(ap, uint64_t), 16, 16, '0', 0); break;
        case 's': { const char *str = va_arg(ap, const char *); int len = 0;
                    while (str[len]) len++;
                    if (!left) for (int k = len; k < width; k++) putc_(' ');
                    puts_(str);
                    if (left) for (int k = len; k < width; k++) putc_(' ');
                    break; }
        case 'c': putc_((char)va_arg(ap, int)); break;
        case '%': putc_('%'); break;
        default: putc_('?'); break;
        }
    }
    va_end(ap);
    return 0;
}

void guest_exit(int code)
{
    printf("[exit %d]\n", code);
    mmio_w32(FPGA_RESET, 0x42);
    for (;;) { }
}

extern uint32_t vector_stubs[];

/* Copy the four vector stubs to EBase + 0x000, 0x080, 0x180 and 0x200, then leave BEV. */
void install_vectors(void)
{
    static const uint32_t offsets[] = { 0x000, 0x080, 0x180, 0x200 };
    uint64_t ebase = KSEG0(0);
    for (int i = 0; i < 4; i++) {
        uint32_t *dst = (uint32_t *)(ebase + offsets[i]);
        for (int k = 0; k < 8; k++) dst[k] = vector_stubs[i * 8 + k];
    }
    MTC0(12, 0, MFC0(12, 0) & ~(ST_BEV | ST_ERL));
}

const char *exc_name(uint32_t code)
{
    static const char *names[32] = { "Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE", "Sys", "Bp",
        "RI", "CpU", "Ov", "Tr", "MSAFPE", "FPE", "16", "17", "C2E", "TLBRI", "TLBXI", "MSADis", "MDMX",
        "WATCH", "MCheck", "Thread", "DSPDis", "GE", "28", "29", "CacheErr", "31" };
    return names[code & 31];
}

void handle_exception(struct frame *f)
{
    uint32_t cause = MFC0(13, 0);
    uint32_t code = (cause >> 2) & 31;
    if (exc_hook && exc_hook(f, code)) return;
    last_exc.count++;
    last_exc.cause = cause;
    last_exc.code = code;
    last_exc.epc = DMFC0(14, 0);
    last_exc.badvaddr = DMFC0(8, 0);
    last_exc.bd = (int)(cause >> 31);
    last_exc.vector = (uint32_t)f->r[27];
    if (code == 0) {
        printf("unexpected interrupt, cause %08x\n", cause);
        guest_exit(3);
    }
    if (resume_at) {
        DMTC0(14, 0, resume_at);
        resume_at = 0;
    } else if (resume_at_ra) {
        DMTC0(14, 0, f->r[31]);
        resume_at_ra = 0;
    } else {
        DMTC0(14, 0, last_exc.epc + (last_exc.bd ? 8 : 4));
    }
}

void tlb_clear(void)
{
    uint32_t entries = ((MFC0(16, 1) >> 25) & 63) + 1;
    MTC0(5, 0, 0);
    DMTC0(2, 0, 0);
    DMTC0(3, 0, 0);
    for (uint32_t i = 0; i < entries; i++) {
        DMTC0(10, 0, 0xffffffff80000000UL + (uint64_t)i * 0x2000 * 2);
        MTC0(0, 0, i);
        __asm__ volatile("tlbwi\n\tehb");
    }
}

void tlb_write(int index, uint64_t entryhi, uint64_t lo0, uint64_t lo1, uint32_t pagemask)
{
    MTC0(5, 0, pagemask);
    DMTC0(10, 0, entryhi);
    DMTC0(2, 0, lo0);
    DMTC0(3, 0, lo1);
    MTC0(0, 0, index);
    __asm__ volatile("tlbwi\n\tehb");
}

/* The compiler may emit calls to these even when freestanding. */
void *memset(void *d, int c, unsigned long n)
{
    uint8_t *p = d;
    while (n--) *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
    uint8_t *p = d;
    const uint8_t *q = s;
    while (n--) *p++ = *q++;
    return d;
}
