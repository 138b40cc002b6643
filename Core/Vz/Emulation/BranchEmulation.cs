using VzFast.Cpu;

namespace VzFast.Vz.Emulation;

/// <summary>
/// The PC after a branch whose delay slot faulted (kvm_compute_return_epc): the branch is
/// evaluated again with the current registers (its link register was already written).
/// </summary>
public static class BranchEmulation
{
    /// <summary>The address execution continues at after the branch at <paramref name="pc"/> and its delay slot, or null if <paramref name="word"/> is no branch.</summary>
    public static ulong? NextPc(uint word, ulong pc, Func<int, ulong> reg)
    {
        var op = Decoder.Decode(word);
        long off = (short)word;
        ulong target = pc + 4 + (ulong)(off << 2);
        ulong fallThrough = pc + 8;
        int rs = (int)(word >> 21) & 31, rt = (int)(word >> 16) & 31;
        long s = (long)reg(rs);
        bool? taken = op switch
        {
            Opcode.Beq or Opcode.Beql => reg(rs) == reg(rt),
            Opcode.Bne or Opcode.Bnel => reg(rs) != reg(rt),
            Opcode.B or Opcode.Bal => true,
            Opcode.Blez or Opcode.Blezl => s <= 0,
            Opcode.Bgtz or Opcode.Bgtzl => s > 0,
            Opcode.Bltz or Opcode.Bltzl or Opcode.Bltzal or Opcode.Bltzall => s < 0,
            Opcode.Bgez or Opcode.Bgezl or Opcode.Bgezal or Opcode.Bgezall => s >= 0,
            _ => null,
        };
        if (taken is { } t) return t ? target : fallThrough;
        return op switch
        {
            Opcode.J or Opcode.Jal => ((pc + 4) & ~0x0FFF_FFFFUL) | ((ulong)(word & 0x03FF_FFFF) << 2),
            Opcode.Jr or Opcode.JrHb or Opcode.Jalr or Opcode.JalrHb => reg(rs),
            _ => null,
        };
    }
}
