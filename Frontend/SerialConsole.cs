using System.Collections.Concurrent;
using VzFast.Devices.Uart16550;
using VzFast.Machines;

namespace VzFast.Frontend;

/// <summary>
/// Connects a UART to the terminal as QEMU's -serial stdio with the mux escapes: guest output to
/// stdout, keys (in raw mode) to the UART's receiver. Ctrl-A x quits, Ctrl-A s writes a screenshot
/// of the VGA, Ctrl-A h lists the escapes, Ctrl-A Ctrl-A sends Ctrl-A.
/// </summary>
internal sealed class SerialConsole : IDisposable
{
    private const byte CtrlA = 0x01;
    private readonly Uart16550 _uart;
    private readonly Machine _machine;
    private readonly Stream _stdout = Console.OpenStandardOutput();
    private readonly byte[] _outBuffer = new byte[4096];
    private int _outCount;
    private readonly ConcurrentQueue<byte> _input = new();
    private readonly Thread? _reader;
    private bool _escape;

    public long BytesOut { get; private set; }

    /// <summary>What Ctrl-A s does (the board's VGA to a PNG); null when there is no display.</summary>
    public Func<string>? TakeScreenshot { get; set; }

    public SerialConsole(Machine machine, Uart16550 uart, bool interactive)
    {
        _machine = machine;
        _uart = uart;
        uart.Output = Write;
        if (interactive)
        {
            Terminal.EnterRaw();
            _reader = new Thread(ReadInput) { IsBackground = true, Name = "stdin" };
            _reader.Start();
        }
    }

    private void Write(byte b)
    {
        _outBuffer[_outCount++] = b;
        BytesOut++;
        if (_outCount == _outBuffer.Length) Flush();
    }

    public void Flush()
    {
        if (_outCount == 0) return;
        _stdout.Write(_outBuffer, 0, _outCount);
        _stdout.Flush();
        _outCount = 0;
    }

    private void ReadInput()
    {
        var stdin = Console.OpenStandardInput();
        var buf = new byte[256];
        try
        {
            int n;
            while ((n = stdin.Read(buf, 0, buf.Length)) > 0)
                for (int i = 0; i < n; i++) _input.Enqueue(buf[i]);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Between quanta: flush output, feed waiting keys into the UART while it has room.</summary>
    public void Pump()
    {
        Flush();
        while (_uart.CanReceive && _input.TryPeek(out byte b))
        {
            _input.TryDequeue(out _);
            if (_escape)
            {
                _escape = false;
                if (HandleEscape(b)) continue;
            }
            else if (b == CtrlA)
            {
                _escape = true;
                continue;
            }
            _uart.Receive(b);
        }
    }

    /// <summary>Returns true when the key was consumed by the escape.</summary>
    private bool HandleEscape(byte key)
    {
        switch ((char)key)
        {
            case 'x':
                Message("vzfast: terminated");
                _machine.RequestExit(StopReason.UserQuit, 0, "quit by Ctrl-A x");
                return true;
            case 's':
                Message(TakeScreenshot == null ? "vzfast: no VGA to take a screenshot of" : "vzfast: screenshot " + TakeScreenshot());
                return true;
            case 'h':
                Message("C-a h    print this help\r\nC-a x    exit emulator\r\nC-a s    write a screenshot of the VGA (PNG)\r\nC-a C-a  send C-a");
                return true;
            case (char)CtrlA:
                return false;
            default:
                return true;
        }
    }

    private void Message(string text)
    {
        Flush();
        var bytes = System.Text.Encoding.UTF8.GetBytes("\r\n" + text + "\r\n");
        _stdout.Write(bytes);
        _stdout.Flush();
    }

    public void Dispose()
    {
        Flush();
        Terminal.Restore();
    }
}
