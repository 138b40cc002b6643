#include "guest.h"
int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    uint32_t c1 = MFC0(9, 0), cmp = MFC0(11, 0), cause = MFC0(13, 0);
    printf("count=%u compare=%u cause=%08x intctl=%08x\n", c1, cmp, cause, MFC0(12, 1));
    for (volatile int i = 0; i < 1000000; i++) { }
    uint32_t c2 = MFC0(9, 0);
    printf("count advanced by %u over ~5M insns, cause=%08x\n", c2 - c1, MFC0(13, 0));
    MTC0(11, 0, c2 + 1000);
    printf("after compare write cause=%08x\n", MFC0(13, 0));
    MTC0(9, 0, 12345);
    printf("count after write ~%u\n", MFC0(9, 0));
    printf("random=%u %u %u wired=%u index=%08x\n", MFC0(1,0), MFC0(1,0), MFC0(1,0), MFC0(6,0), MFC0(0,0));
    printf("entryhi=%lx pagemask=%x ctx=%lx xctx=%lx ebase=%08x\n", DMFC0(10,0), MFC0(5,0), DMFC0(4,0), DMFC0(20,0), MFC0(15,1));
    printf("lladdr=%lx watchlo=%lx watchhi=%x hwrena=%x perf=%x\n", DMFC0(17,0), DMFC0(18,0), MFC0(19,0), MFC0(7,0), MFC0(25,0));
    printf("userlocal=%lx kscratch1=%lx badinstr=%x pagegrain=%x debug=%08x\n", DMFC0(4,2), DMFC0(31,2), MFC0(8,1), MFC0(5,1), MFC0(23,0));
    MTC0(0, 0, 0xffffffff); MTC0(7, 0, 0xffffffff); MTC0(5, 0, 0xffffffff); MTC0(6, 0, 100);
    DMTC0(10, 0, 0xffffffffffffffffUL); DMTC0(2, 0, 0xffffffffffffffffUL); DMTC0(4, 0, 0xffffffffffffffffUL);
    DMTC0(20, 0, 0xffffffffffffffffUL); MTC0(15, 1, 0xffffffff); MTC0(16, 0, 0xffffffff);
    printf("index=%08x hwrena=%08x pagemask=%08x wired=%u entryhi=%lx entrylo0=%lx\n", MFC0(0,0), MFC0(7,0), MFC0(5,0), MFC0(6,0), DMFC0(10,0), DMFC0(2,0));
    printf("ctx=%lx xctx=%lx ebase=%08x config0=%08x\n", DMFC0(4,0), DMFC0(20,0), MFC0(15,1), MFC0(16,0));
    MTC0(15, 1, 0x80000000); MTC0(6, 0, 0); MTC0(5, 0, 0); DMTC0(10, 0, 0);
    uint32_t st = MFC0(12, 0);
    MTC0(12, 0, 0xffffffe0 | (st & 0x1f));
    printf("status after all-ones write=%08x\n", MFC0(12, 0));
    MTC0(12, 0, st);
    MTC0(13, 0, 0xffffffff);
    printf("cause after all-ones write=%08x\n", MFC0(13, 0));
    MTC0(13, 0, 0);
    return 0;
}
