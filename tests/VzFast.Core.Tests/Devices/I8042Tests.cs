using VzFast.Devices.I8042;

namespace VzFast.Tests.Devices;

public class I8042Tests
{
    private const int Data = 0, Status = 4;

    [Fact]
    public void SelfTest_AndInterfaceTest_Reply()
    {
        var k = new I8042();
        k.Write(Status, 0xAA);
        Assert.Equal(0x01, k.Read(Status) & 0x01);
        Assert.Equal(0x55, k.Read(Data));
        k.Write(Status, 0xAB);
        Assert.Equal(0x00, k.Read(Data));
        Assert.Equal(0x00, k.Read(Status) & 0x01);
    }

    [Fact]
    public void KeyboardReset_AcksAndPassesBat()
    {
        var k = new I8042();
        k.Write(Data, 0xFF);
        Assert.Equal(0xFA, k.Read(Data));
        Assert.Equal(0xAA, k.Read(Data));
        k.Write(Data, 0xF2); // identify
        Assert.Equal(0xFA, k.Read(Data));
        Assert.Equal(0xAB, k.Read(Data));
        Assert.Equal(0x83, k.Read(Data));
    }

    [Fact]
    public void TypedScanCodes_RaiseIrq1_OneEdgePerByte()
    {
        var k = new I8042();
        var irq = new List<bool>();
        k.Irq1 = irq.Add;
        k.KeyboardInput([0x1E, 0x9E]); // 'a' make and break (set 1, as translated)
        Assert.Equal([true], irq);
        Assert.Equal(0x1E, k.Read(Data));
        Assert.Equal([true, false, true], irq);
        Assert.Equal(0x9E, k.Read(Data));
        Assert.False(irq[^1]);
    }

    [Fact]
    public void CommandByte_DisablesKeyboardInterrupt()
    {
        var k = new I8042();
        var irq = new List<bool>();
        k.Irq1 = irq.Add;
        k.Write(Status, 0x20);
        byte cb = k.Read(Data);
        k.Write(Status, 0x60);
        k.Write(Data, (byte)(cb & ~1));
        irq.Clear(); // the reply to 0x20 interrupted, as it should with the bit still set
        k.KeyboardInput([0x1C]);
        Assert.Empty(irq);
        Assert.Equal(0x01, k.Read(Status) & 0x01); // the byte is there to poll
        Assert.Equal(0x1C, k.Read(Data));
    }

    [Fact]
    public void PulseResetLine_RequestsBoardReset()
    {
        var k = new I8042();
        bool reset = false;
        k.ResetRequested = () => reset = true;
        k.Write(Status, 0xFE);
        Assert.True(reset);
    }

    [Fact]
    public void AuxPort_RepliesFlaggedAux_OnIrq12()
    {
        var k = new I8042();
        var irq12 = new List<bool>();
        k.Irq12 = irq12.Add;
        k.Write(Status, 0x60);
        k.Write(Data, 0x47);     // both interrupts, translation, system flag
        k.Write(Status, 0xD4);   // next byte to the mouse
        k.Write(Data, 0xF2);     // get ID
        Assert.Equal(0x21, k.Read(Status) & 0x21);
        Assert.Equal(0xFA, k.Read(Data));
        Assert.Equal(0x00, k.Read(Data)); // standard PS/2 mouse
        Assert.Contains(true, irq12);
    }
}
