namespace VzFast.Vz;

/// <summary>Exit counters with the names of Linux's MIPS kvm_vcpu_stat (arch/mips/kvm/mips.c).</summary>
public sealed class VcpuStats
{
    public long wait_exits, cache_exits, signal_exits, int_exits, cop_unusable_exits, tlbmod_exits;
    public long tlbmiss_ld_exits, tlbmiss_st_exits, addrerr_st_exits, addrerr_ld_exits, syscall_exits;
    public long resvd_inst_exits, break_inst_exits, trap_inst_exits, msa_fpe_exits, fpe_exits, msa_disabled_exits;
    public long flush_dcache_exits, vz_gpsi_exits, vz_gsfc_exits, vz_hc_exits, vz_grr_exits, vz_gva_exits;
    public long vz_ghfc_exits, vz_gpa_exits, vz_resvd_exits, mmio_exits, hypercall_exits, halt_wakeup;

    /// <summary>Every counter by name, in declaration order (for --stats and the JSON).</summary>
    public IEnumerable<(string Name, long Value)> All() =>
        typeof(VcpuStats).GetFields().Select(f => (f.Name, (long)f.GetValue(this)!));

    /// <summary>Exits taken (wait_exits and cache_exits are GPSI sub-cases, counted once under vz_gpsi_exits).</summary>
    public long TotalExits => int_exits + cop_unusable_exits + tlbmod_exits + tlbmiss_ld_exits + tlbmiss_st_exits
        + vz_gpsi_exits + vz_gsfc_exits + vz_hc_exits + vz_grr_exits + vz_gva_exits + vz_ghfc_exits + vz_gpa_exits + vz_resvd_exits;
}
