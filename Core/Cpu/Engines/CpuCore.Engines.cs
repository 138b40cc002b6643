using VzFast.Cpu.Engines;
using VzFast.Cpu.Engines.Blocks;
using VzFast.Cpu.Engines.Jit;

namespace VzFast.Cpu;

// Engine selection and what the engines share: the code cache the block engines keep, which the
// CPU's slow-path stores and the reset reach.
public sealed unsafe partial class CpuCore
{
    private ExecutionEngine _engine;
    private BlockJit? _jit;
    private BlockEngine? _blocks;
    /// <summary>The active block engine's code cache (null under switch and table).</summary>
    private BlockCache? _code;

    public ExecutionEngine Engine
    {
        get => _engine;
        set
        {
            if (value == _engine && (_code != null || value is ExecutionEngine.Switch or ExecutionEngine.Table)) return;
            _code?.Clear();
            _jit = null;
            _blocks = null;
            _code = null;
            _engine = value;
            if (value == ExecutionEngine.Jit) _code = (_jit = new BlockJit(this)).Cache;
            else if (value == ExecutionEngine.Blocks) _code = (_blocks = new BlockEngine(this)).Cache;
            Soft.FlushAll(); // pages the old engine kept on the slow path go fast again
        }
    }

    /// <summary>The JIT's statistics (null under other engines).</summary>
    public BlockJit? Jit => _jit;

    /// <summary>The block engine's statistics (null under other engines).</summary>
    public BlockEngine? Blocks => _blocks;

    private long RunEngine(long budget) => _engine switch
    {
        ExecutionEngine.Jit => _jit!.Run(budget),
        ExecutionEngine.Blocks => _blocks!.Run(budget),
        ExecutionEngine.Table => RunTable(budget),
        _ => RunSwitch(budget),
    };

    internal long RunEnd
    {
        get => _runEnd;
        set => _runEnd = value;
    }

    internal Mmu.SoftTlbEntry* FetchTable => _fetch;
    internal Mmu.SoftTlbEntry* LoadTable => _load;
    internal Mmu.SoftTlbEntry* StoreTable => _store;
}
