using System.Reflection;
using System.Reflection.Emit;
using Kind = VzFast.Cpu.Engines.InstructionKind;

namespace VzFast.Cpu.Engines.Jit;

/// <summary>
/// Emits one basic block as IL. Three kinds of step, by what the handler may observe:
/// pure (register arithmetic: called with no bookkeeping), general (may raise an exception, read
/// the PC or change the run: the switch loop's bookkeeping is written first, and the block returns
/// when the PC did not move on or the run must end), and branches (general, then the delay slot
/// under the loop's protocol, then return). A block also ends after any instruction that can
/// change the CPU's mode or translation (CP0, TLB, ERET, WAIT, SYSCALL, ...).
/// </summary>
internal static unsafe class BlockCompiler
{
    private static readonly MethodInfo?[] Handlers = new MethodInfo?[OpcodeInfo.Count];
    private static readonly ConstructorInfo?[] OperandCtors = new ConstructorInfo?[OpcodeInfo.Count];
    private static readonly MethodInfo ExecuteWord = typeof(CpuCore).GetMethod(nameof(CpuCore.Execute), [typeof(uint)])!;
    internal static readonly FieldInfo RunEndField = typeof(CpuCore).GetField("_runEnd", BindingFlags.NonPublic | BindingFlags.Instance)!;
    internal static readonly int OffPc, OffNextPc, OffCurPc, OffDelaySlot, OffCount;

    static BlockCompiler()
    {
        CpuState st = default;
        byte* b = (byte*)&st;
        OffPc = (int)((byte*)&st.Pc - b);
        OffNextPc = (int)((byte*)&st.NextPc - b);
        OffCurPc = (int)((byte*)&st.CurPc - b);
        OffDelaySlot = (int)((byte*)&st.DelaySlot - b);
        OffCount = (int)((byte*)&st.InstructionCount - b);
        for (int i = 0; i < OpcodeInfo.Count; i++)
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

    /// <summary>
    /// Emits one basic block at <paramref name="pc"/> from <paramref name="code"/> (at most
    /// <paramref name="room"/> words, all in one page); every way out of it goes to <paramref name="exit"/>
    /// with the state the switch loop would leave, or, where the block ends on a known PC for which
    /// <paramref name="chain"/> gives a label, straight there with only the count written (the label's
    /// code checks the budget and writes the PC if it returns). Returns the block's length.
    /// </summary>
    internal static int EmitBlock(ILGenerator il, ulong pc, uint* code, int room, Label exit, Func<ulong, Label?>? chain = null)
    {
        int pending = 0, length = 0;
        bool stateSynced = true; // s->Pc/NextPc/CurPc/count match the instructions done so far
        int planned = InstructionKinds.Plan(code, room);
        RegisterCache.Forget(); // a block can be entered from several places: nothing is known at its start
        for (int k = 0; k < planned; k++)
        {
            uint w = code[k];
            ulong at = pc + (ulong)(k * 4);
            var op = Decoder.Decode(w);
            var kind = KindOf(op, w);
            length++;
            if (kind == Kind.Branch && k + 1 < planned && InlineBranch(op) && SimpleDelaySlot(code[k + 1]))
            {
                EmitInlineBranch(il, at, op, w, code[k + 1], pending, exit, chain);
                length++;
                pending = 0;
                stateSynced = true;
                il.Emit(OpCodes.Br, exit);
                break;
            }
            switch (kind)
            {
                case Kind.Pure:
                    EmitPure(il, op, w);
                    pending++;
                    stateSynced = false;
                    continue;
                case Kind.Memory or Kind.General when HasFastPath(op, w):
                    // the fast path (a software-TLB hit, a COP1/MSA helper); otherwise the handler, with the
                    // loop's bookkeeping (TLB refill, MMIO, exceptions, the rest of the FPU's cases)
                    EmitFastOrStep(il, op, w, at, pending, planned - k - 1, exit, StoresMemory(op), slow => EmitFastPath(il, op, w, slow));
                    pending++;
                    stateSynced = false;
                    continue;
            }
            if (kind != Kind.Branch)
            {
                // general: the loop's bookkeeping, the handler, then leave unless the PC simply moved on
                bool last = kind is Kind.GeneralEnd || k == planned - 1;
                EmitStep(il, op, w, at, pending + 1, planned - k - 1, restoreCount: false);
                RegisterCache.Forget();
                pending = 0;
                stateSynced = true;
                if (last)
                {
                    il.Emit(OpCodes.Pop);
                    il.Emit(OpCodes.Br, exit);
                    break;
                }
                il.Emit(OpCodes.Brfalse, exit);
                continue;
            }
            Prologue(il, at, pending + 1);
            pending = 0;
            CallHandler(il, op, w);
            if (kind == Kind.Branch) ShiftDelaySlot(il);
            ZeroR0IfWritten(il, w);
            stateSynced = true;
            if (kind is Kind.GeneralEnd || k == planned - 1 || (kind == Kind.Branch && k + 1 >= planned))
            {
                il.Emit(OpCodes.Br, exit);
                break;
            }
            if (kind == Kind.Branch)
            {
                ExitUnlessSequential(il, at, exit, 1);
                EmitDelaySlotAsLoop(il, at + 4, code[k + 1]);
                length++;
                il.Emit(OpCodes.Br, exit);
                break;
            }
            ExitUnlessSequential(il, at, exit, planned - k - 1);
        }
        if (!stateSynced)
        {
            RegisterCache.Flush();
            RegisterCache.Forget();
            ulong last = pc + (ulong)((length - 1) * 4);
            AddCount(il, pending);
            if (chain?.Invoke(last + 4) is { } onward)
            {
                il.Emit(OpCodes.Br, onward); // cut by the length limit: the code goes on
                return length;
            }
            StoreField(il, OffCurPc, last);
            StoreField(il, OffPc, last + 4);
            StoreField(il, OffNextPc, last + 8);
        }
        il.Emit(OpCodes.Br, exit);
        return length;
    }

    /// <summary>Loads and stores with an inline software-TLB hit path, MFC1/DMFC1, and the instructions with a COP1/MSA helper.</summary>
    private static bool HasFastPath(Opcode op, uint w) => InlineOps.MemoryShape(op) != null || op is Opcode.Mfc1 or Opcode.Dmfc1 || InlineOps.HasHelper(op, w);

    private static bool StoresMemory(Opcode op) => InlineOps.MemoryShape(op) is { Store: true } || InlineOps.HelperStores(op);

    /// <summary>The fast path of an instruction of <see cref="HasFastPath"/>: it goes to <paramref name="slow"/> when it cannot finish, having changed nothing.</summary>
    private static void EmitFastPath(ILGenerator il, Opcode op, uint w, Label slow)
    {
        if (InlineOps.MemoryShape(op) is { } shape) InlineOps.EmitMemoryFastPath(il, w, shape, slow);
        else if (op is Opcode.Mfc1 or Opcode.Dmfc1) InlineOps.EmitMoveFromFpr(il, op, w, slow);
        else
        {
            InlineOps.EmitHelper(il, op, w);
            il.Emit(OpCodes.Brfalse, slow);
        }
    }

    /// <summary>
    /// An instruction with a fast path (<paramref name="emitFast"/> branches to its label when it cannot
    /// finish): otherwise the handler with the loop's bookkeeping, leaving the block after a store
    /// (it may have hit this very code) or at the block's end, else going on with the registers the
    /// fast path holds reloaded from the state.
    /// </summary>
    private static void EmitFastOrStep(ILGenerator il, Opcode op, uint w, ulong at, int pending, int remaining, Label exit, bool store, Action<Label> emitFast)
    {
        var slow = il.DefineLabel();
        var done = il.DefineLabel();
        var cache = RegisterCache.Current;
        var before = cache?.State ?? default;
        emitFast(slow);
        var fast = cache?.State ?? default;
        il.Emit(OpCodes.Br, done);
        il.MarkLabel(slow);
        if (cache != null) cache.State = before; // what the slow path holds
        bool leave = store || remaining == 0;
        EmitStep(il, op, w, at, pending + 1, remaining, restoreCount: !leave);
        if (leave)
        {
            il.Emit(OpCodes.Pop);
            il.Emit(OpCodes.Br, exit);
        }
        else
        {
            il.Emit(OpCodes.Brfalse, exit);
            cache?.EmitReload(fast.Valid);
        }
        il.MarkLabel(done);
        if (cache != null) cache.State = fast;
    }

    /// <summary>The kind, with bit-field instructions whose fields are valid counted as pure (they cannot raise RI).</summary>
    private static Kind KindOf(Opcode op, uint w) => InlineOps.BitField(op, w) != null ? Kind.Pure : KindOf(op);

    private static Kind KindOf(Opcode op)
    {
        int oi = (int)op;
        return oi < Handlers.Length && Handlers[oi] != null ? InstructionKinds.Of(op) : Kind.GeneralEnd;
    }

    private static void EmitPure(ILGenerator il, Opcode op, uint w)
    {
        if (InlineOps.TryEmitPure(il, op, w)) return;
        CallHandler(il, op, w);
        ZeroR0IfWritten(il, w);
    }

    private static bool InlineBranch(Opcode op) => op is Opcode.B or Opcode.Beq or Opcode.Bne or Opcode.Blez or Opcode.Bgtz or Opcode.Bltz
        or Opcode.Bgez or Opcode.J or Opcode.Jal or Opcode.Jr or Opcode.JrHb or Opcode.Jalr or Opcode.JalrHb or Opcode.Bal
        or Opcode.Bc1f or Opcode.Bc1t;

    private static readonly MethodInfo FpBranchCondition = typeof(CpuCore).GetMethod(nameof(CpuCore.JitFpBranch), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static bool SimpleDelaySlot(uint w)
    {
        var op = Decoder.Decode(w);
        var kind = KindOf(op, w);
        return kind == Kind.Pure || (kind == Kind.Memory && InlineOps.MemoryShape(op) != null) || InlineOps.HasHelper(op, w);
    }

    /// <summary>
    /// A branch whose delay slot is register arithmetic, a plain load/store or a COP1 instruction with a
    /// fast helper: condition, link and
    /// target in IL, the delay slot inline, then the state the loop would leave after the delay slot.
    /// </summary>
    private static void EmitInlineBranch(ILGenerator il, ulong at, Opcode op, uint w, uint ds, int pending, Label exit, Func<ulong, Label?>? chain)
    {
        int rs = (int)(w >> 21) & 31, rt = (int)(w >> 16) & 31, rd = (int)(w >> 11) & 31;
        ulong relative = at + 4 + (ulong)((long)(short)w << 2);
        var next = il.DeclareLocal(typeof(ulong));
        void Conditional(Action pushCondition)
        {
            var notTaken = il.DefineLabel();
            var joined = il.DefineLabel();
            pushCondition();
            il.Emit(OpCodes.Brfalse, notTaken);
            il.Emit(OpCodes.Ldc_I8, unchecked((long)relative));
            il.Emit(OpCodes.Stloc, next);
            il.Emit(OpCodes.Br, joined);
            il.MarkLabel(notTaken);
            il.Emit(OpCodes.Ldc_I8, unchecked((long)(at + 8)));
            il.Emit(OpCodes.Stloc, next);
            il.MarkLabel(joined);
        }
        void CompareZero(OpCode cmp, bool invert)
        {
            Conditional(() =>
            {
                InlineOps.LoadReg(il, rs);
                il.Emit(OpCodes.Ldc_I8, 0L);
                il.Emit(cmp);
                if (invert)
                {
                    il.Emit(OpCodes.Ldc_I4_0);
                    il.Emit(OpCodes.Ceq);
                }
            });
        }
        void Fixed(ulong target)
        {
            il.Emit(OpCodes.Ldc_I8, unchecked((long)target));
            il.Emit(OpCodes.Stloc, next);
        }
        switch (op)
        {
            case Opcode.B: Fixed(relative); break;
            case Opcode.Bal:
                InlineOps.StoreReg(il, 31, () => il.Emit(OpCodes.Ldc_I8, unchecked((long)(at + 8))));
                Fixed(relative);
                break;
            case Opcode.Beq: Conditional(() => { InlineOps.LoadReg(il, rs); InlineOps.LoadReg(il, rt); il.Emit(OpCodes.Ceq); }); break;
            case Opcode.Bne:
                Conditional(() => { InlineOps.LoadReg(il, rs); InlineOps.LoadReg(il, rt); il.Emit(OpCodes.Ceq); il.Emit(OpCodes.Ldc_I4_0); il.Emit(OpCodes.Ceq); });
                break;
            case Opcode.Blez: CompareZero(OpCodes.Cgt, invert: true); break;   // !(rs > 0)
            case Opcode.Bgtz: CompareZero(OpCodes.Cgt, invert: false); break;
            case Opcode.Bltz: CompareZero(OpCodes.Clt, invert: false); break;
            case Opcode.Bgez: CompareZero(OpCodes.Clt, invert: true); break;   // !(rs < 0)
            case Opcode.Bc1f:
            case Opcode.Bc1t:
            {
                // the condition code, or (FPU unusable) the handler raising Coprocessor Unusable as the loop would
                var usable = il.DefineLabel();
                var cache = RegisterCache.Current;
                var saved = cache?.State ?? default;
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(OpCodes.Call, FpBranchCondition);
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Ldc_I4_M1);
                il.Emit(OpCodes.Bne_Un, usable);
                il.Emit(OpCodes.Pop);
                Prologue(il, at, pending + 1);
                CallHandler(il, op, w);
                ShiftDelaySlot(il);
                il.Emit(OpCodes.Br, exit);
                il.MarkLabel(usable);
                if (cache != null) cache.State = saved;
                Conditional(() => { }); // the condition is on the stack
                break;
            }
            case Opcode.J:
            case Opcode.Jal:
                if (op == Opcode.Jal) InlineOps.StoreReg(il, 31, () => il.Emit(OpCodes.Ldc_I8, unchecked((long)(at + 8))));
                Fixed(((at + 4) & ~0x0FFF_FFFFUL) | ((ulong)(w & 0x03FF_FFFF) << 2));
                break;
            case Opcode.Jr:
            case Opcode.JrHb:
                InlineOps.LoadReg(il, rs);
                il.Emit(OpCodes.Stloc, next);
                break;
            default: // Jalr, JalrHb: the target is read before the link is written
                InlineOps.LoadReg(il, rs);
                il.Emit(OpCodes.Stloc, next);
                InlineOps.StoreReg(il, rd, () => il.Emit(OpCodes.Ldc_I8, unchecked((long)(at + 8))));
                break;
        }
        // the delay slot
        ulong dsPc = at + 4;
        var dop = Decoder.Decode(ds);
        if (KindOf(dop, ds) == Kind.Pure) EmitPure(il, dop, ds);
        else
        {
            var miss = il.DefineLabel();
            var done = il.DefineLabel();
            var cache = RegisterCache.Current;
            var before = cache?.State ?? default;
            EmitFastPath(il, dop, ds, miss);
            var fast = cache?.State ?? default;
            il.Emit(OpCodes.Br, done);
            il.MarkLabel(miss);
            if (cache != null) cache.State = before;
            // as the loop runs a delay slot: Pc = where the branch goes, DelaySlot bit 0 set
            StoreField(il, OffCurPc, dsPc);
            AddCount(il, pending + 2);
            StoreFieldFromLocal(il, OffPc, next, 0);
            StoreFieldFromLocal(il, OffNextPc, next, 4);
            SetDelaySlot(il, 1);
            CallHandler(il, dop, ds);
            ShiftDelaySlot(il);
            ZeroR0IfWritten(il, ds);
            il.Emit(OpCodes.Br, exit);
            il.MarkLabel(done);
            if (cache != null) cache.State = fast;
        }
        RegisterCache.Flush(); // the block ends here: the state gets every register
        RegisterCache.Forget();
        AddCount(il, pending + 2);
        // straight on to a block of the region where the branch goes there
        if (chain != null)
            foreach (ulong target in StaticTargets(at, op, w))
                if (chain(target) is { } onward)
                {
                    il.Emit(OpCodes.Ldloc, next);
                    il.Emit(OpCodes.Ldc_I8, unchecked((long)target));
                    il.Emit(OpCodes.Beq, onward);
                }
        StoreField(il, OffCurPc, dsPc);
        StoreFieldFromLocal(il, OffPc, next, 0);
        StoreFieldFromLocal(il, OffNextPc, next, 4);
    }

    /// <summary>Where an inline branch can go, where that is known when compiling.</summary>
    private static ulong[] StaticTargets(ulong at, Opcode op, uint w)
    {
        ulong relative = at + 4 + (ulong)((long)(short)w << 2);
        return op switch
        {
            Opcode.B or Opcode.Bal => [relative],
            Opcode.J or Opcode.Jal => [((at + 4) & ~0x0FFF_FFFFUL) | ((ulong)(w & 0x03FF_FFFF) << 2)],
            Opcode.Jr or Opcode.JrHb or Opcode.Jalr or Opcode.JalrHb => [],
            _ => [relative, at + 8],
        };
    }

    private static void SetDelaySlot(ILGenerator il, int value)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, OffDelaySlot);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldc_I4, value);
        il.Emit(OpCodes.Stind_I4);
    }

    /// <summary>The delay slot of a branch taken through its handler, exactly as the loop runs it.</summary>
    private static void EmitDelaySlotAsLoop(ILGenerator il, ulong dsPc, uint ds)
    {
        var dop = Decoder.Decode(ds);
        StoreField(il, OffCurPc, dsPc);
        AddCount(il, 1);
        Ld(il, OffNextPc);
        var next = il.DeclareLocal(typeof(ulong));
        il.Emit(OpCodes.Stloc, next);
        StoreFieldFromLocal(il, OffPc, next, 0);
        StoreFieldFromLocal(il, OffNextPc, next, 4);
        CallHandler(il, dop, ds);
        ShiftDelaySlot(il);
        ZeroR0IfWritten(il, ds);
    }

    private static readonly MethodInfo StepMethod = typeof(CpuCore).GetMethod(nameof(CpuCore.JitStep), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>One call that does the loop's bookkeeping and the instruction (CpuCore.JitStep); leaves its bool on the stack.</summary>
    private static void EmitStep(ILGenerator il, Opcode op, uint w, ulong at, int count, int remaining, bool restoreCount)
    {
        RegisterCache.Flush();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
        il.Emit(OpCodes.Ldc_I4, OpcodeInfo.Implemented[(int)op] ? (int)op : 0);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)at));
        il.Emit(OpCodes.Ldc_I4, count);
        il.Emit(OpCodes.Ldc_I4, remaining);
        il.Emit(restoreCount ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Call, StepMethod);
        RegisterCache.Forget();
    }

    private static void CallHandler(ILGenerator il, Opcode op, uint w)
    {
        RegisterCache.Flush();
        int oi = (int)op;
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
        if (oi < Handlers.Length && Handlers[oi] is { } h)
        {
            il.Emit(OpCodes.Newobj, OperandCtors[oi]!);
            il.Emit(OpCodes.Call, h);
        }
        else il.Emit(OpCodes.Call, ExecuteWord); // reserved and unimplemented encodings: the switch decides
        RegisterCache.Forget(); // the handler may have written any GPR
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
        BranchIfOverBudget(il, remaining, exit);
    }

    /// <summary>Goes to <paramref name="target"/> unless <paramref name="instructions"/> more fit in the run (count + n &gt; run end).</summary>
    internal static void BranchIfOverBudget(ILGenerator il, long instructions, Label target)
    {
        Ld(il, OffCount);
        il.Emit(OpCodes.Ldc_I8, instructions);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, RunEndField);
        il.Emit(OpCodes.Bgt, target);
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

    internal static void Ld(ILGenerator il, int offset)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldind_I8);
    }

    internal static void StoreField(ILGenerator il, int offset, ulong value)
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
