using VzFast.Cpu;

namespace VzFast.Vz;

/// <summary>
/// VzFast's hypercalls (HYPCALL 0; number in v0, arguments in a0-a3, result in v0, as Linux's
/// hypcall.c). Numbers not listed return -ENOSYS (-1000, KVM_ENOSYS) like Linux.
/// </summary>
public static class HypercallNumbers
{
    /// <summary>Write the byte in a0 to the machine's console. Returns 0.</summary>
    public const ulong ConsolePutChar = 1;
    /// <summary>Write a1 bytes from guest virtual address a0 to the console. Returns the count written.</summary>
    public const ulong ConsoleWrite = 2;
    /// <summary>The guest CP0 Count rate in Hz.</summary>
    public const ulong CountHz = 3;
    /// <summary>Power the machine off (exit code a0).</summary>
    public const ulong PowerOff = 4;

    /// <summary>
    /// Numbers from here to <see cref="VmmLast"/> are the machine's own: Vcpu.Run returns them as
    /// ExitReason.Hypercall (KVM_EXIT_HYPERCALL) and the result the machine sets goes to v0.
    /// </summary>
    public const ulong VmmFirst = 0x1000, VmmLast = 0x1FFF;

    public const long KvmEnosys = 1000;
}

public sealed unsafe partial class Vcpu
{
    /// <summary>The console hypercalls write here (the machine's serial output when it does not set one).</summary>
    public Action<byte>? HypercallConsole { get; set; }

    private bool _hypercallPending;

    /// <summary>The machine answered a KVM_EXIT_HYPERCALL: its result goes to v0 (kvm_mips_complete_hypercall).</summary>
    private void CompleteVmmHypercall()
    {
        _hypercallPending = false;
        Cpu.SetGpr(2, Exit.HypercallResult);
    }

    /// <summary>kvm_mips_handle_hypcall.</summary>
    private Resume HandleHypercall()
    {
        Stats.hypercall_exits++;
        ulong num = Cpu.GetGpr(2);
        for (int i = 0; i < 4; i++) Exit.HypercallArgs[i] = Cpu.GetGpr(4 + i);
        Exit.HypercallNumber = num;
        ulong result;
        switch (num)
        {
            case HypercallNumbers.ConsolePutChar:
                HypercallConsole?.Invoke((byte)Exit.HypercallArgs[0]);
                result = 0;
                break;
            case HypercallNumbers.ConsoleWrite:
            {
                ulong va = Exit.HypercallArgs[0], n = Math.Min(Exit.HypercallArgs[1], 1UL << 20), done = 0;
                Span<byte> b = stackalloc byte[1];
                for (; done < n; done++)
                {
                    if (!Cpu.TranslateGuest(va + done, AccessKind.Load, out ulong rpa) || !Vm.HostBus.TryReadRam(rpa, b)) break;
                    HypercallConsole?.Invoke(b[0]);
                }
                result = done;
                break;
            }
            case HypercallNumbers.CountHz:
                result = _countHz;
                break;
            case HypercallNumbers.PowerOff:
                Cpu.SetGpr(2, 0);
                Exit.Reason = ExitReason.Shutdown;
                return Resume.Host;
            case >= HypercallNumbers.VmmFirst and <= HypercallNumbers.VmmLast:
                Exit.Reason = ExitReason.Hypercall;
                Exit.HypercallResult = unchecked((ulong)-HypercallNumbers.KvmEnosys); // if the machine does not answer
                _hypercallPending = true;
                return Resume.Host;
            default:
                result = unchecked((ulong)-HypercallNumbers.KvmEnosys);
                break;
        }
        Cpu.SetGpr(2, result);
        return Resume.Guest;
    }
}
