using System.Collections.Generic;

namespace VzFast.Generators.Cp0
{
    internal enum FieldAccess { ReadWrite, ReadOnly, ClearOnly, RootOnly }

    internal sealed class Cp0Field
    {
        public string Name = "";
        public int Hi, Lo;
        public FieldAccess Access;
        public ulong WritableMask;   // bits software may write (subset of the field, from 'writable')
        public ulong GsfcMask;       // bits whose change by a guest MTC0 is a Guest Software Field Change
        public string? Enum;
        public ulong Mask => Hi - Lo == 63 ? ulong.MaxValue : ((1UL << (Hi - Lo + 1)) - 1) << Lo;
        public int Width => Hi - Lo + 1;
    }

    internal sealed class Cp0Register
    {
        public string Name = "";
        public int Reg, Sel;
        public int Width = 32;
        public bool Guest;
        public ulong Reset;
        public List<Cp0Field> Fields = new List<Cp0Field>();
        public int Index => Reg * 8 + Sel;

        public ulong WriteMask(bool root)
        {
            ulong m = 0;
            foreach (var f in Fields)
                if (f.Access == FieldAccess.ReadWrite || (root && f.Access == FieldAccess.RootOnly)) m |= f.WritableMask;
            return m;
        }

        public ulong GsfcMask()
        {
            ulong m = 0;
            foreach (var f in Fields) m |= f.GsfcMask;
            return m;
        }

        public ulong ClearMask()
        {
            ulong m = 0;
            foreach (var f in Fields)
                if (f.Access == FieldAccess.ClearOnly) m |= f.Mask;
            return m;
        }
    }

    internal sealed class Cp0Model
    {
        public string Name = "";
        public string CsName = "";
        public string Description = "";
        public Dictionary<string, ulong> Resets = new Dictionary<string, ulong>();
        public Dictionary<string, ulong> Params = new Dictionary<string, ulong>();
    }

    internal sealed class Cp0Spec
    {
        public string Namespace = "VzFast.Cp0";
        public Dictionary<string, List<KeyValuePair<string, ulong>>> Enums = new Dictionary<string, List<KeyValuePair<string, ulong>>>();
        public List<Cp0Register> Registers = new List<Cp0Register>();
        public List<Cp0Model> Models = new List<Cp0Model>();
    }
}
