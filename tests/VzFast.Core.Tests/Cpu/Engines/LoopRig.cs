using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Memory;

namespace VzFast.Tests.Cpu.Engines;

/// <summary>
/// Small loops run on one engine and on the switch engine from the same registers, compared
/// register for register and by instruction count. Both block tiers of the JIT and the block
/// engine's decode start after a few visits, so the loops run compiled.
/// </summary>
internal static class LoopRig
{
    public const ulong Ram = 16 << 20;
    public const ulong CodeBase = 0xFFFF_FFFF_8001_0000UL, CodePhys = 0x1_0000;
    public const ulong DataA = 0xFFFF_FFFF_8020_0000UL, DataB = 0xFFFF_FFFF_8060_0000UL; // 4 MiB apart: one soft-TLB slot
    public const int Iterations = 300;

    public static uint Enc(Opcode op, params (string, long)[] f) => Assembler.Encode(op, f);

    /// <summary>A loop of <paramref name="body"/> counted down in $7, then an endless branch to itself.</summary>
    public static uint[] Loop(params uint[] body)
    {
        var code = new List<uint>(body)
        {
            Assembler.I(Opcode.Addiu, 7, 7, -1),
            Enc(Opcode.Bne, ("rs", 7), ("rt", 0), ("imm", -(body.Length + 2))),
            Assembler.Nop,
            Enc(Opcode.B, ("imm", -1)),
            Assembler.Nop,
        };
        return [.. code];
    }

    public static (ulong[] Regs, long Count, ulong Epc, ulong Cause) Run(ExecutionEngine engine, uint[] program, ulong[] init)
    {
        using var mem = new PhysicalMemory(Ram);
        var bus = new AddressMap();
        bus.MapRam("ram", 0, mem, 0, Ram);
        using var cpu = new CpuCore(bus) { Engine = engine };
        if (cpu.Blocks is { } blocks) blocks.DecodeThreshold = 2;
        if (cpu.Jit is { } jit)
        {
            jit.HotThreshold = 2;
            jit.RegionThreshold = 3;
            jit.Background = false;
        }
        var image = new byte[program.Length * 4];
        for (int i = 0; i < program.Length; i++) BitConverter.TryWriteBytes(image.AsSpan(i * 4), program[i]);
        Assert.True(bus.TryWriteRam(CodePhys, image));
        // the general exception vector: EPC += 4, ERET
        uint[] handler = [Enc(Opcode.Dmfc0, ("rt", 26), ("rd", 14), ("sel", 0)), Assembler.I(Opcode.Daddiu, 26, 26, 4),
            Enc(Opcode.Dmtc0, ("rt", 26), ("rd", 14), ("sel", 0)), Enc(Opcode.Eret)];
        for (int i = 0; i < handler.Length; i++) Assert.True(bus.TryWriteRam(0x180 + (ulong)i * 4, BitConverter.GetBytes(handler[i])));
        Assert.True(bus.TryWriteRam(DataA - 0xFFFF_FFFF_8000_0000UL, BitConverter.GetBytes(0x1111_0000)));
        Assert.True(bus.TryWriteRam(DataB - 0xFFFF_FFFF_8000_0000UL, BitConverter.GetBytes(0x2222_0000)));
        cpu.WriteCp0(Cp0Table.Status, Status.KXMask | Status.SXMask | Status.UXMask);
        for (int i = 1; i < 32; i++) cpu.SetGpr(i, init[i]);
        cpu.Pc = CodeBase;
        cpu.Run(Iterations * (program.Length + 2));
        if (engine == ExecutionEngine.Jit) Assert.True(cpu.Jit!.BlockInstructions > 0);
        if (engine == ExecutionEngine.Blocks) Assert.True(cpu.Blocks!.Decoded > 0);
        return (Enumerable.Range(0, 32).Select(r => cpu.GetGpr(r)).ToArray(), cpu.InstructionCount, cpu.ReadCp0(Cp0Table.EPC), cpu.ReadCp0(Cp0Table.Cause));
    }

    public static void SameAsSwitch(uint[] program, Action<ulong[]>? setup = null) => SameAsSwitch(ExecutionEngine.Jit, program, setup);

    public static void SameAsSwitch(ExecutionEngine engine, uint[] program, Action<ulong[]>? setup = null)
    {
        var init = new ulong[32];
        for (int i = 1; i < 32; i++) init[i] = 0x100 + (ulong)i;
        init[7] = Iterations;
        init[10] = DataA;
        init[11] = DataB;
        setup?.Invoke(init);
        var (want, wantCount, wantEpc, wantCause) = Run(ExecutionEngine.Switch, program, init);
        var (got, gotCount, gotEpc, gotCause) = Run(engine, program, init);
        Assert.Equal(wantEpc, gotEpc);
        Assert.Equal(wantCause, gotCause);
        for (int r = 0; r < 32; r++) Assert.True(want[r] == got[r], $"${r}: switch 0x{want[r]:x} {engine} 0x{got[r]:x}");
        Assert.Equal(wantCount, gotCount);
    }

}
