namespace VzFast.Cpu;

public enum AccessKind : byte
{
    Load = 0,
    Store = 1,
    Fetch = 2,
}
