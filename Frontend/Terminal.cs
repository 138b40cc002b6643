using System.Runtime.InteropServices;

namespace VzFast.Frontend;

/// <summary>
/// Puts the controlling terminal into raw mode (termios cfmakeraw) so every key reaches the guest,
/// and restores it on every exit path: normal return, exceptions, Ctrl-C and process exit.
/// </summary>
internal static unsafe partial class Terminal
{
    private const int StdinFd = 0, TcsaNow = 0;
    private static byte[]? _saved;
    private static readonly object Gate = new();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcgetattr(int fd, byte* termios);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcsetattr(int fd, int optionalActions, byte* termios);

    [LibraryImport("libc")]
    private static partial void cfmakeraw(byte* termios);

    [LibraryImport("libc")]
    private static partial int isatty(int fd);

    public static bool StdinIsTerminal => OperatingSystem.IsLinux() && !Console.IsInputRedirected && isatty(StdinFd) == 1;

    public static void EnterRaw()
    {
        if (!StdinIsTerminal) return;
        lock (Gate)
        {
            if (_saved != null) return;
            var saved = new byte[256]; // larger than any libc's struct termios
            var raw = new byte[256];
            fixed (byte* s = saved)
            fixed (byte* r = raw)
            {
                if (tcgetattr(StdinFd, s) != 0) return;
                Buffer.MemoryCopy(s, r, 256, 256);
                cfmakeraw(r);
                if (tcsetattr(StdinFd, TcsaNow, r) != 0) return;
            }
            _saved = saved;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Restore();
        Console.CancelKeyPress += (_, _) => Restore();
    }

    public static void Restore()
    {
        lock (Gate)
        {
            if (_saved == null) return;
            fixed (byte* s = _saved) tcsetattr(StdinFd, TcsaNow, s);
            _saved = null;
        }
    }
}
