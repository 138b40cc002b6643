using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VzFast.Cp0;
using VzFast.Memory;
using VzFast.Mmu;
using VzFast.Scheduling;

namespace VzFast.Cpu;

/// <summary>
/// One MIPS64 Release 2 CPU: state, the generated switch interpreter and the instruction handlers
/// (partial files under Cpu/Handlers, grouped by manual section), memory access through the
/// software TLB, exceptions and CP0.
/// </summary>
public sealed unsafe partial class CpuCore : IDisposable
{
    internal readonly CpuState* S;
    /// <summary>General registers, S->Gpr.</summary>
    internal readonly ulong* R;
    /// <summary>CP0 of the context now executing (root, or guest in VZ guest mode), indexed by Cp0Table constants.</summary>
    internal ulong* C;
    /// <summary>Root CP0, S->Cp0.</summary>
    internal readonly ulong* RC;
    /// <summary>Guest CP0, S->GuestCp0.</summary>
    internal readonly ulong* GC;

    public AddressMap Bus { get; }
    public CpuModel Model { get; }
    /// <summary>The root TLB (entries tagged with a GuestID when the VZ module is present).</summary>
    public Tlb Tlb { get; }
    /// <summary>The guest context's TLB (VZ).</summary>
    public Tlb GuestTlb { get; }
    /// <summary>Whether the CPU implements the VZ module (root Config3.VZ).</summary>
    public bool Virtualization { get; }
    public CpuStats Stats { get; } = new();
    public Scheduler Scheduler { get; }
    internal readonly SoftTlb Soft = new();

    /// <summary>The run loop stops when InstructionCount reaches this; RequestStop lowers it.</summary>
    private long _runEnd;

    public CpuCore(AddressMap bus, CpuModel? model = null, Scheduler? scheduler = null, bool virtualization = false)
    {
        Bus = bus;
        Model = model ?? CpuModel.Default;
        Virtualization = virtualization;
        Scheduler = scheduler ?? new Scheduler();
        Scheduler.DeadlineMovedEarlier = LimitRun;
        Scheduler.CurrentTime = () => VirtualTime;
        _timerEvent = Scheduler.CreateEvent("cp0-compare", OnCompareMatch);
        _guestTimerEvent = Scheduler.CreateEvent("guest-cp0-compare", OnGuestCompareMatch);
        S = (CpuState*)NativeMemory.AlignedAlloc((nuint)sizeof(CpuState), 64);
        NativeMemory.Clear(S, (nuint)sizeof(CpuState));
        R = S->Gpr;
        C = RC = S->Cp0;
        GC = S->GuestCp0;
        Tlb = new Tlb(Model.TlbSize, Model.SegBits, Model.PaBits);
        GuestTlb = new Tlb(Model.TlbSize, Model.SegBits, Model.PaBits);
        _tlb = Tlb;
        _paMask = (1UL << Model.PaBits) - 1;
        bus.Changed += Soft.FlushAll;
        Reset();
    }

    public ref CpuState State => ref *S;

    /// <summary>Instructions issued since reset, including those that raised an exception: the virtual clock.</summary>
    public long InstructionCount => S->InstructionCount;

    public ulong Pc
    {
        get => S->Pc;
        set
        {
            S->Pc = value;
            S->NextPc = value + 4;
            S->DelaySlot = 0;
        }
    }

    public ulong GetGpr(int index) => R[index];

    public void SetGpr(int index, ulong value)
    {
        if (index != 0) R[index] = value;
    }

    /// <summary>Cold reset: CP0 to the model's reset values, Status.BEV/ERL, PC at the reset vector, TLB invalid.</summary>
    public void Reset()
    {
        long count = S->InstructionCount;
        NativeMemory.Clear(S, (nuint)sizeof(CpuState));
        S->InstructionCount = count; // the virtual clock keeps running across a reset
        for (int i = 0; i < Cp0Table.Slots; i++)
            if (Cp0Table.Exists(i)) RC[i] = Model.Reset(i);
        if (Virtualization) ResetVirtualization();
        InitCp0Presence();
        Tlb.Clear();
        C = RC;
        _tlb = Tlb;
        InGuestMode = false;
        Halted = false;
        DebugMode = false;
        _hwIrqLines = 0;
        _countBias = 0;
        _random = RandomState.Initial;
        _guestRandom = RandomState.Initial;
        Pc = ResetVector;
        UpdateTranslationContext();
        Soft.FlushAll();
        _code?.Clear();
        RescheduleTimer(atReset: true);
    }

    /// <summary>Virtual time in cycles: instructions issued plus cycles skipped while halted.</summary>
    public long VirtualTime => S->InstructionCount + IdleCycles;

    /// <summary>Cycles the clock jumped while the CPU waited (WAIT) for the next event.</summary>
    public long IdleCycles { get; set; }

    /// <summary>Set by WAIT: the CPU issues nothing until an interrupt can be taken.</summary>
    public bool Halted { get; internal set; }

    /// <summary>Ends the current run before the given virtual time (an earlier event was scheduled).</summary>
    private void LimitRun(long virtualDeadline)
    {
        long end = virtualDeadline - IdleCycles;
        if (end < _runEnd) _runEnd = end;
    }

    /// <summary>Runs up to <paramref name="budget"/> instructions; returns how many were issued.</summary>
    public long Run(long budget) => _breakpoints != null ? RunWithBreakpoints(budget) : RunEngine(budget);

    /// <summary>Issues one instruction (or takes the exception its fetch raises).</summary>
    public void Step() => Run(1);

    /// <summary>Ends the current Run after the instruction now executing.</summary>
    public void RequestStop() => _runEnd = 0;

    public void Dispose()
    {
        Scheduler.Cancel(_timerEvent);
        Scheduler.Cancel(_guestTimerEvent);
        Soft.Dispose();
        NativeMemory.AlignedFree(S);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Sext32(ulong v) => (ulong)(long)(int)(uint)v;
}
