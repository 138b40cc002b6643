using System.Reflection.Emit;

namespace VzFast.Cpu.Engines.Jit;

/// <summary>
/// GPR values a block has already read or written, held in IL locals so RyuJIT keeps them in host
/// registers. Writes go through to the state as well (write-through), so the state is exact at
/// every instruction boundary and nothing is flushed on the way out. A register is valid only on
/// straight-line code: anything that may write GPRs behind the block's back (a handler call) drops
/// them, and control-flow joins keep only what every incoming path holds.
/// </summary>
internal sealed class RegisterCache
{
    [ThreadStatic] private static RegisterCache? _current;
    /// <summary>The cache of the method being emitted on this thread, if any.</summary>
    public static RegisterCache? Current => _current;

    private readonly ILGenerator _il;
    private readonly LocalBuilder?[] _locals = new LocalBuilder?[32];
    private uint _valid;

    private RegisterCache(ILGenerator il) => _il = il;

    /// <summary>Caches registers in the method <paramref name="il"/> emits until the scope ends.</summary>
    public static Scope Begin(ILGenerator il)
    {
        var previous = _current;
        _current = new RegisterCache(il);
        return new Scope(previous);
    }

    public readonly struct Scope(RegisterCache? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }

    public uint Valid
    {
        get => _valid;
        set => _valid = value;
    }

    public bool Owns(ILGenerator il) => ReferenceEquals(il, _il);

    public bool IsValid(int r) => (_valid & (1u << r)) != 0;

    public LocalBuilder Local(int r) => _locals[r] ??= _il.DeclareLocal(typeof(long));

    public void MarkValid(int r) => _valid |= 1u << r;

    public void Drop(int r) => _valid &= ~(1u << r);

    public void DropAll() => _valid = 0;

    /// <summary>Drops everything in the current method's cache (after a call that may write any GPR).</summary>
    public static void Forget() => _current?.DropAll();
}
