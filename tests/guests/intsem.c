/* Integer-semantics battery: every R2 integer instruction family on edge values; the output is
 * compared byte for byte with QEMU's. Each line is one instruction result in hex. */
#include "guest.h"

typedef uint64_t u64;
static const u64 vals[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
    0xffffffff80000000UL, 0xffffffffffffffffUL, 0x8000000000000000UL, 0x7fffffffffffffffUL,
    0x123456789abcdef0UL, 0xfedcba9876543210UL, 0x00000000deadbeefUL, 0xffffffff12345678UL,
};
#define NV (int)(sizeof vals / sizeof vals[0])

static u64 sum;
static void out(const char *name, int i, int j, u64 v)
{
    sum = sum * 31 + v;
    printf("%s %d %d %016lx\n", name, i, j, v);
}

#define OP3(name, insn) do { for (int i = 0; i < NV; i++) for (int j = 0; j < NV; j += 3) { u64 r; \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(vals[i]), "r"(vals[j])); out(name, i, j, r); } } while (0)
#define OPSH(name, insn, sa) do { for (int i = 0; i < NV; i++) { u64 r; \
    __asm__ volatile(insn " %0, %1, " #sa : "=r"(r) : "r"(vals[i])); out(name, i, sa, r); } } while (0)
#define OP1(name, insn) do { for (int i = 0; i < NV; i++) { u64 r; \
    __asm__ volatile(insn " %0, %1" : "=r"(r) : "r"(vals[i])); out(name, i, 0, r); } } while (0)
#define OPI(name, insn, imm) do { for (int i = 0; i < NV; i++) { u64 r; \
    __asm__ volatile(insn " %0, %1, " #imm : "=r"(r) : "r"(vals[i])); out(name, i, imm, r); } } while (0)
#define HILO(name, insn) do { for (int i = 0; i < NV; i++) for (int j = 0; j < NV; j += 2) { u64 hi, lo; \
    __asm__ volatile("mthi $0\n\tmtlo $0\n\t" insn " %2, %3\n\tmfhi %0\n\tmflo %1" : "=r"(hi), "=r"(lo) : "r"(vals[i]), "r"(vals[j]) : "hi", "lo"); \
    out(name "-hi", i, j, hi); out(name "-lo", i, j, lo); } } while (0)
#define ACC(name, insn) do { for (int i = 0; i < NV; i += 2) for (int j = 0; j < NV; j += 3) { u64 hi, lo; \
    __asm__ volatile("mthi %2\n\tmtlo %3\n\t" insn " %2, %3\n\tmfhi %0\n\tmflo %1" : "=r"(hi), "=r"(lo) : "r"(vals[i]), "r"(vals[j]) : "hi", "lo"); \
    out(name "-hi", i, j, hi); out(name "-lo", i, j, lo); } } while (0)

static uint8_t mem[32] __attribute__((aligned(16)));

static void unaligned(void)
{
    for (int off = 0; off < 16; off++) {
        for (int k = 0; k < 32; k++) mem[k] = (uint8_t)(0x11 * k + 3);
        u64 r = 0x0123456789abcdefUL, a = (u64)&mem[off];
        __asm__ volatile("lwl %0, 0(%1)" : "+r"(r) : "r"(a)); out("lwl", off, 0, r);
        r = 0x0123456789abcdefUL; __asm__ volatile("lwr %0, 0(%1)" : "+r"(r) : "r"(a)); out("lwr", off, 0, r);
        r = 0x0123456789abcdefUL; __asm__ volatile("ldl %0, 0(%1)" : "+r"(r) : "r"(a)); out("ldl", off, 0, r);
        r = 0x0123456789abcdefUL; __asm__ volatile("ldr %0, 0(%1)" : "+r"(r) : "r"(a)); out("ldr", off, 0, r);
        u64 v = 0xa1b2c3d4e5f60718UL;
        __asm__ volatile("swl %0, 0(%1)" : : "r"(v), "r"(a) : "memory");
        __asm__ volatile("swr %0, 8(%1)" : : "r"(v), "r"(a) : "memory");
        __asm__ volatile("sdl %0, 16(%1)" : : "r"(v), "r"((u64)&mem[off & 7]) : "memory");
        __asm__ volatile("sdr %0, 0(%1)" : : "r"(v), "r"((u64)&mem[8 + (off & 7)]) : "memory");
        u64 w0 = 0, w1 = 0, w2 = 0, w3 = 0;
        for (int k = 0; k < 8; k++) { w0 |= (u64)mem[k] << (8 * k); w1 |= (u64)mem[8 + k] << (8 * k);
                                      w2 |= (u64)mem[16 + k] << (8 * k); w3 |= (u64)mem[24 + k] << (8 * k); }
        out("st0", off, 0, w0); out("st1", off, 0, w1); out("st2", off, 0, w2); out("st3", off, 0, w3);
    }
    for (int k = 0; k < 32; k++) mem[k] = (uint8_t)(0x80 + k);
    for (int off = 0; off < 8; off++) {
        u64 a = (u64)&mem[off], r;
        __asm__ volatile("lb %0, 0(%1)" : "=r"(r) : "r"(a)); out("lb", off, 0, r);
        __asm__ volatile("lbu %0, 0(%1)" : "=r"(r) : "r"(a)); out("lbu", off, 0, r);
        if (!(off & 1)) { __asm__ volatile("lh %0, 0(%1)" : "=r"(r) : "r"(a)); out("lh", off, 0, r);
                          __asm__ volatile("lhu %0, 0(%1)" : "=r"(r) : "r"(a)); out("lhu", off, 0, r); }
        if (!(off & 3)) { __asm__ volatile("lw %0, 0(%1)" : "=r"(r) : "r"(a)); out("lw", off, 0, r);
                          __asm__ volatile("lwu %0, 0(%1)" : "=r"(r) : "r"(a)); out("lwu", off, 0, r); }
    }
}

static void bitfields(void)
{
    for (int i = 0; i < NV; i++) {
        u64 r, s = vals[i], t;
        __asm__ volatile("ext %0, %1, 3, 9" : "=r"(r) : "r"(s)); out("ext", i, 0, r);
        __asm__ volatile("ext %0, %1, 0, 32" : "=r"(r) : "r"(s)); out("ext32", i, 0, r);
        __asm__ volatile("dext %0, %1, 5, 27" : "=r"(r) : "r"(s)); out("dext", i, 0, r);
        __asm__ volatile("dextm %0, %1, 3, 40" : "=r"(r) : "r"(s)); out("dextm", i, 0, r);
        __asm__ volatile("dextu %0, %1, 35, 20" : "=r"(r) : "r"(s)); out("dextu", i, 0, r);
        t = 0x5555555555555555UL; __asm__ volatile("ins %0, %1, 4, 12" : "+r"(t) : "r"(s)); out("ins", i, 0, t);
        t = 0x5555555555555555UL; __asm__ volatile("ins %0, %1, 20, 12" : "+r"(t) : "r"(s)); out("ins2", i, 0, t);
        t = 0x5555555555555555UL; __asm__ volatile("dins %0, %1, 8, 16" : "+r"(t) : "r"(s)); out("dins", i, 0, t);
        t = 0x5555555555555555UL; __asm__ volatile("dinsm %0, %1, 20, 30" : "+r"(t) : "r"(s)); out("dinsm", i, 0, t);
        t = 0x5555555555555555UL; __asm__ volatile("dinsu %0, %1, 40, 16" : "+r"(t) : "r"(s)); out("dinsu", i, 0, t);
    }
}

static void divide(void)
{
    static const u64 d[] = { 0, 1, 0xffffffffffffffffUL, 7, 0xfffffffffffffff9UL, 0x80000000, 0xffffffff80000000UL, 0x8000000000000000UL };
    for (int i = 0; i < NV; i++) for (int j = 0; j < 8; j++) {
        u64 hi, lo;
        __asm__ volatile("div $0, %2, %3\n\tmfhi %0\n\tmflo %1" : "=r"(hi), "=r"(lo) : "r"(vals[i]), "r"(d[j]) : "hi", "lo");
        out("div-hi", i, j, hi); out("div-lo", i, j, lo);
        __asm__ volatile("divu $0, %2, %3\n\tmfhi %0\n\tmflo %1" : "=r"(hi), "=r"(lo) : "r"(vals[i]), "r"(d[j]) : "hi", "lo");
        out("divu-hi", i, j, hi); out("divu-lo", i, j, lo);
        __asm__ volatile("ddiv $0, %2, %3\n\tmfhi %0\n\tmflo %1" : "=r"(hi), "=r"(lo) : "r"(vals[i]), "r"(d[j]) : "hi", "lo");
        out("ddiv-hi", i, j, hi); out("ddiv-lo", i, j, lo);
        __asm__ volatile("ddivu $0, %2, %3\n\tmfhi %0\n\tmflo %1" : "=r"(hi), "=r"(lo) : "r"(vals[i]), "r"(d[j]) : "hi", "lo");
        out("ddivu-hi", i, j, hi); out("ddivu-lo", i, j, lo);
    }
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    printf("integer semantics battery\n");
    OP3("addu", "addu"); OP3("subu", "subu"); OP3("daddu", "daddu"); OP3("dsubu", "dsubu");
    OP3("and", "and"); OP3("or", "or"); OP3("xor", "xor"); OP3("nor", "nor");
    OP3("slt", "slt"); OP3("sltu", "sltu"); OP3("movz", "movz"); OP3("movn", "movn");
    OP3("sllv", "sllv"); OP3("srlv", "srlv"); OP3("srav", "srav"); OP3("rotrv", "rotrv");
    OP3("dsllv", "dsllv"); OP3("dsrlv", "dsrlv"); OP3("dsrav", "dsrav"); OP3("drotrv", "drotrv");
    OP3("mul", "mul");
    OPSH("sll", "sll", 0); OPSH("sll", "sll", 1); OPSH("sll", "sll", 31); OPSH("srl", "srl", 0); OPSH("srl", "srl", 31);
    OPSH("sra", "sra", 0); OPSH("sra", "sra", 17); OPSH("sra", "sra", 31); OPSH("rotr", "rotr", 0); OPSH("rotr", "rotr", 13);
    OPSH("dsll", "dsll", 0); OPSH("dsll", "dsll", 31); OPSH("dsrl", "dsrl", 7); OPSH("dsra", "dsra", 31);
    OPSH("drotr", "drotr", 5); OPSH("dsll32", "dsll32", 0); OPSH("dsll32", "dsll32", 31); OPSH("dsrl32", "dsrl32", 31);
    OPSH("dsra32", "dsra32", 0); OPSH("dsra32", "dsra32", 31); OPSH("drotr32", "drotr32", 7);
    OP1("clz", "clz"); OP1("clo", "clo"); OP1("dclz", "dclz"); OP1("dclo", "dclo");
    OP1("wsbh", "wsbh"); OP1("seb", "seb"); OP1("seh", "seh"); OP1("dsbh", "dsbh"); OP1("dshd", "dshd");
    OPI("addiu", "addiu", -1); OPI("addiu", "addiu", 32767); OPI("daddiu", "daddiu", -32768);
    OPI("slti", "slti", -1); OPI("sltiu", "sltiu", -1); OPI("sltiu", "sltiu", 128);
    OPI("andi", "andi", 0x8001); OPI("ori", "ori", 0xffff); OPI("xori", "xori", 0x8000);
    HILO("mult", "mult"); HILO("multu", "multu"); HILO("dmult", "dmult"); HILO("dmultu", "dmultu");
    ACC("madd", "madd"); ACC("maddu", "maddu"); ACC("msub", "msub"); ACC("msubu", "msubu");
    divide();
    bitfields();
    unaligned();
    printf("checksum %016lx\n", sum);
    return 0;
}
