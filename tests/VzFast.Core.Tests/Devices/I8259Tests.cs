using VzFast.Devices.I8259;

namespace VzFast.Tests.Devices;

public class I8259Tests
{
    /// <summary>ICW1-ICW4 as Linux's init_8259A programs the master (vectors from 0x08... here 0x20).</summary>
    private static I8259 Initialised(List<bool>? edges = null)
    {
        var pic = new I8259("t");
        if (edges != null) pic.Output = edges.Add;
        pic.Write(0, 0x11); // ICW1: edge, cascade, ICW4 needed
        pic.Write(1, 0x20); // ICW2: vector base
        pic.Write(1, 0x04); // ICW3: slave on IR2
        pic.Write(1, 0x01); // ICW4: 8086 mode, normal EOI
        pic.Write(1, 0x00); // OCW1: all unmasked
        return pic;
    }

    [Fact]
    public void EdgeRequest_RaisesInt_AcknowledgeGivesVector_EoiClearsIsr()
    {
        var edges = new List<bool>();
        var pic = Initialised(edges);
        pic.SetLevel(3, true);
        Assert.True(pic.Int);
        Assert.Equal([true], edges);
        Assert.Equal(0x23, pic.Acknowledge());
        Assert.False(pic.Int);
        pic.Write(0, 0x0B); // OCW3: read ISR
        Assert.Equal(0x08, pic.Read(0));
        pic.Write(0, 0x20); // non-specific EOI
        Assert.Equal(0x00, pic.Read(0));
        pic.Write(0, 0x0A); // OCW3: read IRR
        Assert.Equal(0x00, pic.Read(0)); // the edge was consumed by the acknowledge
    }

    [Fact]
    public void HigherPriorityWins_AndNestedRequestWaitsForEoi()
    {
        var pic = Initialised();
        pic.SetLevel(5, true);
        pic.SetLevel(1, true);
        Assert.Equal(0x21, pic.Acknowledge());
        Assert.False(pic.Int); // IR5 is lower priority than the IR1 in service
        pic.Write(0, 0x20);
        Assert.True(pic.Int);
        Assert.Equal(0x25, pic.Acknowledge());
    }

    [Fact]
    public void MaskedLine_DoesNotInterrupt_UntilUnmasked()
    {
        var pic = Initialised();
        pic.Write(1, 0x10); // mask IR4
        Assert.Equal(0x10, pic.Read(1));
        pic.SetLevel(4, true);
        Assert.False(pic.Int);
        pic.Write(1, 0x00);
        Assert.True(pic.Int);
    }

    [Fact]
    public void LevelTriggered_StaysPendingAfterEoi_WhileLineIsHigh()
    {
        var pic = new I8259("t") { ElcrMask = 0xF8 };
        pic.Write(0, 0x11); pic.Write(1, 0x08); pic.Write(1, 0x04); pic.Write(1, 0x01); pic.Write(1, 0x00);
        pic.Elcr = 0x20; // IR5 level-triggered
        pic.SetLevel(5, true);
        Assert.Equal(0x0D, pic.Acknowledge());
        pic.Write(0, 0x20);
        Assert.True(pic.Int); // still asserted
        pic.Acknowledge();
        pic.SetLevel(5, false);
        pic.Write(0, 0x20);
        Assert.False(pic.Int);
    }

    [Fact]
    public void AcknowledgeWithNothingPending_IsSpuriousIr7()
    {
        var pic = Initialised();
        Assert.Equal(0x27, pic.Acknowledge());
    }

    [Fact]
    public void Cascade_AcknowledgeOnIr2_ReturnsSlaveVector()
    {
        var master = Initialised();
        var slave = new I8259("s");
        slave.Write(0, 0x11); slave.Write(1, 0x28); slave.Write(1, 0x02); slave.Write(1, 0x01); slave.Write(1, 0x00);
        slave.Output = level => master.SetLevel(2, level);
        master.CascadeAcknowledge = _ => slave.Acknowledge();
        slave.SetLevel(6, true); // IRQ 14
        Assert.True(master.Int);
        Assert.Equal(0x2E, master.Acknowledge());
    }

    [Fact]
    public void Poll_ReturnsPendingLine()
    {
        var pic = Initialised();
        pic.SetLevel(6, true);
        pic.Write(0, 0x0C); // OCW3: poll
        Assert.Equal(0x86, pic.Read(0));
        pic.Write(0, 0x0C);
        Assert.Equal(0x00, pic.Read(0));
    }
}
