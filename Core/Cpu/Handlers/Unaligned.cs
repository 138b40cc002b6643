namespace VzFast.Cpu;

// Vol. II-A LWL/LWR/LDL/LDR/SWL/SWR/SDL/SDR in little-endian mode. With o = address & 3 (or 7):
// LWL fills the register's top o+1 bytes from the bytes at address-o..address; LWR fills its low
// 4-o bytes from address..address+3-o. The 32-bit forms sign-extend the merged word (as QEMU).
// Stores write byte by byte, so MMIO sees the bytes the instruction names.
public sealed unsafe partial class CpuCore
{
    private partial void Lwl(Mem op)
    {
        ulong va = Address(op);
        if (!LoadUnaligned32(va, out uint w)) return;
        int shift = (int)((va & 3) ^ 3) * 8;
        uint keep = shift == 0 ? 0u : (1u << shift) - 1;
        R[op.Rt] = Sext32((w << shift) | ((uint)R[op.Rt] & keep));
    }

    private partial void Lwr(Mem op)
    {
        ulong va = Address(op);
        if (!LoadUnaligned32(va, out uint w)) return;
        int shift = (int)(va & 3) * 8;
        uint keep = ~(0xFFFF_FFFFu >> shift);
        R[op.Rt] = Sext32((w >> shift) | ((uint)R[op.Rt] & keep));
    }

    private partial void Ldl(Mem op)
    {
        ulong va = Address(op);
        if (!LoadUnaligned64(va, out ulong d)) return;
        int shift = (int)((va & 7) ^ 7) * 8;
        ulong keep = shift == 0 ? 0UL : (1UL << shift) - 1;
        R[op.Rt] = (d << shift) | (R[op.Rt] & keep);
    }

    private partial void Ldr(Mem op)
    {
        ulong va = Address(op);
        if (!LoadUnaligned64(va, out ulong d)) return;
        int shift = (int)(va & 7) * 8;
        ulong keep = ~(ulong.MaxValue >> shift);
        R[op.Rt] = (d >> shift) | (R[op.Rt] & keep);
    }

    private partial void Swl(Mem op)
    {
        ulong va = Address(op);
        int o = (int)(va & 3);
        ulong v = R[op.Rt];
        for (int i = o; i >= 0; i--)
            if (!Store8(va - (ulong)(o - i), (byte)(v >> (8 * (3 - o + i))))) return;
    }

    private partial void Swr(Mem op)
    {
        ulong va = Address(op);
        int o = (int)(va & 3);
        ulong v = R[op.Rt];
        for (int i = o; i < 4; i++)
            if (!Store8(va + (ulong)(i - o), (byte)(v >> (8 * (i - o))))) return;
    }

    private partial void Sdl(Mem op)
    {
        ulong va = Address(op);
        int o = (int)(va & 7);
        ulong v = R[op.Rt];
        for (int i = o; i >= 0; i--)
            if (!Store8(va - (ulong)(o - i), (byte)(v >> (8 * (7 - o + i))))) return;
    }

    private partial void Sdr(Mem op)
    {
        ulong va = Address(op);
        int o = (int)(va & 7);
        ulong v = R[op.Rt];
        for (int i = o; i < 8; i++)
            if (!Store8(va + (ulong)(i - o), (byte)(v >> (8 * (i - o))))) return;
    }

    /// <summary>
    /// Probes the byte at the instruction's own address first, so a fault reports that address
    /// (as QEMU's gen_ld does), then loads the aligned unit holding it.
    /// </summary>
    private bool LoadUnaligned32(ulong va, out uint w)
    {
        w = 0;
        return Load8(va, out _) && Load32(va & ~3UL, out w);
    }

    private bool LoadUnaligned64(ulong va, out ulong d)
    {
        d = 0;
        return Load8(va, out _) && Load64(va & ~7UL, out d);
    }
}
