using VzFast.Cp0;
using VzFast.Debugging;

namespace VzFast.Machines;

// The board as a debugger sees the guest (GDB's MIPS register numbering, as QEMU's gdbstub): the
// context the guest runs in (the vCPU's guest context under VZ, the CPU under -accel none),
// memory through the guest's kernel-mode translation, RAM only (no device side effects).
public abstract partial class Machine
{
    public IMachineDebugger? Debugger { get; set; }

    /// <summary>GDB's mips64 registers: 0-31 GPRs, 32 Status, 33 LO, 34 HI, 35 BadVAddr, 36 Cause, 37 PC, 38-69 FPU registers, 70 FCSR, 71 FIR (zero without an FPU).</summary>
    public const int DebugRegisterCount = 73;

    public ulong DebugPc => Vcpu?.Pc ?? Cpu.Pc;

    public ulong ReadDebugRegister(int n)
    {
        var v = Vcpu;
        return n switch
        {
            < 32 => v != null ? v.GetOneReg(Vz.Vcpu.RegGpr(n)) : Cpu.GetGpr(n),
            32 => Sext(ReadGuestCp0(Cp0Table.Status)),
            33 => v != null ? v.GetOneReg(Vz.Vcpu.RegLo) : Cpu.State.Lo,
            34 => v != null ? v.GetOneReg(Vz.Vcpu.RegHi) : Cpu.State.Hi,
            35 => ReadGuestCp0(Cp0Table.BadVAddr),
            36 => Sext(ReadGuestCp0(Cp0Table.Cause)),
            37 => DebugPc,
            >= 38 and < 70 when Cpu.Model.HasFpu => Cpu.GetFprRaw(n - 38),
            70 when Cpu.Model.HasFpu => Cpu.Fcsr,
            71 when Cpu.Model.HasFpu => Cpu.Model.Fir,
            _ => 0,
        };
    }

    private static ulong Sext(ulong v) => (ulong)(long)(int)(uint)v;

    public void WriteDebugRegister(int n, ulong value)
    {
        var v = Vcpu;
        switch (n)
        {
            case < 32:
                if (v != null) v.SetOneReg(Vz.Vcpu.RegGpr(n), value);
                else Cpu.SetGpr(n, value);
                break;
            case 32: WriteGuestCp0(Cp0Table.Status, value); break;
            case 33:
                if (v != null) v.SetOneReg(Vz.Vcpu.RegLo, value);
                else Cpu.State.Lo = value;
                break;
            case 34:
                if (v != null) v.SetOneReg(Vz.Vcpu.RegHi, value);
                else Cpu.State.Hi = value;
                break;
            case 36: WriteGuestCp0(Cp0Table.Cause, value); break;
            case >= 38 and < 70 when Cpu.Model.HasFpu: Cpu.SetFprRaw(n - 38, value); break;
            case 70 when Cpu.Model.HasFpu: Cpu.Fcsr = (uint)value; break;
            case 37:
                if (v != null) v.Pc = value;
                else Cpu.Pc = value;
                break;
        }
    }

    /// <summary>Reads guest memory at a virtual address (kernel-mode view); false where it is not RAM.</summary>
    public bool ReadDebugMemory(ulong va, Span<byte> data)
    {
        while (!data.IsEmpty)
        {
            int n = (int)Math.Min((ulong)data.Length, 0x1000 - (va & 0xFFF));
            if (!Cpu.DebugTranslate(va, Vcpu != null, out ulong pa) || !Bus.TryReadRam(pa, data[..n])) return false;
            data = data[n..];
            va += (ulong)n;
        }
        return true;
    }

    public bool WriteDebugMemory(ulong va, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int n = (int)Math.Min((ulong)data.Length, 0x1000 - (va & 0xFFF));
            if (!Cpu.DebugTranslate(va, Vcpu != null, out ulong pa) || !Bus.TryWriteRam(pa, data[..n])) return false;
            data = data[n..];
            va += (ulong)n;
        }
        return true;
    }
}
