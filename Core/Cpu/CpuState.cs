using System.Runtime.InteropServices;

namespace VzFast.Cpu;

/// <summary>
/// The architectural state of one MIPS64 CPU as one blittable block in native memory, so every
/// engine (and generated IL) reaches it through one pointer. CP0 is indexed by reg * 8 + sel.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct CpuState
{
    public fixed ulong Gpr[32];
    public ulong Hi, Lo;
    /// <summary>The instruction to execute next, and the one after it (branches write NextPc).</summary>
    public ulong Pc, NextPc;
    /// <summary>The instruction now executing (for EPC and links).</summary>
    public ulong CurPc;
    /// <summary>
    /// Delay-slot state, shifted right after every instruction: bit 0 = the instruction at Pc (or
    /// now executing) sits in a branch delay slot; a branch sets bit 1 for the one after it.
    /// </summary>
    public int DelaySlot;
    /// <summary>LL/SC: the link bit, linked virtual address and the value LL read (QEMU compares it on SC).</summary>
    public int LLBit;
    public ulong LLVAddr, LLValue;
    /// <summary>Instructions issued since reset, including those that raised an exception: the virtual clock.</summary>
    public long InstructionCount;
    /// <summary>Root CP0 (the CPU's own registers).</summary>
    public fixed ulong Cp0[256];
    /// <summary>The guest CP0 context of the VZ module (Vol. IV-i, "CP0 Registers in Guest CP0 context").</summary>
    public fixed ulong GuestCp0[256];
    /// <summary>FPU registers (64 bits each; with Status.FR = 0 a double is an even/odd pair of low words), and FCSR (FCR31).</summary>
    public fixed ulong Fpr[32];
    public uint Fcsr;
    /// <summary>MSA: the upper 64 bits of the 128-bit vector registers (the lower are the FPU registers), and MSACSR.</summary>
    public fixed ulong VprHigh[32];
    public uint Msacsr;
    /// <summary>LASX: bits 255:128 of the 256-bit registers, two words per register (Loongson's extension of MSA).</summary>
    public fixed ulong VprUpper[64];
}
