/* Bare-metal MIPS64 guest support: serial output, CP0 access, exceptions, exit. */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdint.h>

#define KSEG1(pa) (0xffffffffa0000000UL | (uint64_t)(pa))
#define KSEG0(pa) (0xffffffff80000000UL | (uint64_t)(pa))
#define XKPHYS_UNCACHED(pa) (0x9000000000000000UL | (uint64_t)(pa))
#define XKPHYS_CACHED(pa) (0x9800000000000000UL | (uint64_t)(pa))

static inline void mmio_w8(uint64_t a, uint8_t v) { *(volatile uint8_t *)a = v; }
static inline uint8_t mmio_r8(uint64_t a) { return *(volatile uint8_t *)a; }
static inline void mmio_w32(uint64_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t mmio_r32(uint64_t a) { return *(volatile uint32_t *)a; }

#define MFC0(reg, sel) ({ uint32_t __v; __asm__ volatile("mfc0 %0, $" #reg ", " #sel : "=r"(__v) : : "memory"); __v; })
#define MTC0(reg, sel, v) __asm__ volatile("mtc0 %0, $" #reg ", " #sel "\n\tehb" : : "r"((uint32_t)(v)) : "memory")
#define DMFC0(reg, sel) ({ uint64_t __v; __asm__ volatile("dmfc0 %0, $" #reg ", " #sel : "=r"(__v) : : "memory"); __v; })
#define DMTC0(reg, sel, v) __asm__ volatile("dmtc0 %0, $" #reg ", " #sel "\n\tehb" : : "r"((uint64_t)(v)) : "memory")

enum { C0_INDEX = 0, C0_ENTRYLO0 = 2, C0_ENTRYLO1 = 3, C0_CONTEXT = 4, C0_PAGEMASK = 5, C0_WIRED = 6,
       C0_BADVADDR = 8, C0_COUNT = 9, C0_ENTRYHI = 10, C0_COMPARE = 11, C0_STATUS = 12, C0_CAUSE = 13,
       C0_EPC = 14, C0_PRID = 15, C0_CONFIG = 16, C0_XCONTEXT = 20 };

#define ST_IE   0x1
#define ST_EXL  0x2
#define ST_ERL  0x4
#define ST_UM   0x10
#define ST_UX   0x20
#define ST_SX   0x40
#define ST_KX   0x80
#define ST_BEV  (1u << 22)
#define ST_CU0  (1u << 28)

/* Exception frame saved by start.S: r[0..31], hi, lo. */
struct frame { uint64_t r[32]; uint64_t hi, lo; };

/* What the last exception was (filled by the default handler). */
struct exc_info { int count; uint32_t cause; uint64_t epc, badvaddr; uint32_t code; int bd; uint32_t vector; };
extern volatile struct exc_info last_exc;

/* A test hook: return nonzero when it has handled the exception (and set EPC as it wants). */
typedef int (*exc_hook_t)(struct frame *f, uint32_t code);
extern exc_hook_t exc_hook;
/* When nonzero, the default handler resumes here instead of after the faulting instruction. */
extern volatile uint64_t resume_at;
/* When nonzero, the default handler resumes at the saved ra (for faults on a jalr's target). */
extern volatile int resume_at_ra;
extern uint64_t boot_regs[8];

void putc_(char c);
void puts_(const char *s);
int printf(const char *fmt, ...);
void guest_exit(int code) __attribute__((noreturn));
void install_vectors(void);
void tlb_clear(void);
void tlb_write(int index, uint64_t entryhi, uint64_t lo0, uint64_t lo1, uint32_t pagemask);
/* EntryLo for a physical address: PFN, cache attribute 2 (uncached) or 3 (cacheable), D, V, G. */
#define ENTRYLO(pa, d, v, g) ((((uint64_t)(pa) >> 12) << 6) | (3u << 3) | ((d) << 2) | ((v) << 1) | (g))
const char *exc_name(uint32_t code);
int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3);

#endif
