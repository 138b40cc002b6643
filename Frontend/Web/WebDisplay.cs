using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VzFast.Cpu;
using VzFast.Devices.CirrusVga;
using VzFast.Machines.Malta;

namespace VzFast.Frontend.Web;

/// <summary>
/// -display web[:PORT]: a page on 127.0.0.1 (Kestrel, from the shared framework) with the VGA's
/// frame on a canvas, the first serial port beside it and a status line. A WebSocket carries the
/// rows that changed since the last frame (at most 60 frames a second; a newly connected page
/// gets the whole frame first), the serial output and the status; from the page it carries key
/// presses and releases (turned into PS/2 scan codes for the 8042) and lines for the serial port.
/// Keys and serial input reach the devices on the emulator's thread (<see cref="Pump"/>).
/// </summary>
internal sealed class WebDisplay : IDisposable
{
    private const int Header = 12;
    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(1000.0 / 60);

    private readonly Malta _machine;
    private readonly CirrusVga _vga;
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _keys = new();
    private readonly ConcurrentQueue<byte> _serialIn = new();
    private readonly StringBuilder _serialOut = new();
    private readonly StringBuilder _serialHistory = new(); // what a page opened later is shown first
    private const int HistoryLimit = 64 * 1024;
    private readonly List<Client> _clients = [];
    private readonly object _renderLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _message = new byte[Header + CirrusVga.MaxWidth * CirrusVga.MaxHeight * 4];
    private Task? _frames;

    /// <summary>Frames sent with changes; key events taken from pages.</summary>
    public long FramesSent, KeyEvents;

    public int Port { get; private set; }
    public string Url => $"http://127.0.0.1:{Port}/";

    private sealed class Client(WebSocket socket)
    {
        public WebSocket Socket { get; } = socket;
        public bool NeedsFullFrame = true, NeedsHistory = true;
        public readonly SemaphoreSlim SendLock = new(1, 1);
    }

    public WebDisplay(Malta machine, int port)
    {
        _machine = machine;
        _vga = machine.Vga ?? throw new UsageException("-display web needs the VGA (not -vga none)");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // the emulator, not the web host, owns the process: Ctrl-C and SIGTERM end it as without a display
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, ProcessLifetime>();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        _app.UseWebSockets();
        _app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        _app.MapGet("/screenshot.png", () => Results.Bytes(ScreenshotPng(), "image/png"));
        _app.Map("/ws", Serve);
    }

    private static readonly string Page = LoadPage();

    private static string LoadPage()
    {
        using var s = typeof(WebDisplay).Assembly.GetManifestResourceStream("page.html")!;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    public void Start()
    {
        try
        {
            _app.StartAsync().GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new UsageException($"-display web: cannot listen on 127.0.0.1 ({e.Message})");
        }
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Port = new Uri(addresses.First()).Port;
        _frames = Task.Run(FrameLoop);
    }

    /// <summary>On the emulator's thread between quanta: keys into the 8042, serial input into the UART while it has room.</summary>
    public void Pump()
    {
        while (_keys.TryDequeue(out var codes)) _machine.Keyboard.KeyboardInput(codes);
        while (_machine.Com1.CanReceive && _serialIn.TryDequeue(out byte b)) _machine.Com1.Receive(b);
    }

    /// <summary>A byte the guest wrote to the serial port (also shown in the page).</summary>
    public void SerialOutput(byte b)
    {
        lock (_serialOut) _serialOut.Append((char)b);
    }

    public byte[] ScreenshotPng()
    {
        lock (_renderLock)
        {
            _vga.Render();
            using var png = Screenshot.Encode(_vga.Frame, _vga.FrameWidth, _vga.FrameHeight);
            return png.ToArray();
        }
    }

    private async Task Serve(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var client = new Client(socket);
        lock (_clients) _clients.Add(client);
        try
        {
            var buffer = new byte[4096];
            while (socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                if (result.MessageType == WebSocketMessageType.Text && result.EndOfMessage) Handle(buffer.AsSpan(0, result.Count));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            lock (_clients) _clients.Remove(client);
        }
    }

    /// <summary>A message from a page: {"key": code, "down": bool} or {"serial": text}.</summary>
    private void Handle(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.TryGetProperty("key", out var key) && key.GetString() is { } code)
            {
                var bytes = Ps2Keys.Bytes(code, root.TryGetProperty("down", out var d) && d.GetBoolean());
                if (bytes.Length > 0)
                {
                    _keys.Enqueue(bytes);
                    Interlocked.Increment(ref KeyEvents);
                }
            }
            if (root.TryGetProperty("serial", out var text) && text.GetString() is { } s)
                foreach (byte b in Encoding.UTF8.GetBytes(s)) _serialIn.Enqueue(b);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // a malformed message from the page is ignored
        }
    }

    private async Task FrameLoop()
    {
        var timer = new PeriodicTimer(FrameInterval);
        var statusClock = System.Diagnostics.Stopwatch.StartNew();
        long lastInstructions = _machine.Cpu.InstructionCount, lastExits = _machine.Vcpu?.Stats.TotalExits ?? 0, lastFrames = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Client[] clients;
                lock (_clients) clients = [.. _clients];
                int length = 0;
                lock (_renderLock)
                {
                    var (top, bottom) = _vga.Render();
                    if (clients.Any(c => c.NeedsFullFrame)) (top, bottom) = (0, _vga.FrameHeight);
                    if (bottom > top) length = Pack(top, bottom);
                }
                if (length > 0)
                {
                    FramesSent++;
                    foreach (var c in clients)
                    {
                        c.NeedsFullFrame = false;
                        await Send(c, _message.AsMemory(0, length), WebSocketMessageType.Binary);
                    }
                }
                string? serial = null, history;
                lock (_serialOut)
                {
                    if (_serialOut.Length > 0)
                    {
                        serial = _serialOut.ToString();
                        _serialOut.Clear();
                        _serialHistory.Append(serial);
                        if (_serialHistory.Length > HistoryLimit) _serialHistory.Remove(0, _serialHistory.Length - HistoryLimit);
                    }
                    history = clients.Any(c => c.NeedsHistory) ? _serialHistory.ToString() : null;
                }
                foreach (var c in clients)
                {
                    // a new page gets everything so far; the others what is new
                    string? text = c.NeedsHistory ? history : serial;
                    c.NeedsHistory = false;
                    if (!string.IsNullOrEmpty(text)) await Send(c, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { serial = text })), WebSocketMessageType.Text);
                }
                if (statusClock.Elapsed.TotalSeconds >= 1)
                {
                    double s = statusClock.Elapsed.TotalSeconds;
                    long instructions = _machine.Cpu.InstructionCount, exits = _machine.Vcpu?.Stats.TotalExits ?? 0;
                    var mode = _vga.Mode;
                    string status = $"guest {(instructions - lastInstructions) / s / 1e6:F1} MIPS, {(exits - lastExits) / s:F0} exits/s, " +
                                    $"{(FramesSent - lastFrames) / s:F0} frames/s, {_vga.FrameWidth}x{_vga.FrameHeight}" +
                                    (mode.Graphics ? $"x{mode.Bits}" : " (no Cirrus mode set)") + $", engine {_machine.Cpu.Engine.Name()}";
                    (lastInstructions, lastExits, lastFrames) = (instructions, exits, FramesSent);
                    statusClock.Restart();
                    await Broadcast(clients, JsonSerializer.Serialize(new { status }));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Rows [top, bottom) of the frame into the message buffer: the header, then RGBA.</summary>
    private int Pack(int top, int bottom)
    {
        int width = _vga.FrameWidth, rows = bottom - top;
        var m = _message.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(m, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(m[2..], (ushort)top);
        BinaryPrimitives.WriteUInt16LittleEndian(m[4..], (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(m[6..], (ushort)rows);
        BinaryPrimitives.WriteUInt16LittleEndian(m[8..], (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(m[10..], (ushort)_vga.FrameHeight);
        var pixels = System.Runtime.InteropServices.MemoryMarshal.AsBytes(_vga.Frame.Slice(top * width, rows * width));
        pixels.CopyTo(m[Header..]);
        return Header + pixels.Length;
    }

    private static async Task Broadcast(Client[] clients, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var c in clients) await Send(c, bytes, WebSocketMessageType.Text);
    }

    private static async Task Send(Client c, ReadOnlyMemory<byte> data, WebSocketMessageType type)
    {
        if (c.Socket.State != WebSocketState.Open) return;
        await c.SendLock.WaitAsync();
        try
        {
            await c.Socket.SendAsync(data, type, true, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            c.SendLock.Release();
        }
    }

    /// <summary>A host lifetime that leaves the process's signals alone.</summary>
    private sealed class ProcessLifetime : Microsoft.Extensions.Hosting.IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _frames?.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
        }
        _app.StopAsync().Wait(TimeSpan.FromSeconds(2));
        ((IDisposable)_app).Dispose();
    }
}
