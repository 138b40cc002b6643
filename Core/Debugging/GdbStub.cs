using System.Net;
using System.Net.Sockets;
using System.Text;
using VzFast.Machines;

namespace VzFast.Debugging;

/// <summary>
/// A GDB remote-serial-protocol stub on TCP (GDB manual, appendix E "Remote Protocol"), serving
/// one debugger at a time from the machine's own thread: registers in GDB's mips64 numbering,
/// memory through the guest's translation, software and hardware breakpoints (Z0/Z1), single
/// step, continue, and Ctrl-C. The machine stops when a debugger connects, as under QEMU.
/// </summary>
public sealed class GdbStub : IMachineDebugger, IDisposable
{
    private readonly Machine _machine;
    private readonly TcpListener _listener;
    private readonly HashSet<ulong> _breakpoints = [];
    private Socket? _client;
    private bool _stopped, _stepping, _noAck;
    private readonly byte[] _buffer = new byte[8192];
    private readonly StringBuilder _packet = new();
    private int _bufferLength, _bufferPos;

    public int Port { get; }

    /// <summary>Listens on <paramref name="port"/> (0: any free port); with <paramref name="waitForDebugger"/> the machine does not start until a debugger continues it (-S).</summary>
    public GdbStub(Machine machine, int port, bool waitForDebugger)
    {
        _machine = machine;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _stopped = waitForDebugger;
    }

    public bool SingleStepping => _client != null && _stepping;

    public void Service()
    {
        if (_client == null)
        {
            if (!_stopped && !_listener.Pending()) return;
            Accept();
            _stopped = true; // a debugger that connects finds the machine stopped
        }
        if (!_stopped)
        {
            // running: only a Ctrl-C (or a stray packet) can arrive
            if (_client!.Available == 0) return;
            int b = ReadByte();
            if (b == 0x03) Stop("T02");
            else if (b < 0) Disconnected();
            return;
        }
        while (_stopped && _client != null)
        {
            string? packet = ReadPacket();
            if (packet == null)
            {
                Disconnected();
                return;
            }
            Handle(packet);
        }
    }

    public void AfterStep()
    {
        if (_client == null || !_stepping) return;
        _stepping = false;
        Stop("T05");
    }

    public void BreakpointHit()
    {
        if (_client == null) return;
        _stepping = false;
        Stop("T05swbreak:;");
    }

    /// <summary>The machine stopped for good: tell the debugger the process exited (W).</summary>
    public void MachineExited(int exitCode)
    {
        if (_client == null) return;
        try { Send($"W{exitCode & 0xFF:x2}"); } catch (SocketException) { }
    }

    private void Accept()
    {
        _client = _listener.AcceptSocket();
        _client.NoDelay = true;
        _noAck = false;
        _bufferLength = _bufferPos = 0;
    }

    private void Disconnected()
    {
        _client?.Dispose();
        _client = null;
        _breakpoints.Clear();
        _machine.Cpu.SetBreakpoints(_breakpoints);
        _stepping = false;
        _stopped = false; // the machine runs on without a debugger
    }

    private void Stop(string reply)
    {
        _stopped = true;
        Send(reply);
    }

    private void Handle(string p)
    {
        if (p.Length == 0) { Send(""); return; }
        switch (p[0])
        {
            case '?': Send("T05"); return;
            case 'g': Send(ReadAllRegisters()); return;
            case 'G': WriteAllRegisters(p[1..]); Send("OK"); return;
            case 'p': Send(RegisterHex(ParseHex(p[1..]) is var n && n < Machine.DebugRegisterCount ? _machine.ReadDebugRegister((int)n) : 0)); return;
            case 'P':
            {
                int eq = p.IndexOf('=');
                int reg = (int)ParseHex(p[1..eq]);
                if (reg < Machine.DebugRegisterCount) _machine.WriteDebugRegister(reg, FromLittleEndianHex(p[(eq + 1)..]));
                Send("OK");
                return;
            }
            case 'm': Send(ReadMemory(p[1..])); return;
            case 'M': Send(WriteMemory(p[1..])); return;
            case 'X': Send(WriteMemoryBinary(p[1..])); return;
            case 'c':
                if (p.Length > 1) _machine.WriteDebugRegister(37, ParseHex(p[1..]));
                _machine.Cpu.SkipBreakpointOnce();
                _stopped = false;
                return;
            case 's':
                if (p.Length > 1) _machine.WriteDebugRegister(37, ParseHex(p[1..]));
                _machine.Cpu.SkipBreakpointOnce();
                _stepping = true;
                _stopped = false;
                return;
            case 'Z':
            case 'z':
                Send(Breakpoint(p));
                return;
            case 'D':
                Send("OK");
                Disconnected();
                return;
            case 'k':
                _machine.RequestExit(StopReason.UserQuit, 0, "killed by the debugger");
                Disconnected();
                _stopped = false;
                return;
            case 'H': Send("OK"); return;
            case 'T': Send("OK"); return;
            case 'q': Send(Query(p)); return;
            case 'Q':
                if (p == "QStartNoAckMode") { Send("OK"); _noAck = true; return; }
                Send("");
                return;
            default: Send(""); return; // not supported (vCont and friends: GDB falls back to c/s)
        }
    }

    private static string Query(string p)
    {
        if (p.StartsWith("qSupported", StringComparison.Ordinal)) return "PacketSize=4000;QStartNoAckMode+;swbreak+;hwbreak+";
        if (p == "qAttached") return "1";
        if (p == "qC") return "QC1";
        if (p == "qfThreadInfo") return "m1";
        if (p == "qsThreadInfo") return "l";
        if (p.StartsWith("qSymbol", StringComparison.Ordinal)) return "OK";
        return "";
    }

    private string Breakpoint(string p)
    {
        var parts = p[1..].Split(',');
        if (parts.Length < 2 || parts[0] is not ("0" or "1")) return ""; // watchpoints are not supported
        ulong addr = ParseHex(parts[1]);
        if (p[0] == 'Z') _breakpoints.Add(addr);
        else _breakpoints.Remove(addr);
        _machine.Cpu.SetBreakpoints(_breakpoints);
        return "OK";
    }

    private string ReadAllRegisters()
    {
        var sb = new StringBuilder(Machine.DebugRegisterCount * 16);
        for (int i = 0; i < Machine.DebugRegisterCount; i++) sb.Append(RegisterHex(_machine.ReadDebugRegister(i)));
        return sb.ToString();
    }

    private void WriteAllRegisters(string hex)
    {
        for (int i = 0; i < Machine.DebugRegisterCount && (i + 1) * 16 <= hex.Length; i++)
            if (i is < 35 or 36 or 37) _machine.WriteDebugRegister(i, FromLittleEndianHex(hex.Substring(i * 16, 16)));
    }

    private static string RegisterHex(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BitConverter.TryWriteBytes(b, v);
        return Convert.ToHexStringLower(b);
    }

    private static ulong FromLittleEndianHex(string hex)
    {
        var bytes = Convert.FromHexString(hex.Length > 16 ? hex[..16] : hex);
        ulong v = 0;
        for (int i = 0; i < bytes.Length; i++) v |= (ulong)bytes[i] << (i * 8);
        return v;
    }

    private string ReadMemory(string args)
    {
        var parts = args.Split(',');
        ulong addr = ParseHex(parts[0]);
        int len = (int)Math.Min(ParseHex(parts[1]), 0x1000);
        var data = new byte[len];
        return _machine.ReadDebugMemory(addr, data) ? Convert.ToHexStringLower(data) : "E14";
    }

    private string WriteMemory(string args)
    {
        int colon = args.IndexOf(':');
        var parts = args[..colon].Split(',');
        var data = Convert.FromHexString(args[(colon + 1)..]);
        return _machine.WriteDebugMemory(ParseHex(parts[0]), data) ? "OK" : "E14";
    }

    private string WriteMemoryBinary(string args)
    {
        int colon = args.IndexOf(':');
        var parts = args[..colon].Split(',');
        var data = Encoding.Latin1.GetBytes(args[(colon + 1)..]);
        if ((ulong)data.Length != ParseHex(parts[1])) return "E01";
        return _machine.WriteDebugMemory(ParseHex(parts[0]), data) ? "OK" : "E14";
    }

    private static ulong ParseHex(string s) => s.Length == 0 ? 0 : Convert.ToUInt64(s, 16);

    // --- framing ---

    private int ReadByte()
    {
        if (_bufferPos == _bufferLength)
        {
            int n;
            try { n = _client!.Receive(_buffer); }
            catch (SocketException) { return -1; }
            if (n <= 0) return -1;
            _bufferLength = n;
            _bufferPos = 0;
        }
        return _buffer[_bufferPos++];
    }

    /// <summary>The next packet's payload (escapes undone), acknowledged; null when the debugger went away.</summary>
    private string? ReadPacket()
    {
        while (true)
        {
            int b = ReadByte();
            if (b < 0) return null;
            if (b == 0x03) return "?"; // Ctrl-C while stopped: report where we are
            if (b != '$') continue;    // acks and noise
            _packet.Clear();
            while (true)
            {
                b = ReadByte();
                if (b < 0) return null;
                if (b == '#') break;
                if (b == '}') b = ReadByte() ^ 0x20;
                _packet.Append((char)b);
            }
            int c1 = ReadByte(), c2 = ReadByte();
            if (c1 < 0 || c2 < 0) return null;
            if (!_noAck) SendRaw("+");
            return _packet.ToString();
        }
    }

    private void Send(string payload)
    {
        var sb = new StringBuilder(payload.Length + 4).Append('$');
        int sum = 0;
        foreach (char ch in payload)
        {
            if (ch is '$' or '#' or '}' or '*')
            {
                sb.Append('}').Append((char)(ch ^ 0x20));
                sum += '}' + (ch ^ 0x20);
            }
            else
            {
                sb.Append(ch);
                sum += ch;
            }
        }
        sb.Append('#').Append((sum & 0xFF).ToString("x2"));
        SendRaw(sb.ToString());
    }

    private void SendRaw(string s)
    {
        try { _client?.Send(Encoding.Latin1.GetBytes(s)); }
        catch (SocketException) { Disconnected(); }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _listener.Stop();
    }
}
