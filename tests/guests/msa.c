/* MSA on QEMU's -cpu Loongson-3A4000: every integer MSA instruction (the floating-point ones are in msafp.c) on chosen
 * vectors (edges of every element width), printing result vectors; MSA Disabled while
 * Config5.MSAEn is clear; MSAIR/MSACSR; loads and stores; BZ/BNZ. Built hard-float with -mmsa. */
#include "guest.h"

#define ST_CU1 (1u << 29)
#define ST_FR  (1u << 26)

typedef struct { uint64_t lo, hi; } v128;
static v128 in[4] = {
    { 0x0123456789abcdefUL, 0xfedcba9876543210UL }, { 0x8000000000000001UL, 0x7fffffffffffffffUL },
    { 0x00ff00ff80807f7fUL, 0xffff00000000ffffUL }, { 0x0000000000000000UL, 0x0102030405060708UL },
};
static v128 out;

#define LD2(w) __asm__ volatile(".set push\n\t.set msa\n\t.set fp=64\n\tld.d $w1, 0(%0)\n\tld.d $w2, 0(%1)\n\t" w "\n\tst.d $w3, 0(%2)\n\t.set pop" \
    : : "r"(&in[i]), "r"(&in[j]), "r"(&out) : "$t8", "memory")
#define P(name) printf(" %s %lx:%lx", name, out.hi, out.lo)
#define OPS(m) do { LD2(m ".b $w3, $w1, $w2"); P("b"); LD2(m ".h $w3, $w1, $w2"); P("h"); LD2(m ".w $w3, $w1, $w2"); P("w"); LD2(m ".d $w3, $w1, $w2"); P("d"); } while (0)

static void __attribute__((noinline)) run(void)
{
    for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) {
        printf("%d %d:", i, j);
        OPS("addv"); OPS("subv"); OPS("mulv"); OPS("max_s"); OPS("max_u"); OPS("min_s"); OPS("min_u");
        OPS("ceq"); OPS("clt_s"); OPS("clt_u"); OPS("cle_s"); OPS("cle_u"); OPS("sll"); OPS("sra"); OPS("srl");
        OPS("add_a"); OPS("adds_a"); OPS("adds_s"); OPS("adds_u"); OPS("ave_s"); OPS("ave_u"); OPS("aver_s"); OPS("aver_u");
        OPS("subs_s"); OPS("subs_u"); OPS("subsus_u"); OPS("subsuu_s"); OPS("asub_s"); OPS("asub_u");
        OPS("div_s"); OPS("div_u"); OPS("mod_s"); OPS("mod_u");
        OPS("bclr"); OPS("bset"); OPS("bneg");
        LD2("slli.b $w3, $w1, 3"); P("slli"); LD2("srai.h $w3, $w1, 13"); P("srai"); LD2("srli.w $w3, $w1, 31"); P("srli");
        LD2("bclri.d $w3, $w1, 63"); P("bclri"); LD2("bseti.b $w3, $w1, 7"); P("bseti"); LD2("bnegi.h $w3, $w1, 9"); P("bnegi");
        LD2("li $t8, 13\n\tsplat.b $w3, $w1[$t8]"); P("splatb"); LD2("li $t8, 5\n\tsplat.d $w3, $w2[$t8]"); P("splatd");
        OPS("srar"); OPS("srlr");
        LD2("ld.d $w3, 0(%1)\n\tbmnzi.b $w3, $w1, 0x3c"); P("bmnzi"); LD2("ld.d $w3, 0(%1)\n\tbmzi.b $w3, $w1, 0xa5"); P("bmzi");
        LD2("ld.d $w3, 0(%1)\n\tbseli.b $w3, $w1, 0x81"); P("bseli"); LD2("shf.b $w3, $w1, 0x1b"); P("shfb"); LD2("shf.h $w3, $w1, 0xd8"); P("shfh");
        LD2("shf.w $w3, $w1, 0x4e"); P("shfw"); LD2("sat_s.b $w3, $w1, 3"); P("sats"); LD2("sat_u.h $w3, $w1, 10"); P("satu");
        LD2("sat_s.d $w3, $w1, 40"); P("satsd"); LD2("srari.w $w3, $w1, 7"); P("srari"); LD2("srlri.b $w3, $w1, 1"); P("srlri");
        LD2("srari.d $w3, $w1, 0"); P("srari0");
        OPS("pckev"); OPS("pckod"); OPS("ilvl"); OPS("ilvr"); OPS("ilvev"); OPS("ilvod");
#define WIDE(m) do { LD2("ld.d $w3, 0(%1)\n\t" m ".h $w3, $w1, $w2"); P("h"); LD2("ld.d $w3, 0(%1)\n\t" m ".w $w3, $w1, $w2"); P("w"); \
                     LD2("ld.d $w3, 0(%1)\n\t" m ".d $w3, $w1, $w2"); P("d"); } while (0)
        WIDE("dotp_s"); WIDE("dotp_u"); WIDE("dpadd_s"); WIDE("dpadd_u"); WIDE("dpsub_s"); WIDE("dpsub_u");
        WIDE("hadd_s"); WIDE("hadd_u"); WIDE("hsub_s"); WIDE("hsub_u");
        LD2("ld.d $w3, 0(%1)\n\tmaddv.h $w3, $w1, $w2"); P("maddv"); LD2("ld.d $w3, 0(%1)\n\tmsubv.d $w3, $w1, $w2"); P("msubv");
        LD2("and.v $w3, $w1, $w2"); P("and"); LD2("or.v $w3, $w1, $w2"); P("or"); LD2("nor.v $w3, $w1, $w2"); P("nor");
        LD2("xor.v $w3, $w1, $w2"); P("xor");
        OPS("max_a"); OPS("min_a");
        LD2("ld.d $w3, 0(%1)\n\tbinsl.b $w3, $w1, $w2"); P("binsl"); LD2("ld.d $w3, 0(%1)\n\tbinsr.h $w3, $w1, $w2"); P("binsr");
        LD2("ld.d $w3, 0(%1)\n\tbinsl.w $w3, $w1, $w2"); P("binslw"); LD2("ld.d $w3, 0(%1)\n\tbinsr.d $w3, $w1, $w2"); P("binsrd");
        LD2("ld.d $w3, 0(%1)\n\tbinsli.b $w3, $w1, 2"); P("binsli"); LD2("ld.d $w3, 0(%1)\n\tbinsri.d $w3, $w1, 40"); P("binsri");
        LD2("ld.d $w3, 0(%1)\n\tbinsli.h $w3, $w1, 15"); P("binslih"); LD2("ld.d $w3, 0(%1)\n\tbinsri.w $w3, $w1, 0"); P("binsriw");
        LD2("ld.d $w3, 0(%1)\n\tli $t8, 5\n\tsld.b $w3, $w1[$t8]"); P("sldb"); LD2("ld.d $w3, 0(%1)\n\tli $t8, 11\n\tsld.h $w3, $w1[$t8]"); P("sldh");
        LD2("ld.d $w3, 0(%1)\n\tli $t8, 3\n\tsld.w $w3, $w1[$t8]"); P("sldw"); LD2("ld.d $w3, 0(%1)\n\tli $t8, 1\n\tsld.d $w3, $w1[$t8]"); P("sldd");
        LD2("ld.d $w3, 0(%1)\n\tsldi.b $w3, $w1[9]"); P("sldib"); LD2("ld.d $w3, 0(%1)\n\tsldi.w $w3, $w1[2]"); P("sldiw");
        LD2("splati.b $w3, $w1[11]"); P("splatib"); LD2("splati.h $w3, $w2[5]"); P("splatih"); LD2("splati.w $w3, $w1[3]"); P("splatiw");
        LD2("splati.d $w3, $w2[1]"); P("splatid");
        LD2("ld.d $w3, 0(%1)\n\tinsve.b $w3[7], $w1[0]"); P("insveb"); LD2("ld.d $w3, 0(%1)\n\tinsve.d $w3[1], $w1[0]"); P("insved");
        LD2("move.v $w3, $w2"); P("move");
        LD2("ld.d $w3, 0(%1)\n\tvshf.b $w3, $w1, $w2"); P("vshfb"); LD2("ld.d $w3, 0(%1)\n\tvshf.h $w3, $w1, $w2"); P("vshfh");
        LD2("ld.d $w3, 0(%1)\n\tvshf.w $w3, $w1, $w2"); P("vshfw"); LD2("ld.d $w3, 0(%1)\n\tvshf.d $w3, $w1, $w2"); P("vshfd");
        LD2("ld.d $w3, 0(%1)\n\tbmnz.v $w3, $w1, $w2"); P("bmnz"); LD2("ld.d $w3, 0(%1)\n\tbmz.v $w3, $w1, $w2"); P("bmz");
        LD2("ld.d $w3, 0(%1)\n\tbsel.v $w3, $w1, $w1"); P("bsel");
        printf("\n");
    }
    for (int i = 0; i < 4; i++) {
        int j = i;
        printf("imm %d:", i);
        LD2("addvi.b $w3, $w1, 17"); P("addvi"); LD2("subvi.h $w3, $w1, 31"); P("subvi"); LD2("maxi_s.w $w3, $w1, -3"); P("maxi_s");
        LD2("mini_u.d $w3, $w1, 9"); P("mini_u"); LD2("ceqi.b $w3, $w1, -1"); P("ceqi"); LD2("clti_s.h $w3, $w1, 5"); P("clti_s");
        LD2("clei_u.w $w3, $w1, 7"); P("clei_u"); LD2("andi.b $w3, $w1, 0x5a"); P("andi"); LD2("xori.b $w3, $w1, 0xff"); P("xori");
        LD2("pcnt.h $w3, $w1"); P("pcnt"); LD2("nlzc.w $w3, $w1"); P("nlzc"); LD2("nloc.b $w3, $w1"); P("nloc");
        LD2("ldi.h $w3, -200"); P("ldi");
        uint64_t s1, s2, u1; int64_t s3;
        __asm__ volatile(".set push\n\t.set msa\n\t.set fp=64\n\tld.d $w1, 0(%4)\n\tcopy_s.b %0, $w1[13]\n\tcopy_s.h %1, $w1[6]\n\tcopy_u.w %2, $w1[1]\n\t"
                         "copy_s.d %3, $w1[1]\n\t.set pop" : "=r"(s1), "=r"(s2), "=r"(u1), "=r"(s3) : "r"(&in[i]) : "memory");
        printf(" copy %lx %lx %lx %lx", s1, s2, u1, s3);
        __asm__ volatile(".set push\n\t.set msa\n\t.set fp=64\n\tld.d $w1, 0(%0)\n\tfill.w $w3, %1\n\tinsert.b $w3[3], %1\n\tinsert.d $w1[0], %1\n\t"
                         "st.d $w3, 0(%2)\n\tst.b $w1, 16(%2)\n\t.set pop" : : "r"(&in[i]), "r"(0x1122334455667788UL + i), "r"(&out) : "memory");
        P("fill");
        int bz, bnz;
        __asm__ volatile(".set push\n\t.set msa\n\t.set fp=64\n\tld.d $w1, 0(%2)\n\tli %0, 0\n\tbz.b $w1, 1f\n\tnop\n\tli %0, 1\n1:\n\tli %1, 0\n\t"
                         "bnz.v $w1, 2f\n\tnop\n\tli %1, 1\n2:\n\t.set pop" : "=&r"(bz), "=&r"(bnz) : "r"(&in[i]) : "memory");
        printf(" bz %d %d\n", bz, bnz);
    }
    uint32_t ir, csr;
    __asm__ volatile(".set push\n\t.set msa\n\tcfcmsa %0, $0\n\tctcmsa $1, %2\n\tcfcmsa %1, $1\n\t.set pop" : "=r"(ir), "=r"(csr) : "r"(0xffffffffu));
    printf("msair %x msacsr %x\n", ir, csr);
    __asm__ volatile(".set push\n\t.set msa\n\tctcmsa $1, $zero\n\t.set pop");
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    install_vectors();
    MTC0(12, 0, MFC0(12, 0) | ST_CU1 | ST_FR);
    /* MSA Disabled while Config5.MSAEn is clear */
    __asm__ volatile(".set push\n\t.set msa\n\tldi.b $w0, 1\n\t.set pop");
    printf("msaen clear: exc %s count %d\n", exc_name(last_exc.code), last_exc.count);
    MTC0(16, 5, MFC0(16, 5) | (1u << 27));
    printf("msaen %x\n", (MFC0(16, 5) >> 27) & 1);
    run();
    guest_exit(0);
}
