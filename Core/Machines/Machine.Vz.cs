using VzFast.Cp0;
using VzFast.Cpu;
using VzFast.Memory;
using VzFast.Vz;

namespace VzFast.Machines;

// The board as a VMM drives KVM (QEMU's kvm-all.c and target/mips/kvm.c): the board's RAM regions
// become memslots, its address map is the guest-physical MMIO bus, and the loop serves the exits
// Vcpu.Run returns — MMIO through the board's devices, shutdown, internal errors.
public abstract partial class Machine
{
    /// <summary>The VM and its one vCPU under -accel vz; null under -accel none.</summary>
    public Vm? Vm { get; private set; }
    public Vcpu? Vcpu { get; private set; }

    /// <summary>Memslot per board RAM region (the memory listener's view), by region.</summary>
    private readonly Dictionary<MemoryRegion, int> _slotOf = [];
    private int _nextSlotId;

    /// <summary>Builds the CPU the board runs: bare under -accel none, else the root CPU of a vCPU.</summary>
    protected CpuCore CreateCpu(CpuModel model, Accelerator accel)
    {
        if (accel == Accelerator.None) return new CpuCore(Bus, model, Scheduler);
        Vm = new Vm(Bus, Scheduler);
        SyncMemslots();
        Bus.Changed += SyncMemslots;
        Vcpu = new Vcpu(Vm, model);
        return Vcpu.Cpu;
    }

    /// <summary>kvm_region_add / kvm_region_del: one memslot per RAM region of the board's map, ROM read-only.</summary>
    private void SyncMemslots()
    {
        var ram = Bus.Regions.Where(r => r.IsRam && r.Ram != null).ToHashSet();
        foreach (var (region, id) in _slotOf.Where(p => !ram.Contains(p.Key)).ToList())
        {
            Vm!.DeleteMemoryRegion(id);
            _slotOf.Remove(region);
        }
        foreach (var r in ram.Where(r => !_slotOf.ContainsKey(r)).OrderBy(r => r.Start))
        {
            int id = _nextSlotId++;
            Vm!.SetMemoryRegion(id, r.Start, r.Ram!, r.RamOffset, r.Size, r.ReadOnly ? MemslotFlags.ReadOnly : MemslotFlags.None);
            _slotOf[r] = id;
        }
    }

    /// <summary>A board interrupt line (2..7): the CPU's pin, or under VZ the vCPU's KVM_INTERRUPT line.</summary>
    public void SetIrqLine(int line, bool level)
    {
        if (Vcpu != null) Vcpu.SetIrqLine(line, level);
        else Cpu.SetIrqLine(line, level);
    }

    /// <summary>Resets the CPU; under VZ the vCPU (guest context and timer) with it.</summary>
    protected void ResetProcessor()
    {
        if (Vcpu != null) Vcpu.Reset();
        else Cpu.Reset();
    }

    /// <summary>Reads a CP0 register of the context the guest runs in (the root CPU's, or the vCPU's guest CP0).</summary>
    protected ulong ReadGuestCp0(int index) => Vcpu != null ? Vcpu.GetOneReg(Vcpu.Cp0RegId(index)) : Cpu.ReadCp0(index);

    protected void WriteGuestCp0(int index, ulong value)
    {
        if (Vcpu != null) Vcpu.SetOneReg(Vcpu.Cp0RegId(index), value);
        else Cpu.WriteCp0(index, value);
    }

    /// <summary>One step of the loop under VZ: KVM_RUN, then serve the exit.</summary>
    private void RunVcpu(Vcpu vcpu, long budget)
    {
        var exit = vcpu.Run(budget);
        switch (exit.Reason)
        {
            case ExitReason.Mmio:
                ServeMmio(exit);
                break;
            case ExitReason.Shutdown:
                RequestExit(StopReason.Shutdown, (int)(exit.HypercallArgs[0] & 0xFF), $"guest powered off by hypercall (code {exit.HypercallArgs[0] & 0xFF})");
                break;
            case ExitReason.InternalError:
                RequestExit(StopReason.Error, 1, $"internal error in the hypervisor: {exit.Message}");
                break;
            case ExitReason.Debug:
                if (Debugger == null && !Cpu.BreakpointHit) RequestExit(StopReason.Error, 1, "a guest breakpoint with no debugger attached");
                break;
        }
    }

    /// <summary>
    /// KVM_EXIT_MMIO as QEMU serves it: the access goes to the device at the guest-physical address;
    /// unassigned addresses behave as under -accel none (quiet below the board's hole limit, else a
    /// bus error for the guest); writes to ROM are dropped. Code cannot run from devices under VZ.
    /// </summary>
    private void ServeMmio(VcpuExit exit)
    {
        var r = Bus.Find(exit.Address);
        if (exit.IsFetch)
        {
            if (r == null && exit.Address >= Bus.QuietHoleLimit)
            {
                exit.BusError = true;
                return;
            }
            RequestExit(StopReason.Error, 1, $"the guest fetched instructions from {(r == null ? "unassigned memory" : "device " + r.Name)} at guest physical 0x{exit.Address:x}, which VZ cannot execute");
            return;
        }
        if (r == null)
        {
            if (exit.Address >= Bus.QuietHoleLimit) exit.BusError = true;
            else exit.Data = 0;
            return;
        }
        if (r.Device == null)
        {
            // RAM reached as MMIO (a write to a read-only slot is dropped, as the CPU drops it)
            if (!exit.IsWrite)
            {
                Span<byte> b = stackalloc byte[8];
                b.Clear();
                Bus.TryReadRam(exit.Address, b[..exit.Width]);
                exit.Data = BitConverter.ToUInt64(b);
            }
            return;
        }
        if (exit.IsWrite) r.Device.Write(exit.Address - r.Start, exit.Width, exit.Data);
        else exit.Data = r.Device.Read(exit.Address - r.Start, exit.Width);
    }
}
