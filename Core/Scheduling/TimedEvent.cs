namespace VzFast.Scheduling;

/// <summary>A reusable timed event (one per timer): scheduling it again moves it, nothing is allocated.</summary>
public sealed class TimedEvent
{
    internal long Due;
    internal int HeapIndex = -1;
    internal readonly Action Callback;

    public string Name { get; }
    public bool Pending => HeapIndex >= 0;
    public long DueTime => Due;

    internal TimedEvent(string name, Action callback)
    {
        Name = name;
        Callback = callback;
    }
}
