using System.Collections.Generic;
using System.Linq;

namespace VzFast.Generators.Isa
{
    /// <summary>
    /// A decision tree over instruction bits: switch on the highest run of bits every remaining
    /// encoding fixes, recurse; where none is shared, test the most specific encodings first.
    /// </summary>
    internal abstract class DecodeNode { }

    internal sealed class LeafNode : DecodeNode
    {
        public IsaInstruction? Insn;    // null: reserved instruction
        public uint CheckMask, CheckMatch; // bits still to verify (0 when fully decided)
    }

    internal sealed class SwitchNode : DecodeNode
    {
        public int Lo, Width;
        public List<KeyValuePair<uint, DecodeNode>> Cases = new List<KeyValuePair<uint, DecodeNode>>();
    }

    internal sealed class ChainNode : DecodeNode
    {
        public List<LeafNode> Tests = new List<LeafNode>(); // checked in order; first match wins
        public LeafNode Fallback = new LeafNode();
    }

    internal static class DecodeTree
    {
        public static DecodeNode Build(IReadOnlyList<IsaInstruction> insns) => Build(insns.ToList(), 0);

        private static DecodeNode Build(List<IsaInstruction> insns, uint known)
        {
            if (insns.Count == 0) return new LeafNode();
            if (insns.Count == 1) return Leaf(insns[0], known);
            uint common = ~known;
            foreach (var i in insns) common &= i.Mask;
            if (common == 0)
            {
                var chain = new ChainNode();
                foreach (var i in insns.OrderByDescending(i => Popcount(i.Mask & ~known)).ThenBy(i => i.Index))
                {
                    var leaf = Leaf(i, known);
                    if (leaf.CheckMask == 0) { chain.Fallback = leaf; break; }
                    chain.Tests.Add(leaf);
                }
                return chain;
            }
            int hi = 31;
            while ((common & (1u << hi)) == 0) hi--;
            int lo = hi;
            while (lo > 0 && (common & (1u << (lo - 1))) != 0) lo--;
            int width = hi - lo + 1;
            uint runMask = width == 32 ? uint.MaxValue : ((1u << width) - 1) << lo;
            var node = new SwitchNode { Lo = lo, Width = width };
            foreach (var g in insns.GroupBy(i => (i.Match & runMask) >> lo).OrderBy(g => g.Key))
                node.Cases.Add(new KeyValuePair<uint, DecodeNode>(g.Key, Build(g.ToList(), known | runMask)));
            return node;
        }

        private static LeafNode Leaf(IsaInstruction i, uint known) =>
            new LeafNode { Insn = i, CheckMask = i.Mask & ~known, CheckMatch = i.Match & ~known };

        private static int Popcount(uint v)
        {
            int n = 0;
            for (; v != 0; v &= v - 1) n++;
            return n;
        }
    }
}
