namespace VzFast.Cpu.Engines;

/// <summary>What a block engine must do around an instruction, by what its handler may observe or change.</summary>
internal enum InstructionKind : byte
{
    /// <summary>Register arithmetic: sees no PC, raises nothing, changes no mode.</summary>
    Pure,
    /// <summary>A plain load or store: may raise an address or TLB exception.</summary>
    Memory,
    /// <summary>May raise an exception or read the PC; the block goes on if the PC simply moved on.</summary>
    General,
    /// <summary>May change the mode, the translation or the code itself: the block ends after it.</summary>
    GeneralEnd,
    /// <summary>A branch or jump: the block ends after its delay slot.</summary>
    Branch,
}

/// <summary>The kind of each opcode (from the spec's groups), and where a basic block ends.</summary>
internal static class InstructionKinds
{
    private static readonly InstructionKind[] Kinds = Build();

    private static InstructionKind[] Build()
    {
        var kinds = new InstructionKind[OpcodeInfo.Count];
        string[] trapping = ["Add", "Sub", "Dadd", "Dsub", "Addi", "Daddi", "Ext", "Ins", "Dext", "Dextm", "Dextu", "Dins", "Dinsm", "Dinsu"];
        for (int i = 0; i < kinds.Length; i++)
        {
            string name = ((Opcode)i).ToString();
            kinds[i] = !OpcodeInfo.Implemented[i] ? InstructionKind.GeneralEnd : OpcodeInfo.Groups[i] switch
            {
                "arithmetic" or "logical" or "shift" or "multiply_divide" or "bit_manipulation" or "conditional_move"
                    => trapping.Contains(name) ? InstructionKind.General : InstructionKind.Pure,
                "branch" or "branch_likely" or "jump" or "fpu_branch" or "fpu_branch_likely" or "msa_branch" => InstructionKind.Branch,
                "fpu" or "msa" => InstructionKind.General, // Coprocessor Unusable, FPE, MSA Disabled or RI; no mode change
                "load_store" => InstructionKind.Memory,
                "unaligned" or "atomic" => name.StartsWith('S') ? InstructionKind.GeneralEnd : InstructionKind.General, // a store may rewrite this block
                "trap" => InstructionKind.General,
                "system" => name switch
                {
                    "Sync" or "Pref" => InstructionKind.Pure,
                    "Synci" or "Cache" or "Rdhwr" => InstructionKind.General,
                    _ => InstructionKind.GeneralEnd,
                },
                _ => InstructionKind.GeneralEnd,
            };
        }
        return kinds;
    }

    public static InstructionKind Of(Opcode op) => (int)op < Kinds.Length ? Kinds[(int)op] : InstructionKind.GeneralEnd;

    /// <summary>Whether the opcode writes memory (a store through the slow path may drop the running block).</summary>
    public static bool Writes(Opcode op) => OpcodeInfo.Groups[(int)op] is "load_store" or "unaligned" or "atomic" && op.ToString()[0] == 'S'
        || op is Opcode.Cache or Opcode.Synci;

    /// <summary>How many of <paramref name="room"/> words form the block: up to the first branch's delay slot or block-ending instruction.</summary>
    public static unsafe int Plan(uint* code, int room)
    {
        for (int k = 0; k < room; k++)
        {
            var kind = Of(Decoder.Decode(code[k]));
            if (kind == InstructionKind.GeneralEnd) return k + 1;
            if (kind == InstructionKind.Branch) return Math.Min(k + 2, room);
        }
        return room;
    }
}
