#!/usr/bin/env bash
# The Linux boot (Debian's 5kc-malta kernel + busybox initramfs to its marker, then poweroff) on
# qemu-system-mips64el -M malta -cpu 5KEc and on VzFast -accel vz with each --engine, interleaved,
# RUNS times each; prints every run, medians, ratios to QEMU, and checks that every engine ran the
# same number of guest instructions.
#   perf/boot-engines.sh             (RUNS=3 ENGINES="switch table blocks jit")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs=${RUNS:-3}
engines=${ENGINES:-switch table blocks jit}
qemu=${QEMU:-qemu-system-mips64el}
command -v "$qemu" >/dev/null || { echo "boot-engines: $qemu not found (apt-get install qemu-system-mips)" >&2; exit 1; }
"$root/vzfast" fetch debian >/dev/null
cache="${VZFAST_CACHE:-$HOME/.cache/vzfast}/debian"
kernel="$cache/vmlinuz"; initrd="$cache/initrd.gz"; append="console=ttyS0 vzfast.poweroff"

. "$here/timing.sh"
check() { grep -q VZFAST-BOOT-OK "$1" || { echo "boot-engines: $2 did not reach the marker" >&2; exit 1; }; }
out=$(mktemp); stats=$(mktemp)
declare -A times counts
for i in $(seq "$runs"); do
  line="run $i:"
  t0=$(now); "$qemu" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$kernel" -initrd "$initrd" -append "$append" </dev/null >"$out" 2>&1; t1=$(now)
  check "$out" qemu
  times[qemu]+="$(elapsed "$t0" "$t1") "; line+=" qemu $(elapsed "$t0" "$t1")"
  for e in $engines; do
    t0=$(now); "$root/vzfast" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$kernel" -initrd "$initrd" -append "$append" \
      -accel vz --engine "$e" --stats-json "$stats" </dev/null >"$out" 2>&1; t1=$(now)
    check "$out" "vzfast --engine $e"
    times[$e]+="$(elapsed "$t0" "$t1") "; line+=" $e $(elapsed "$t0" "$t1")"
    counts[$e]+="$(grep -o '"instructions": *[0-9]*' "$stats" | grep -o '[0-9]*$') "
  done
  echo "$line"
done
rm -f "$out" "$stats"
distinct=$(printf '%s\n' ${counts[*]} | sort -u)
[ "$(printf '%s\n' "$distinct" | wc -l)" -eq 1 ] || { echo "boot-engines: engines disagree on the instruction count: $distinct" >&2; exit 1; }
qm=$(printf '%s\n' ${times[qemu]} | median)
echo "guest: $(cat "$cache/kernel-version" 2>/dev/null) + busybox initramfs to the marker, $distinct guest instructions on every engine and run; medians of $runs"
for k in qemu $engines; do
  m=$(printf '%s\n' ${times[$k]} | median)
  awk -v k="$k" -v m="$m" -v q="$qm" -v c="$distinct" 'BEGIN {
    if (k == "qemu") printf "%-8s %8.2f s  %17s  %6.2f x qemu\n", k, m, "(counts its own)", 1;
    else printf "%-8s %8.2f s  %10.3g instr/s  %6.2f x qemu\n", k, m, c / m, m / q }'
done
