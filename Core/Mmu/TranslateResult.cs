namespace VzFast.Mmu;

/// <summary>Outcome of a virtual-to-physical translation (mirrors QEMU's TLBRET_* and the manual's causes).</summary>
public enum TranslateResult : byte
{
    Ok = 0,
    AddressError,
    TlbRefill,
    TlbInvalid,
    TlbModified,
}
