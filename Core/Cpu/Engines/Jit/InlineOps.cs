using System.Reflection;
using System.Reflection.Emit;

namespace VzFast.Cpu.Engines.Jit;

/// <summary>
/// IL for the instructions the JIT writes out instead of calling their handlers: register
/// arithmetic on the state's GPR array (the same expressions as Core/Cpu/Handlers), and the
/// software-TLB hit path of loads and stores. Register $0 reads as the constant 0 and writes to it
/// are dropped, which is what the switch loop's "R[0] = 0 after every instruction" amounts to.
/// </summary>
internal static class InlineOps
{
    private static readonly FieldInfo LoadTable = typeof(CpuCore).GetField("_load", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo StoreTable = typeof(CpuCore).GetField("_store", BindingFlags.NonPublic | BindingFlags.Instance)!;
    internal static int OffHi, OffLo, OffFpr;

    static unsafe InlineOps()
    {
        CpuState st = default;
        OffHi = (int)((byte*)&st.Hi - (byte*)&st);
        OffLo = (int)((byte*)&st.Lo - (byte*)&st);
        OffFpr = (int)((byte*)st.Fpr - (byte*)&st);
    }

    private static int Rs(uint w) => (int)(w >> 21) & 31;
    private static int Rt(uint w) => (int)(w >> 16) & 31;
    private static int Rd(uint w) => (int)(w >> 11) & 31;
    private static int Sa(uint w) => (int)(w >> 6) & 31;
    private static long Simm(uint w) => (short)w;
    private static long Uimm(uint w) => (ushort)w;

    internal static void LoadReg(ILGenerator il, int r)
    {
        if (r == 0)
        {
            il.Emit(OpCodes.Ldc_I8, 0L);
            return;
        }
        var cache = CacheFor(il);
        if (cache != null && cache.IsValid(r))
        {
            il.Emit(OpCodes.Ldloc, cache.Local(r));
            return;
        }
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, r * 8);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldind_I8);
        if (cache == null) return;
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Stloc, cache.Local(r));
        cache.MarkValid(r);
    }

    private static RegisterCache? CacheFor(ILGenerator il) => RegisterCache.Current is { } c && c.Owns(il) ? c : null;

    /// <summary>Stores the value <paramref name="value"/> pushes into GPR <paramref name="r"/> (nothing for $0).</summary>
    internal static void StoreReg(ILGenerator il, int r, Action value)
    {
        if (r == 0) return;
        var cache = CacheFor(il);
        if (cache == null)
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, r * 8);
            il.Emit(OpCodes.Add);
            value();
            il.Emit(OpCodes.Stind_I8);
            return;
        }
        // the local only: written to the state at the next flush
        value();
        il.Emit(OpCodes.Stloc, cache.Local(r));
        cache.MarkValid(r);
        cache.MarkDirty(r);
    }

    private static void Sext32(ILGenerator il)
    {
        il.Emit(OpCodes.Conv_I4);
        il.Emit(OpCodes.Conv_I8);
    }

    private static void Field(ILGenerator il, int offset, bool store, Action? value = null)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, offset);
        il.Emit(OpCodes.Add);
        if (store)
        {
            value!();
            il.Emit(OpCodes.Stind_I8);
        }
        else il.Emit(OpCodes.Ldind_I8);
    }

    /// <summary>Position, size and width of a bit-field instruction whose fields are valid (the handler would not raise RI).</summary>
    public static (int Pos, int Size, int Width, bool Insert)? BitField(Opcode op, uint w)
    {
        int lsb = Sa(w), msbd = Rd(w);
        (int pos, int size, int width, bool insert) = op switch
        {
            Opcode.Ext => (lsb, msbd + 1, 32, false),
            Opcode.Dext => (lsb, msbd + 1, 64, false),
            Opcode.Dextm => (lsb, msbd + 33, 64, false),
            Opcode.Dextu => (lsb + 32, msbd + 1, 64, false),
            Opcode.Ins => (lsb, msbd - lsb + 1, 32, true),
            Opcode.Dins => (lsb, msbd - lsb + 1, 64, true),
            Opcode.Dinsm => (lsb, msbd + 32 - lsb + 1, 64, true),
            Opcode.Dinsu => (lsb + 32, msbd - lsb + 1, 64, true),
            _ => (0, 0, 0, false),
        };
        if (width == 0 || size <= 0 || pos + size > width) return null;
        return (pos, size, width, insert);
    }

    private static void EmitBitField(ILGenerator il, uint w, (int Pos, int Size, int Width, bool Insert) f)
    {
        ulong low = f.Size >= 64 ? ulong.MaxValue : (1UL << f.Size) - 1;
        int rs = Rs(w), rt = Rt(w);
        StoreReg(il, rt, () =>
        {
            if (!f.Insert)
            {
                LoadReg(il, rs);                                   // (rs >> pos) & mask
                il.Emit(OpCodes.Ldc_I4, f.Pos);
                il.Emit(OpCodes.Shr_Un);
                il.Emit(OpCodes.Ldc_I8, unchecked((long)low));
                il.Emit(OpCodes.And);
            }
            else
            {
                ulong mask = low << f.Pos;                        // (rt & ~mask) | ((rs << pos) & mask)
                LoadReg(il, rt);
                il.Emit(OpCodes.Ldc_I8, unchecked((long)~mask));
                il.Emit(OpCodes.And);
                LoadReg(il, rs);
                il.Emit(OpCodes.Ldc_I4, f.Pos);
                il.Emit(OpCodes.Shl);
                il.Emit(OpCodes.Ldc_I8, unchecked((long)mask));
                il.Emit(OpCodes.And);
                il.Emit(OpCodes.Or);
            }
            if (f.Width == 32) Sext32(il);
        });
    }

    /// <summary>Emits a register-only instruction; false when it has no inline form (the handler is called instead).</summary>
    public static bool TryEmitPure(ILGenerator il, Opcode op, uint w)
    {
        int rs = Rs(w), rt = Rt(w), rd = Rd(w), sa = Sa(w);
        void Bin(int dst, OpCode o, bool sext) => StoreReg(il, dst, () =>
        {
            LoadReg(il, rs);
            LoadReg(il, rt);
            il.Emit(o);
            if (sext) Sext32(il);
        });
        void Imm(OpCode o, long imm, bool sext) => StoreReg(il, rt, () =>
        {
            LoadReg(il, rs);
            il.Emit(OpCodes.Ldc_I8, imm);
            il.Emit(o);
            if (sext) Sext32(il);
        });
        void Cmp(int dst, Action rhs, bool unsigned) => StoreReg(il, dst, () =>
        {
            LoadReg(il, rs);
            rhs();
            il.Emit(unsigned ? OpCodes.Clt_Un : OpCodes.Clt);
            il.Emit(OpCodes.Conv_U8);
        });
        // 32-bit shift of the low word: (uint)rt OP amount, sign-extended
        void Shift32(OpCode o, Action amount) => StoreReg(il, rd, () =>
        {
            LoadReg(il, rt);
            il.Emit(OpCodes.Conv_U4);
            amount();
            il.Emit(o);
            Sext32(il);
        });
        void Shift64(OpCode o, Action amount) => StoreReg(il, rd, () =>
        {
            LoadReg(il, rt);
            amount();
            il.Emit(o);
        });
        void Const(int n) => il.Emit(OpCodes.Ldc_I4, n);
        Action VarAmount(int mask) => () =>
        {
            LoadReg(il, rs);
            il.Emit(OpCodes.Conv_I4);
            il.Emit(OpCodes.Ldc_I4, mask);
            il.Emit(OpCodes.And);
        };
        if (BitField(op, w) is { } field)
        {
            EmitBitField(il, w, field);
            return true;
        }
        switch (op)
        {
            case Opcode.Addu: Bin(rd, OpCodes.Add, true); return true;
            case Opcode.Subu: Bin(rd, OpCodes.Sub, true); return true;
            case Opcode.Daddu: Bin(rd, OpCodes.Add, false); return true;
            case Opcode.Dsubu: Bin(rd, OpCodes.Sub, false); return true;
            case Opcode.And: Bin(rd, OpCodes.And, false); return true;
            case Opcode.Or: Bin(rd, OpCodes.Or, false); return true;
            case Opcode.Xor: Bin(rd, OpCodes.Xor, false); return true;
            case Opcode.Nor:
                StoreReg(il, rd, () => { LoadReg(il, rs); LoadReg(il, rt); il.Emit(OpCodes.Or); il.Emit(OpCodes.Not); });
                return true;
            case Opcode.Addiu: Imm(OpCodes.Add, Simm(w), true); return true;
            case Opcode.Daddiu: Imm(OpCodes.Add, Simm(w), false); return true;
            case Opcode.Andi: Imm(OpCodes.And, Uimm(w), false); return true;
            case Opcode.Ori: Imm(OpCodes.Or, Uimm(w), false); return true;
            case Opcode.Xori: Imm(OpCodes.Xor, Uimm(w), false); return true;
            case Opcode.Lui: StoreReg(il, rt, () => il.Emit(OpCodes.Ldc_I8, Simm(w) << 16)); return true;
            case Opcode.Slt: Cmp(rd, () => LoadReg(il, rt), false); return true;
            case Opcode.Sltu: Cmp(rd, () => LoadReg(il, rt), true); return true;
            case Opcode.Slti: Cmp(rt, () => il.Emit(OpCodes.Ldc_I8, Simm(w)), false); return true;
            case Opcode.Sltiu: Cmp(rt, () => il.Emit(OpCodes.Ldc_I8, Simm(w)), true); return true;
            case Opcode.Sll: Shift32(OpCodes.Shl, () => Const(sa)); return true;
            case Opcode.Srl: Shift32(OpCodes.Shr_Un, () => Const(sa)); return true;
            case Opcode.Sllv: Shift32(OpCodes.Shl, VarAmount(31)); return true;
            case Opcode.Srlv: Shift32(OpCodes.Shr_Un, VarAmount(31)); return true;
            case Opcode.Sra: Shift64(OpCodes.Shr, () => Const(sa)); return true;         // the whole register, as the handler
            case Opcode.Srav: Shift64(OpCodes.Shr, VarAmount(31)); return true;
            case Opcode.Dsll: Shift64(OpCodes.Shl, () => Const(sa)); return true;
            case Opcode.Dsrl: Shift64(OpCodes.Shr_Un, () => Const(sa)); return true;
            case Opcode.Dsra: Shift64(OpCodes.Shr, () => Const(sa)); return true;
            case Opcode.Dsll32: Shift64(OpCodes.Shl, () => Const(sa + 32)); return true;
            case Opcode.Dsrl32: Shift64(OpCodes.Shr_Un, () => Const(sa + 32)); return true;
            case Opcode.Dsra32: Shift64(OpCodes.Shr, () => Const(sa + 32)); return true;
            case Opcode.Dsllv: Shift64(OpCodes.Shl, VarAmount(63)); return true;
            case Opcode.Dsrlv: Shift64(OpCodes.Shr_Un, VarAmount(63)); return true;
            case Opcode.Dsrav: Shift64(OpCodes.Shr, VarAmount(63)); return true;
            case Opcode.Mul:
                StoreReg(il, rd, () =>
                {
                    LoadReg(il, rs); il.Emit(OpCodes.Conv_I4); il.Emit(OpCodes.Conv_I8);
                    LoadReg(il, rt); il.Emit(OpCodes.Conv_I4); il.Emit(OpCodes.Conv_I8);
                    il.Emit(OpCodes.Mul);
                    Sext32(il);
                });
                return true;
            case Opcode.Movz:
            case Opcode.Movn:
            {
                if (rd == 0) return true;
                var skip = il.DefineLabel();
                // rs and rd into the cache before the paths part: then rd's local is current on both
                LoadReg(il, rs);
                il.Emit(OpCodes.Pop);
                LoadReg(il, rd);
                il.Emit(OpCodes.Pop);
                LoadReg(il, rt);
                il.Emit(op == Opcode.Movz ? OpCodes.Brtrue : OpCodes.Brfalse, skip);
                StoreReg(il, rd, () => LoadReg(il, rs)); // marks rd dirty: a spare store on the other path is harmless
                il.MarkLabel(skip);
                return true;
            }
            case Opcode.Mfhi: StoreReg(il, rd, () => Field(il, OffHi, false)); return true;
            case Opcode.Mflo: StoreReg(il, rd, () => Field(il, OffLo, false)); return true;
            case Opcode.Mthi: Field(il, OffHi, true, () => LoadReg(il, rs)); return true;
            case Opcode.Mtlo: Field(il, OffLo, true, () => LoadReg(il, rs)); return true;
            case Opcode.Seb: StoreReg(il, rd, () => { LoadReg(il, rt); il.Emit(OpCodes.Conv_I1); il.Emit(OpCodes.Conv_I8); }); return true;
            case Opcode.Seh: StoreReg(il, rd, () => { LoadReg(il, rt); il.Emit(OpCodes.Conv_I2); il.Emit(OpCodes.Conv_I8); }); return true;
            case Opcode.Nop:
            case Opcode.Ssnop:
            case Opcode.Ehb:
            case Opcode.Sync:
            case Opcode.Pref:
                return true;
        }
        return false;
    }

    private static readonly MethodInfo ArithD = typeof(CpuCore).GetMethod(nameof(CpuCore.JitArithD), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo ArithS = typeof(CpuCore).GetMethod(nameof(CpuCore.JitArithS), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo Ldc1 = typeof(CpuCore).GetMethod(nameof(CpuCore.JitLdc1), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo Sdc1 = typeof(CpuCore).GetMethod(nameof(CpuCore.JitSdc1), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly MethodInfo CompareD = typeof(CpuCore).GetMethod(nameof(CpuCore.JitCompareD), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo CompareS = typeof(CpuCore).GetMethod(nameof(CpuCore.JitCompareS), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo Convert = typeof(CpuCore).GetMethod(nameof(CpuCore.JitConvert), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo MoveD = typeof(CpuCore).GetMethod(nameof(CpuCore.JitMoveD), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo MoveToFpr = typeof(CpuCore).GetMethod(nameof(CpuCore.JitMoveToFpr), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo Msa = typeof(CpuCore).GetMethod(nameof(CpuCore.JitMsa), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo MsaFp = typeof(CpuCore).GetMethod(nameof(CpuCore.JitMsaFp), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo MsaLoad = typeof(CpuCore).GetMethod(nameof(CpuCore.JitMsaLoad), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo MsaStore = typeof(CpuCore).GetMethod(nameof(CpuCore.JitMsaStore), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>
    /// MSA instructions whose handler raises nothing but MsaUsable's exceptions and neither reads nor
    /// writes a GPR (so a helper may call it without the loop's bookkeeping); the widening ones only
    /// with df above byte (else Reserved Instruction).
    /// </summary>
    private static readonly HashSet<Opcode> MsaPlain = Parse(
        "SLL_V SRA_V SRL_V ADDV SUBV MAX_S MAX_U MIN_S MIN_U CEQ CLT_S CLT_U CLE_S CLE_U MULV ADD_A ADDS_A ADDS_S ADDS_U " +
        "AVE_S AVE_U AVER_S AVER_U SUBS_S SUBS_U SUBSUS_U SUBSUU_S ASUB_S ASUB_U MADDV MSUBV MSADIV_S MSADIV_U MOD_S MOD_U " +
        "PCKEV PCKOD ILVL ILVR ILVEV ILVOD BCLR BSET BNEG SRAR SRLR MAX_A MIN_A BINSL BINSR VSHF " +
        "AND_V OR_V NOR_V XOR_V BMNZ_V BMZ_V BSEL_V ADDVI SUBVI MAXI_S MAXI_U MINI_S MINI_U CEQI CLTI_S CLTI_U CLEI_S CLEI_U " +
        "ANDI_B ORI_B NORI_B XORI_B BMNZI_B BMZI_B BSELI_B SHF_B SHF_H SHF_W SLLI SRAI SRLI BCLRI BSETI BNEGI SAT_S SAT_U " +
        "SRARI SRLRI BINSLI BINSRI LDI MOVE_V PCNT NLOC NLZC");
    private static readonly HashSet<Opcode> MsaWidening = Parse("DOTP_S DOTP_U DPADD_S DPADD_U DPSUB_S DPSUB_U HADD_S HADD_U HSUB_S HSUB_U");

    private static HashSet<Opcode> Parse(string names) =>
        names.Split(' ').Select(n => Enum.Parse<Opcode>(n.Replace("_", ""), ignoreCase: true)).ToHashSet();

    /// <summary>Instructions with a helper (CpuCore.JitFpu.cs, JitMsa.cs) that either completes them or changes nothing.</summary>
    public static bool HasHelper(Opcode op, uint w) => op is Opcode.AddD or Opcode.SubD or Opcode.MulD or Opcode.DivD
        or Opcode.AddS or Opcode.SubS or Opcode.MulS or Opcode.DivS or Opcode.Ldc1 or Opcode.Sdc1
        or Opcode.CD or Opcode.CS or Opcode.CvtDW or Opcode.TruncWD or Opcode.TruncWS or Opcode.CvtSD or Opcode.CvtDS or Opcode.CvtSW or Opcode.MovD or Opcode.NegD or Opcode.AbsD or Opcode.Dmtc1 or Opcode.Mtc1
        or Opcode.Fadd or Opcode.Fsub or Opcode.Fmul or Opcode.Fdiv or Opcode.Fmadd or Opcode.Fmsub
        or Opcode.LdB or Opcode.LdH or Opcode.LdW or Opcode.LdD or Opcode.StB or Opcode.StH or Opcode.StW or Opcode.StD
        || MsaPlain.Contains(op) || (MsaWidening.Contains(op) && ((w >> 21) & 3) != 0);

    /// <summary>Whether the helper writes memory (its slow path may then have rewritten the running block).</summary>
    public static bool HelperStores(Opcode op) => op is Opcode.Sdc1 or Opcode.StB or Opcode.StH or Opcode.StW or Opcode.StD;

    /// <summary>Calls the helper for <paramref name="op"/>; leaves true when it did the instruction.</summary>
    public static void EmitHelper(ILGenerator il, Opcode op, uint w)
    {
        il.Emit(OpCodes.Ldarg_0);
        switch (op)
        {
            case Opcode.Ldc1 or Opcode.Sdc1:
                LoadReg(il, Rs(w)); // base
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(OpCodes.Call, op == Opcode.Ldc1 ? Ldc1 : Sdc1);
                return;
            case Opcode.CD or Opcode.CS:
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(OpCodes.Call, op == Opcode.CD ? CompareD : CompareS);
                return;
            case Opcode.TruncWD or Opcode.TruncWS or Opcode.CvtSD or Opcode.CvtDS or Opcode.CvtSW or Opcode.CvtDW:
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(OpCodes.Ldc_I4, op switch
                {
                    Opcode.TruncWD => CpuCore.JitTruncWD,
                    Opcode.TruncWS => CpuCore.JitTruncWS,
                    Opcode.CvtSD => CpuCore.JitCvtSD,
                    Opcode.CvtDS => CpuCore.JitCvtDS,
                    Opcode.CvtSW => CpuCore.JitCvtSW,
                    _ => CpuCore.JitCvtDW,
                });
                il.Emit(OpCodes.Call, Convert);
                return;
            case Opcode.MovD or Opcode.NegD or Opcode.AbsD:
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(OpCodes.Ldc_I4, op == Opcode.MovD ? 0 : op == Opcode.NegD ? 1 : 2);
                il.Emit(OpCodes.Call, MoveD);
                return;
            case Opcode.Dmtc1 or Opcode.Mtc1:
                LoadReg(il, Rt(w));
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(op == Opcode.Dmtc1 ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Call, MoveToFpr);
                return;
            case Opcode.LdB or Opcode.LdH or Opcode.LdW or Opcode.LdD or Opcode.StB or Opcode.StH or Opcode.StW or Opcode.StD:
                LoadReg(il, Rd(w)); // base: bits 15:11
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(OpCodes.Call, HelperStores(op) ? MsaStore : MsaLoad);
                return;
            case Opcode.Fadd or Opcode.Fsub or Opcode.Fmul or Opcode.Fdiv or Opcode.Fmadd or Opcode.Fmsub:
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(OpCodes.Ldc_I4, op switch
                {
                    Opcode.Fadd => CpuCore.FastAdd,
                    Opcode.Fsub => CpuCore.FastSub,
                    Opcode.Fmul => CpuCore.FastMul,
                    Opcode.Fdiv => CpuCore.FastDiv,
                    Opcode.Fmadd => CpuCore.FastMadd,
                    _ => CpuCore.FastMsub,
                });
                il.Emit(OpCodes.Call, MsaFp);
                return;
            case Opcode.AddD or Opcode.SubD or Opcode.MulD or Opcode.DivD or Opcode.AddS or Opcode.SubS or Opcode.MulS or Opcode.DivS:
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(OpCodes.Ldc_I4, op switch
                {
                    Opcode.AddD or Opcode.AddS => CpuCore.JitFpAdd,
                    Opcode.SubD or Opcode.SubS => CpuCore.JitFpSub,
                    Opcode.MulD or Opcode.MulS => CpuCore.JitFpMul,
                    _ => CpuCore.JitFpDiv,
                });
                il.Emit(OpCodes.Call, op is Opcode.AddD or Opcode.SubD or Opcode.MulD or Opcode.DivD ? ArithD : ArithS);
                return;
            default:
                il.Emit(OpCodes.Ldc_I4, unchecked((int)w));
                il.Emit(OpCodes.Ldc_I4, (int)op);
                il.Emit(OpCodes.Call, Msa);
                return;
        }
    }

    private static readonly MethodInfo FprReadable = typeof(CpuCore).GetMethod(nameof(CpuCore.JitFprReadable), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>MFC1/DMFC1: when the FPR can be read (a helper's check, else to <paramref name="slow"/>), rt = the low word sign-extended, or the doubleword.</summary>
    public static void EmitMoveFromFpr(ILGenerator il, Opcode op, uint w, Label slow)
    {
        bool doubleword = op == Opcode.Dmfc1;
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(doubleword ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Call, FprReadable);
        il.Emit(OpCodes.Brfalse, slow);
        StoreReg(il, Rt(w), () =>
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, OffFpr + Rd(w) * 8); // fs: bits 15:11
            il.Emit(OpCodes.Add);
            if (doubleword) il.Emit(OpCodes.Ldind_I8);
            else
            {
                il.Emit(OpCodes.Ldind_I4);
                il.Emit(OpCodes.Conv_I8);
            }
        });
    }

    /// <summary>Width in bytes and whether it is a store, for the loads and stores with an inline hit path.</summary>
    public static (int Size, bool Store, bool Signed)? MemoryShape(Opcode op) => op switch
    {
        Opcode.Lb => (1, false, true),
        Opcode.Lbu => (1, false, false),
        Opcode.Lh => (2, false, true),
        Opcode.Lhu => (2, false, false),
        Opcode.Lw => (4, false, true),
        Opcode.Lwu => (4, false, false),
        Opcode.Ld => (8, false, false),
        Opcode.Sb => (1, true, false),
        Opcode.Sh => (2, true, false),
        Opcode.Sw => (4, true, false),
        Opcode.Sd => (8, true, false),
        _ => null,
    };

    /// <summary>
    /// The software-TLB hit path of a load or store: computes the address, and on a hit performs
    /// the access and falls through; on a miss branches to <paramref name="miss"/> (where the
    /// caller calls the handler with the loop's bookkeeping). Mirrors CpuCore.Load8..Store64.
    /// </summary>
    public static void EmitMemoryFastPath(ILGenerator il, uint w, (int Size, bool Store, bool Signed) shape, Label miss)
    {
        var va = il.DeclareLocal(typeof(ulong));
        var entry = il.DeclareLocal(typeof(byte*));
        LoadReg(il, Rs(w));
        il.Emit(OpCodes.Ldc_I8, Simm(w));
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, va);
        // entry = table + ((va >> 12) & IndexMask) * 16
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, shape.Store ? StoreTable : LoadTable);
        il.Emit(OpCodes.Ldloc, va);
        il.Emit(OpCodes.Ldc_I4, 12);
        il.Emit(OpCodes.Shr_Un);
        il.Emit(OpCodes.Ldc_I8, (long)Mmu.SoftTlb.IndexMask);
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Ldc_I4, 16);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, entry);
        // if (entry->Tag != (va & (~0xFFF | (size - 1)))) goto miss
        il.Emit(OpCodes.Ldloc, entry);
        il.Emit(OpCodes.Ldind_I8);
        il.Emit(OpCodes.Ldloc, va);
        il.Emit(OpCodes.Ldc_I8, ~0xFFFL | (shape.Size - 1));
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Bne_Un, miss);
        // host = entry->Delta + va
        void Host()
        {
            il.Emit(OpCodes.Ldloc, entry);
            il.Emit(OpCodes.Ldc_I4, 8);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldind_I8);
            il.Emit(OpCodes.Ldloc, va);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Conv_U);
        }
        int rt = Rt(w);
        if (shape.Store)
        {
            Host();
            LoadReg(il, rt);
            il.Emit(shape.Size switch { 1 => OpCodes.Stind_I1, 2 => OpCodes.Stind_I2, 4 => OpCodes.Stind_I4, _ => OpCodes.Stind_I8 });
        }
        else
        {
            StoreReg(il, rt, () =>
            {
                Host();
                switch (shape.Size)
                {
                    case 1: il.Emit(shape.Signed ? OpCodes.Ldind_I1 : OpCodes.Ldind_U1); break;
                    case 2: il.Emit(shape.Signed ? OpCodes.Ldind_I2 : OpCodes.Ldind_U2); break;
                    case 4: il.Emit(shape.Signed ? OpCodes.Ldind_I4 : OpCodes.Ldind_U4); break;
                    default: il.Emit(OpCodes.Ldind_I8); return;
                }
                il.Emit(shape.Signed ? OpCodes.Conv_I8 : OpCodes.Conv_U8);
            });
        }
    }
}
