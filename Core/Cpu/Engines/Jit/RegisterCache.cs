using System.Reflection.Emit;

namespace VzFast.Cpu.Engines.Jit;

/// <summary>
/// GPR values a block has already read or written, held in IL locals so RyuJIT keeps them in host
/// registers. Writes stay in the local (dirty) until the block calls a handler or leaves: before
/// that the dirty ones are written to the state (EmitFlush), so every handler, exception and exit
/// sees the state the switch loop would. The masks describe the code being emitted at this point:
/// a handler call drops everything (it may write any GPR), and where paths join the emitter keeps
/// what every incoming path holds.
/// </summary>
internal sealed class RegisterCache
{
    [ThreadStatic] private static RegisterCache? _current;
    /// <summary>The cache of the method being emitted on this thread, if any.</summary>
    public static RegisterCache? Current => _current;

    private readonly ILGenerator _il;
    private readonly LocalBuilder?[] _locals = new LocalBuilder?[32];
    private uint _valid, _dirty;

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

    /// <summary>Valid and dirty masks together, to save before a side path and restore after it.</summary>
    public (uint Valid, uint Dirty) State
    {
        get => (_valid, _dirty);
        set => (_valid, _dirty) = value;
    }

    public void MarkDirty(int r) => _dirty |= 1u << r;

    /// <summary>Writes the dirty registers to the state (the masks are left as they are: the caller knows which paths this covers).</summary>
    public void EmitFlush()
    {
        for (int r = 1; r < 32; r++)
        {
            if ((_dirty & (1u << r)) == 0) continue;
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Ldc_I4, r * 8);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldloc, Local(r));
            _il.Emit(OpCodes.Stind_I8);
        }
    }

    /// <summary>Reloads the registers valid here from the state (after a handler that may have written them, on a path that goes on).</summary>
    public void EmitReload(uint registers)
    {
        for (int r = 1; r < 32; r++)
        {
            if ((registers & (1u << r)) == 0) continue;
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Ldc_I4, r * 8);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldind_I8);
            _il.Emit(OpCodes.Stloc, Local(r));
        }
    }

    public bool Owns(ILGenerator il) => ReferenceEquals(il, _il);

    public bool IsValid(int r) => (_valid & (1u << r)) != 0;

    public LocalBuilder Local(int r) => _locals[r] ??= _il.DeclareLocal(typeof(long));

    public void MarkValid(int r) => _valid |= 1u << r;

    public void Drop(int r) => _valid &= ~(1u << r);

    public void DropAll() => _valid = _dirty = 0;

    /// <summary>Drops everything in the current method's cache (after a call that may write any GPR; the dirty ones were flushed before it).</summary>
    public static void Forget() => _current?.DropAll();

    /// <summary>Emits the flush before a call or an exit, in the current method if it caches.</summary>
    public static void Flush() => _current?.EmitFlush();
}
