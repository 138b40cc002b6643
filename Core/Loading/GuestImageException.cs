namespace VzFast.Loading;

/// <summary>A guest image the machine cannot use; the message is one line for the user.</summary>
public sealed class GuestImageException(string message) : Exception(message);
