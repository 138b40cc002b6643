using VzFast.Devices.IsaBus;
using VzFast.Memory;

namespace VzFast.Devices.Uart16550;

/// <summary>A 16550 on ISA ports (one byte per register).</summary>
public sealed class UartIoPorts(Uart16550 uart) : IIoPortDevice
{
    public int AccessWidth => 1;
    public ulong ReadPort(int offset, int size) => uart.Read(offset);
    public void WritePort(int offset, int size, ulong value) => uart.Write(offset, (byte)value);
}

/// <summary>A 16550 on a memory bus with registers 2^shift bytes apart (the Malta CBUS UART uses 8).</summary>
public sealed class UartMmio(Uart16550 uart, int shift) : IMmioDevice
{
    public ulong Read(ulong offset, int size) => uart.Read((int)(offset >> shift));
    public void Write(ulong offset, int size, ulong value) => uart.Write((int)(offset >> shift), (byte)value);
}
