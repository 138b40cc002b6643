namespace VzFast.Frontend.Web;

/// <summary>
/// Browser key codes (KeyboardEvent.code) to the bytes a PS/2 keyboard's press and release reach
/// the guest as through the 8042 with translation on (scan code set 1, as Linux's atkbd reads
/// them by default): the make code, the break code (make | 0x80), extended keys after 0xE0.
/// </summary>
internal static class Ps2Keys
{
    private static readonly Dictionary<string, (byte Code, bool Extended)> Set1 = Build();

    private static Dictionary<string, (byte, bool)> Build()
    {
        var map = new Dictionary<string, (byte, bool)>();
        void Row(byte first, params string[] codes)
        {
            for (int i = 0; i < codes.Length; i++) map[codes[i]] = ((byte)(first + i), false);
        }
        Row(0x01, "Escape", "Digit1", "Digit2", "Digit3", "Digit4", "Digit5", "Digit6", "Digit7", "Digit8", "Digit9", "Digit0",
            "Minus", "Equal", "Backspace", "Tab", "KeyQ", "KeyW", "KeyE", "KeyR", "KeyT", "KeyY", "KeyU", "KeyI", "KeyO", "KeyP",
            "BracketLeft", "BracketRight", "Enter", "ControlLeft", "KeyA", "KeyS", "KeyD", "KeyF", "KeyG", "KeyH", "KeyJ", "KeyK",
            "KeyL", "Semicolon", "Quote", "Backquote", "ShiftLeft", "Backslash", "KeyZ", "KeyX", "KeyC", "KeyV", "KeyB", "KeyN",
            "KeyM", "Comma", "Period", "Slash", "ShiftRight", "NumpadMultiply", "AltLeft", "Space", "CapsLock",
            "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "NumLock", "ScrollLock",
            "Numpad7", "Numpad8", "Numpad9", "NumpadSubtract", "Numpad4", "Numpad5", "Numpad6", "NumpadAdd",
            "Numpad1", "Numpad2", "Numpad3", "Numpad0", "NumpadDecimal");
        map["IntlBackslash"] = (0x56, false);
        map["F11"] = (0x57, false);
        map["F12"] = (0x58, false);
        foreach (var (code, b) in new (string, byte)[]
                 {
                     ("NumpadEnter", 0x1C), ("ControlRight", 0x1D), ("NumpadDivide", 0x35), ("AltRight", 0x38), ("Home", 0x47),
                     ("ArrowUp", 0x48), ("PageUp", 0x49), ("ArrowLeft", 0x4B), ("ArrowRight", 0x4D), ("End", 0x4F),
                     ("ArrowDown", 0x50), ("PageDown", 0x51), ("Insert", 0x52), ("Delete", 0x53), ("MetaLeft", 0x5B),
                     ("MetaRight", 0x5C), ("ContextMenu", 0x5D),
                 })
            map[code] = (b, true);
        return map;
    }

    /// <summary>The bytes for pressing (<paramref name="down"/>) or releasing the key; empty for keys a PC keyboard lacks.</summary>
    public static byte[] Bytes(string code, bool down)
    {
        if (!Set1.TryGetValue(code, out var k)) return [];
        byte b = down ? k.Code : (byte)(k.Code | 0x80);
        return k.Extended ? [0xE0, b] : [b];
    }

    /// <summary>The bytes for typing <paramref name="code"/> once (press, then release).</summary>
    public static byte[] Tap(string code) => [.. Bytes(code, true), .. Bytes(code, false)];
}
