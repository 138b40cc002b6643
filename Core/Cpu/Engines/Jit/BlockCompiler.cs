using System.Reflection;
using System.Reflection.Emit;

namespace VzFast.Cpu.Engines.Jit;

/// <summary>
/// Emits one basic block as IL. Three kinds of step, by what the handler may observe:
/// pure (register arithmetic: called with no bookkeeping), general (may raise an exception, read
/// the PC or change the run: the switch loop's bookkeeping is written first, and the block returns
/// when the PC did not move on or the run must end), and branches (general, then the delay slot
/// under the loop's protocol, then return). A block also ends after any instruction that can
/// change the CPU's mode or translation (CP0, TLB, ERET, WAIT, SYSCALL, ...).
/// </summary>
internal sealed unsafe class BlockCompiler
{
    private enum Kind { Pure, General, GeneralEnd, Branch }

    private static readonly Kind[] Kinds = BuildKinds();
    private static readonly MethodInfo?[] Handlers = new MethodInfo?[Kinds.Length];
    private static readonly ConstructorInfo?[] OperandCtors = new ConstructorInfo?[Kinds.Length];
    private static readonly MethodInfo ExecuteWord = typeof(CpuCore).GetMethod(nameof(CpuCore.Execute), [typeof(uint)])!;
    private static readonly FieldInfo RunEndField = typeof(CpuCore).GetField("_runEnd", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly int OffPc, OffNextPc, OffCurPc, OffDelaySlot, OffCount;

    static BlockCompiler()
    {
        CpuState st = default;
        byte* b = (byte*)&st;
        OffPc = (int)((byte*)&st.Pc - b);
        OffNextPc = (int)((byte*)&st.NextPc - b);
        OffCurPc = (int)((byte*)&st.CurPc - b);
        OffDelaySlot = (int)((byte*)&st.DelaySlot - b);
        OffCount = (int)((byte*)&st.InstructionCount - b);
        for (int i = 0; i < Kinds.Length; i++)
        {
            if (!OpcodeInfo.Implemented[i]) continue;
            // the handler: the method named for the opcode taking the operand view (a struct built from the word)
            var m = typeof(CpuCore).GetMethods(BindingFlags.NonPublic | BindingFlags.Instance).FirstOrDefault(x =>
                x.Name == ((Opcode)i).ToString() && x.GetParameters() is [{ ParameterType: { IsValueType: true } t }] && t.GetConstructor([typeof(uint)]) != null);
            if (m == null) continue;
            var ctor = m.GetParameters()[0].ParameterType.GetConstructor([typeof(uint)])!;
            Handlers[i] = m;
            OperandCtors[i] = ctor;
        }
    }

    private static Kind[] BuildKinds()
    {
        var kinds = new Kind[OpcodeInfo.Groups.Length];
        string[] trapping = ["Add", "Sub", "Dadd", "Dsub", "Addi", "Daddi", "Ext", "Ins", "Dext", "Dextm", "Dextu", "Dins", "Dinsm", "Dinsu"];
        for (int i = 0; i < kinds.Length; i++)
        {
            string name = ((Opcode)i).ToString();
            kinds[i] = OpcodeInfo.Groups[i] switch
            {
                "arithmetic" or "logical" or "shift" or "multiply_divide" or "bit_manipulation" or "conditional_move"
                    => trapping.Contains(name) ? Kind.General : Kind.Pure,
                "branch" or "branch_likely" or "jump" => Kind.Branch,
                "load_store" or "unaligned" or "atomic" or "trap" => Kind.General,
                "system" => name switch
                {
                    "Sync" or "Pref" => Kind.Pure,
                    "Synci" or "Cache" or "Rdhwr" => Kind.General,
                    _ => Kind.GeneralEnd,
                },
                _ => Kind.GeneralEnd,
            };
        }
        return kinds;
    }

    /// <summary>Compiles the block at <paramref name="pc"/> (host address <paramref name="host"/>) from a copy of its words (at most <paramref name="room"/>, all in one page).</summary>
    public Block Compile(ulong pc, nint host, uint* code, int room)
    {
        var dm = new DynamicMethod($"block_{pc:x16}", typeof(void), [typeof(CpuCore), typeof(CpuState*)], typeof(CpuCore).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        var exit = il.DefineLabel();
        int pending = 0, length = 0;
        bool stateSynced = true; // s->Pc/NextPc/CurPc/count match the instructions done so far
        // how many instructions the block will run, for the "room left in the run" checks
        int planned = Plan(code, room);
        for (int k = 0; k < planned; k++)
        {
            uint w = code[k];
            ulong at = pc + (ulong)(k * 4);
            var op = Decoder.Decode(w);
            int oi = (int)op;
            var kind = oi < Kinds.Length && Handlers[oi] != null ? Kinds[oi] : Kind.GeneralEnd;
            length++;
            switch (kind)
            {
                case Kind.Pure:
                    CallHandler(il, op, w);
                    ZeroR0IfWritten(il, w);
                    pending++;
                    stateSynced = false;
                    break;
                case Kind.General:
                case Kind.GeneralEnd:
                {
                    Prologue(il, at, pending + 1);
                    pending = 0;
                    CallHandler(il, op, w);
                    ZeroR0IfWritten(il, w);
                    stateSynced = true;
                    if (kind == Kind.GeneralEnd || k == planned - 1)
                    {
                        il.Emit(OpCodes.Br, exit);
                        k = planned;
                        break;
                    }
                    ExitUnlessSequential(il, at, exit, planned - k - 1);
                    break;
                }
                case Kind.Branch:
                {
                    Prologue(il, at, pending + 1);
                    pending = 0;
                    CallHandler(il, op, w);
                    ShiftDelaySlot(il);
                    ZeroR0IfWritten(il, w);
                    stateSynced = true;
                    if (k + 1 >= planned)
                    {
                        // the delay slot is on the next page: the loop runs it
                        il.Emit(OpCodes.Br, exit);
                        k = planned;
                        break;
                    }
                    ExitUnlessSequential(il, at, exit, 1);
                    // the delay slot, exactly as the loop runs it: Pc <- NextPc, NextPc <- Pc + 4
                    uint ds = code[k + 1];
                    var dop = Decoder.Decode(ds);
                    StoreField(il, OffCurPc, at + 4);
                    AddCount(il, 1);
                    Ld(il, OffNextPc);
                    var next = il.DeclareLocal(typeof(ulong));
                    il.Emit(OpCodes.Stloc, next);
                    StoreFieldFromLocal(il, OffPc, next, 0);
                    StoreFieldFromLocal(il, OffNextPc, next, 4);
                    CallHandler(il, dop, ds);
                    ShiftDelaySlot(il);
                    ZeroR0IfWritten(il, ds);
                    length++;
                    il.Emit(OpCodes.Br, exit);
                    k = planned;
                    break;
                }
            }
        }
        if (!stateSynced)
        {
            ulong last = pc + (ulong)((length - 1) * 4);
            StoreField(il, OffCurPc, last);
            AddCount(il, pending);
            StoreField(il, OffPc, last + 4);
            StoreField(il, OffNextPc, last + 8);
        }
        il.MarkLabel(exit);
        il.Emit(OpCodes.Ret);
        return new Block { Pc = pc, Host = host, Length = length, Code = (BlockCode)dm.CreateDelegate(typeof(BlockCode)) };
    }

    /// <summary>How many words the block takes: up to the first branch's delay slot or block-ending instruction.</summary>
    private static int Plan(uint* code, int room)
    {
        for (int k = 0; k < room; k++)
        {
            int oi = (int)Decoder.Decode(code[k]);
            var kind = oi < Kinds.Length && Handlers[oi] != null ? Kinds[oi] : Kind.GeneralEnd;
            if (kind == Kind.GeneralEnd) return k + 1;
            if (kind == Kind.Branch) return Math.Min(k + 2, room);
        }
        return room;
    }

    private static void CallHandler(ILGenerator il, Opcode op, uint w)
    {
        int oi = (int)op;
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
        if (oi < Handlers.Length && Handlers[oi] is { } h)
        {
            il.Emit(OpCodes.Newobj, OperandCtors[oi]!);
            il.Emit(OpCodes.Call, h);
        }
        else il.Emit(OpCodes.Call, ExecuteWord); // reserved and unimplemented encodings: the switch decides
    }

    /// <summary>The loop zeroes $0 after every instruction; a handler can only dirty it through an rt or rd of 0.</summary>
    private static void ZeroR0IfWritten(ILGenerator il, uint w)
    {
        if (((w >> 16) & 31) != 0 && ((w >> 11) & 31) != 0) return;
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I8, 0L);
        il.Emit(OpCodes.Stind_I8);
    }

    /// <summary>What the loop writes before an instruction: CurPc, the count, Pc and NextPc.</summary>
    private static void Prologue(ILGenerator il, ulong at, int count)
    {
        StoreField(il, OffCurPc, at);
        AddCount(il, count);
        StoreField(il, OffPc, at + 4);
        StoreField(il, OffNextPc, at + 8);
    }

    /// <summary>Leave unless the PC moved on to the next instruction and <paramref name="remaining"/> more fit in the run.</summary>
    private static void ExitUnlessSequential(ILGenerator il, ulong at, Label exit, int remaining)
    {
        Ld(il, OffPc);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)(at + 4)));
        il.Emit(OpCodes.Bne_Un, exit);
        Ld(il, OffCount);
        il.Emit(OpCodes.Ldc_I8, (long)remaining);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, RunEndField);
        il.Emit(OpCodes.Bgt, exit);
    }

    private static void ShiftDelaySlot(ILGenerator il)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, OffDelaySlot);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Ldind_I4);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Shr);
        il.Emit(OpCodes.Stind_I4);
    }

    private static void Ld(ILGenerator il, int offset)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldind_I8);
    }

    private static void StoreField(ILGenerator il, int offset, ulong value)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)value));
        il.Emit(OpCodes.Stind_I8);
    }

    private static void StoreFieldFromLocal(ILGenerator il, int offset, LocalBuilder local, long add)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldloc, local);
        if (add != 0)
        {
            il.Emit(OpCodes.Ldc_I8, add);
            il.Emit(OpCodes.Add);
        }
        il.Emit(OpCodes.Stind_I8);
    }

    private static void AddCount(ILGenerator il, int n)
    {
        if (n == 0) return;
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, OffCount);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Ldind_I8);
        il.Emit(OpCodes.Ldc_I8, (long)n);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stind_I8);
    }
}
