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

    public const long KvmEnosys = 1000;
}

public sealed unsafe partial class Vcpu
{
    /// <summary>The console hypercalls write here (the machine's serial output when it does not set one).</summary>
    public Action<byte>? HypercallConsole { get; set; }

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
            default:
                result = unchecked((ulong)-HypercallNumbers.KvmEnosys);
                break;
        }
        Cpu.SetGpr(2, result);
        return Resume.Guest;
    }
}
