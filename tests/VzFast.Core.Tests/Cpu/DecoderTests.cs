using VzFast.Cpu;

namespace VzFast.Tests.Cpu;

public class DecoderTests
{
    /// <summary>Every one of the 2^32 words decodes without a host exception, to an opcode whose pattern it matches.</summary>
    [Fact]
    [Trait("Category", "Totality")]
    public void AllWords_DecodeToAMatchingOpcodeOrInvalid()
    {
        var masks = OpcodeInfo.Masks;
        var matches = OpcodeInfo.Matches;
        long bad = 0;
        Parallel.For(0, 1 << 16, hi =>
        {
            uint baseWord = (uint)hi << 16;
            int localBad = 0;
            for (uint lo = 0; lo < 0x10000; lo++)
            {
                uint w = baseWord | lo;
                var op = Decoder.Decode(w);
                if (op != Opcode.Invalid && (w & masks[(int)op]) != matches[(int)op]) localBad++;
            }
            if (localBad != 0) Interlocked.Add(ref bad, localBad);
        });
        Assert.Equal(0, bad);
    }

    /// <summary>Random words inside each spec pattern decode to that entry, or to an entry that overrides it.</summary>
    [Fact]
    public void EverySpecEntry_IsReachable()
    {
        var rng = new Random(1234);
        for (int i = 1; i < OpcodeInfo.Count; i++)
        {
            var op = (Opcode)i;
            uint mask = OpcodeInfo.Masks[i], match = OpcodeInfo.Matches[i];
            bool hitSelf = false;
            for (int n = 0; n < 2000; n++)
            {
                uint w = (uint)rng.Next() << 1 ^ (uint)rng.Next();
                w = (w & ~mask) | match;
                var got = Decoder.Decode(w);
                Assert.NotEqual(Opcode.Invalid, got);
                if (got == op) hitSelf = true;
                else Assert.Equal(match, w & OpcodeInfo.Masks[(int)got] & mask); // a stricter special case of op
            }
            Assert.True(hitSelf, $"{op} never decodes to itself");
        }
    }

    [Fact]
    public void Spec_CountsAreReported()
    {
        // The spec lists the MIPS64 R2 user ISA plus CACHE and the CP0 instructions; most are implemented.
        Assert.True(OpcodeInfo.Count > 160);
        Assert.True(OpcodeInfo.ImplementedCount > 140);
        Assert.Equal("ADDIU", OpcodeInfo.Mnemonic(Opcode.Addiu));
        Assert.Equal("JR.HB", OpcodeInfo.Mnemonic(Opcode.JrHb));
    }

    [Theory]
    [InlineData(0x2402_0001u, Opcode.Addiu)] // addiu v0, zero, 1
    [InlineData(0x0320_F809u, Opcode.Jalr)]  // jalr t9
    [InlineData(0x03E0_0008u, Opcode.Jr)]    // jr ra
    [InlineData(0x03E0_0408u, Opcode.JrHb)]  // jr.hb ra
    [InlineData(0x0000_000Cu, Opcode.Syscall)]
    [InlineData(0x7C03_E83Bu, Opcode.Rdhwr)] // rdhwr v1, $29
    [InlineData(0xDFBF_0018u, Opcode.Ld)]    // ld ra, 24(sp)
    [InlineData(0x4200_0018u, Opcode.Eret)]
    [InlineData(0x4080_6000u, Opcode.Mtc0)]  // mtc0 zero, Status
    public void KnownWords(uint word, Opcode expected) => Assert.Equal(expected, Decoder.Decode(word));
}
