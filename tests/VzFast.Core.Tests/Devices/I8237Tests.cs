using VzFast.Devices.I8237;
using VzFast.Devices.IsaBus;

namespace VzFast.Tests.Devices;

public class I8237Tests
{
    private static (I8237 Dma, IsaIoBus Io) Attached()
    {
        var io = new IsaIoBus();
        var dma = new I8237();
        dma.Attach(io);
        return (dma, io);
    }

    [Fact]
    public void AddressAndCount_ThroughTheFlipFlop_ReadBack()
    {
        var (dma, io) = Attached();
        io.Write(0x0C, 1, 0);     // clear the flip-flop
        io.Write(0x04, 1, 0x34);  // channel 2 address low, high
        io.Write(0x04, 1, 0x12);
        io.Write(0x05, 1, 0xFF);  // count
        io.Write(0x05, 1, 0x01);
        io.Write(0x81, 1, 0x05);  // channel 2's page
        io.Write(0x0C, 1, 0);
        Assert.Equal(0x34UL, io.Read(0x04, 1));
        Assert.Equal(0x12UL, io.Read(0x04, 1));
        Assert.Equal(0xFFUL, io.Read(0x05, 1));
        Assert.Equal(0x01UL, io.Read(0x05, 1));
        Assert.Equal(0x05_1234u, dma.TransferAddress(2));
    }

    [Fact]
    public void Masks_SingleAllAndClear_AndMasterClear()
    {
        var (dma, io) = Attached();
        Assert.True(dma.Masked(0)); // masked after reset
        io.Write(0x0E, 1, 0);       // clear all masks
        Assert.False(dma.Masked(1));
        io.Write(0x0A, 1, 0x05);    // set mask, channel 1
        Assert.True(dma.Masked(1));
        Assert.Equal(0xF2UL, io.Read(0x0F, 1));
        io.Write(0xD4, 1, 0x00);    // controller 2 (even ports): clear channel 4's mask
        Assert.False(dma.Masked(4));
        io.Write(0xDA, 1, 0);       // master clear masks everything again
        Assert.True(dma.Masked(4));
        io.Write(0x0B, 1, 0x46);    // mode: single, write, channel 2
        Assert.Equal(0x44, dma.ModeOf(2));
    }

    [Fact]
    public void Controller2_IgnoresOddPorts_AndCountsWords()
    {
        var (dma, io) = Attached();
        io.Write(0xD8, 1, 0);       // clear flip-flop
        io.Write(0xC4, 1, 0x00);    // channel 5 address 0x8000 (words)
        io.Write(0xC4, 1, 0x80);
        io.Write(0x8B, 1, 0x03);    // channel 5's page
        Assert.Equal(0xFFUL, io.Read(0xC5, 1));
        Assert.Equal(0x02_0000u | 0x1_0000u, dma.TransferAddress(5)); // (page & 0xFE) << 16 | addr << 1
    }
}
