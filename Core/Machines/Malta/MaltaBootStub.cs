using VzFast.Cpu;
using static VzFast.Cpu.Assembler;

namespace VzFast.Machines.Malta;

/// <summary>
/// The code the board puts at the reset vector when a kernel is given, doing what QEMU's Malta
/// write_bootloader does: jump to +0x580, program the GT-64120 as YAMON leaves it (registers moved
/// to 0x1be00000, PCI I/O at 0x18000000, PCI memory windows), load sp and the YAMON arguments
/// a0=argc a1=argv a2=envp a3=RAM size, and call the kernel through t9. At +0x500 sits YAMON's
/// service table, at +0x800 minimal YAMON services (print through the Super I/O UART).
/// </summary>
public static class MaltaBootStub
{
    // o32 names, as the YAMON services use them: t0..t5 are $8..$13
    private const int Zero = 0, V0 = 2, A0 = 4, A1 = 5, A2 = 6, A3 = 7, T0 = 8, T1 = 9, T2 = 10, T3 = 11, T4 = 12, T5 = 13;
    private const int T9 = 25, K0 = 26, K1 = 27, Sp = 29, Ra = 31;
    private const uint RunAddress = 0x9FC0_0000; // kseg0 view of the reset address
    private const ulong GtRegisters = 0xFFFF_FFFF_BBE0_0000UL;

    public static byte[] Build(ulong kernelEntry, ulong ramLowSize)
    {
        var rom = new byte[0x1000];
        void Put(int offset, IEnumerable<uint> words)
        {
            foreach (var w in words)
            {
                BitConverter.TryWriteBytes(rom.AsSpan(offset), w);
                offset += 4;
            }
        }

        Put(0x000, [Encode(Opcode.J, ("target", (long)(((RunAddress + 0x580) & 0x0FFF_FFFF) >> 2))), Nop]);

        // YAMON service vector table
        Put(0x500, [RunAddress + 0x580, RunAddress + 0x83C]);
        Put(0x520, [RunAddress + 0x580]);
        Put(0x52C, [RunAddress + 0x800]);
        Put(0x534, [RunAddress + 0x808]);
        for (int o = 0x538; o <= 0x554; o += 4) Put(o, [RunAddress + 0x800]);

        var code = new List<uint>();
        WriteGt(code, 0xFFFF_FFFF_B400_0068UL, 0x1BE0_0000 >> 21);    // GT ISD: registers to 0x1be00000
        WriteGt(code, GtRegisters + 0x48, 0x1800_0000 >> 21);          // PCI0 I/O window 0x18000000..
        WriteGt(code, GtRegisters + 0x50, 0x40);                       // ..0x181fffff
        WriteGt(code, GtRegisters + 0x58, 0x1000_0000 >> 21);          // PCI0 MEM0 0x10000000..
        WriteGt(code, GtRegisters + 0x60, 0x3F);                       // ..0x17dfffff
        WriteGt(code, GtRegisters + 0x80, 0x1820_0000 >> 21);          // PCI0 MEM1 0x18200000..
        WriteGt(code, GtRegisters + 0x88, 0x5E);                       // ..0x1bdfffff
        code.AddRange(LoadConstant(Sp, MaltaLayout.EnvVirtual - 64));
        code.AddRange(LoadConstant(A0, 2));
        code.AddRange(LoadConstant(A1, MaltaLayout.EnvVirtual));
        code.AddRange(LoadConstant(A2, MaltaLayout.EnvVirtual + 8));
        code.AddRange(LoadConstant(A3, ramLowSize));
        code.AddRange(LoadConstant(T9, kernelEntry));
        code.Add(Jalr(T9));
        code.Add(Nop);
        Put(0x580, code);

        Put(0x800, YamonServices());
        return rom;
    }

    private static void WriteGt(List<uint> code, ulong address, uint value)
    {
        code.Add(Lui(K0, (short)(value >> 16)));
        code.Add(Ori(K0, K0, value & 0xFFFF));
        code.AddRange(LoadConstant(K1, address));
        code.Add(Mem(Opcode.Sw, K0, K1, 0));
    }

    /// <summary>0x800 return 0; 0x808 print(a1 = string); 0x83c print_count(a1 = buffer, a2 = count); 0x870 outch(a0).</summary>
    private static uint[] YamonServices()
    {
        uint B(long words) => Encode(Opcode.B, ("imm", words));
        uint Beqz(int rs, long words) => Encode(Opcode.Beq, ("rs", rs), ("rt", Zero), ("imm", words));
        uint Bnez(int rs, long words) => Encode(Opcode.Bne, ("rs", rs), ("rt", Zero), ("imm", words));
        uint Jal(uint target) => Encode(Opcode.Jal, ("target", (long)((target & 0x0FFF_FFFF) >> 2)));
        uint Move(int rd, int rs) => R3(Opcode.Addu, rd, rs, Zero);
        uint outch = RunAddress + 0x870;
        return
        [
            // 0x800: return 0
            Jalr(Ra, Zero), I(Opcode.Addiu, V0, Zero, 0),
            // 0x808: print
            Move(T5, Ra), Move(T3, A0), Move(T2, A1),
            Mem(Opcode.Lbu, A0, T2, 0), I(Opcode.Addiu, T2, T2, 1), Beqz(A0, 5), Nop,
            Jal(outch), Nop, B(-7), Nop,
            Jalr(T5, Zero), Move(A0, T3),
            // 0x83c: print_count
            Move(T5, Ra), Move(T3, A0), Move(T2, A1), Move(T4, A2),
            Mem(Opcode.Lbu, A0, T2, 0), Jal(outch), Nop, I(Opcode.Addiu, T2, T2, 1), I(Opcode.Addiu, T4, T4, -1),
            Bnez(T4, -6), Nop,
            Jalr(T5, Zero), Move(A0, T3),
            // 0x870: outch — wait for THR empty on the Super I/O UART, then send a0
            Lui(T0, unchecked((short)0xB800)), Ori(T0, T0, 0x3F8),
            Mem(Opcode.Lbu, T1, T0, 5), Nop, I(Opcode.Andi, T1, T1, 0x40), Beqz(T1, -4), Nop,
            Jalr(Ra, Zero), Mem(Opcode.Sb, A0, T0, 0),
        ];
    }
}
