using SkiaSharp;
using VzFast.Devices.CirrusVga;

namespace VzFast.Frontend;

/// <summary>PNG files of the VGA's frame (SkiaSharp encodes them).</summary>
internal static class Screenshot
{
    /// <summary>Renders the frame as it is now and writes it to <paramref name="path"/> as PNG.</summary>
    public static void Save(CirrusVga vga, string path)
    {
        vga.Render();
        using var png = Encode(vga.Frame, vga.FrameWidth, vga.FrameHeight);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>RGBA pixels (R in the low byte) encoded as PNG.</summary>
    public static unsafe SKData Encode(ReadOnlySpan<uint> pixels, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        fixed (uint* p = pixels)
        {
            using var image = SKImage.FromPixelCopy(info, (nint)p, width * 4);
            return image.Encode(SKEncodedImageFormat.Png, 100);
        }
    }
}
