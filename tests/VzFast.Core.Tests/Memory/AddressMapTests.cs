using VzFast.Memory;

namespace VzFast.Tests.Memory;

public class AddressMapTests
{
    private sealed class Recorder : IMmioDevice
    {
        public readonly List<string> Log = [];
        public ulong Read(ulong offset, int size) { Log.Add($"r{size}@{offset:x}"); return 0xAB; }
        public void Write(ulong offset, int size, ulong value) => Log.Add($"w{size}@{offset:x}={value:x}");
    }

    [Fact]
    public void Find_ReturnsTheRegionOrNull()
    {
        using var ram = new PhysicalMemory(0x10000);
        var map = new AddressMap();
        var r = map.MapRam("ram", 0, ram, 0, 0x10000);
        var dev = map.MapMmio("dev", 0x1000_0000, 0x100, new Recorder());
        Assert.Same(r, map.Find(0));
        Assert.Same(r, map.Find(0xFFFF));
        Assert.Null(map.Find(0x10000));
        Assert.Same(dev, map.Find(0x1000_00FF));
        Assert.Null(map.Find(0x1000_0100));
    }

    [Fact]
    public void OverlappingRegions_AreRejected()
    {
        using var ram = new PhysicalMemory(0x10000);
        var map = new AddressMap();
        map.MapRam("ram", 0, ram, 0, 0x10000);
        Assert.Throws<ArgumentException>(() => map.MapMmio("dev", 0xFF00, 0x1000, new Recorder()));
    }

    [Fact]
    public void RamCopies_CrossRegionsAndRefuseHoles()
    {
        using var ram = new PhysicalMemory(0x2000);
        var map = new AddressMap();
        map.MapRam("lo", 0, ram, 0, 0x1000);
        map.MapRam("hi", 0x1000, ram, 0x1000, 0x1000);
        var data = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Assert.True(map.TryWriteRam(0xFF0, data));
        var back = new byte[32];
        Assert.True(map.TryReadRam(0xFF0, back));
        Assert.Equal(data, back);
        Assert.False(map.TryWriteRam(0x1FF0, data)); // runs past RAM
    }

    [Fact]
    public void PhysicalMemory_RejectsOddSizes()
    {
        Assert.Throws<ArgumentException>(() => new PhysicalMemory(100));
    }

    [Theory]
    [InlineData(4096UL)]
    [InlineData(1UL << 20)]
    [InlineData(64UL << 20)]
    public unsafe void PhysicalMemoryStartsOnAHostPage(ulong size)
    {
        using var m = new PhysicalMemory(size);
        Assert.Equal(0UL, (ulong)m.Base & 0xFFF); // guest pages coincide with host pages (the JIT's code tracking)
        Assert.All(m.Slice(size - 16, 16).ToArray(), b => Assert.Equal(0, b));
    }
}
