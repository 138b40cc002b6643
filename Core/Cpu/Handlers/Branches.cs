using System.Runtime.CompilerServices;

namespace VzFast.Cpu;

// Vol. II-A branches and jumps. When a branch executes, Pc already points at its delay slot and
// NextPc past it: a taken branch redirects NextPc; the delay slot always runs (DelaySlot = 2 marks
// it for Cause.BD). A branch-likely that is not taken skips (nullifies) the delay slot. Links are
// the branch address + 8.
public sealed unsafe partial class CpuCore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Branch(bool taken, long offset)
    {
        var s = S;
        s->DelaySlot = 2;
        if (taken) s->NextPc = s->Pc + (ulong)(offset << 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BranchLikely(bool taken, long offset)
    {
        var s = S;
        if (taken)
        {
            s->DelaySlot = 2;
            s->NextPc = s->Pc + (ulong)(offset << 2);
        }
        else
        {
            s->Pc = s->NextPc;
            s->NextPc = s->Pc + 4;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void JumpTo(ulong target)
    {
        S->DelaySlot = 2;
        S->NextPc = target;
    }

    private void Link31() => R[31] = S->CurPc + 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Beq(Branch op) => Branch(R[op.Rs] == R[op.Rt], op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void B(BranchAlways op) => Branch(true, op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bne(Branch op) => Branch(R[op.Rs] != R[op.Rt], op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Blez(BranchZ op) => Branch((long)R[op.Rs] <= 0, op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bgtz(BranchZ op) => Branch((long)R[op.Rs] > 0, op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bltz(BranchZ op) => Branch((long)R[op.Rs] < 0, op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bgez(BranchZ op) => Branch((long)R[op.Rs] >= 0, op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bltzal(BranchZ op)
    {
        bool taken = (long)R[op.Rs] < 0;
        Link31();
        Branch(taken, op.Imm);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bgezal(BranchZ op)
    {
        bool taken = (long)R[op.Rs] >= 0;
        Link31();
        Branch(taken, op.Imm);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bal(BranchAlways op)
    {
        Link31();
        Branch(true, op.Imm);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Beql(Branch op) => BranchLikely(R[op.Rs] == R[op.Rt], op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bnel(Branch op) => BranchLikely(R[op.Rs] != R[op.Rt], op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Blezl(BranchZ op) => BranchLikely((long)R[op.Rs] <= 0, op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bgtzl(BranchZ op) => BranchLikely((long)R[op.Rs] > 0, op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bltzl(BranchZ op) => BranchLikely((long)R[op.Rs] < 0, op.Imm);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bgezl(BranchZ op) => BranchLikely((long)R[op.Rs] >= 0, op.Imm);

    // The likely-and-link forms link whether or not the branch is taken
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void Bltzall(BranchZ op)
    {
        bool taken = (long)R[op.Rs] < 0;
        Link31();
        BranchLikely(taken, op.Imm);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Bgezall(BranchZ op)
    {
        bool taken = (long)R[op.Rs] >= 0;
        Link31();
        BranchLikely(taken, op.Imm);
    }

    // J/JAL: the target keeps the top bits of the delay slot's address (Vol. II-A J)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private partial void J(Jump op) => JumpTo((S->Pc & ~0x0FFF_FFFFUL) | ((ulong)op.Target << 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Jal(Jump op)
    {
        Link31();
        JumpTo((S->Pc & ~0x0FFF_FFFFUL) | ((ulong)op.Target << 2));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Jr(JumpReg op) => JumpTo(R[op.Rs]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void JrHb(JumpReg op) => JumpTo(R[op.Rs]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void Jalr(JumpLink op)
    {
        ulong target = R[op.Rs];
        R[op.Rd] = S->CurPc + 8;
        JumpTo(target);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]

    private partial void JalrHb(JumpLink op)
    {
        ulong target = R[op.Rs];
        R[op.Rd] = S->CurPc + 8;
        JumpTo(target);
    }
}
