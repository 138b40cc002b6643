#!/usr/bin/env bash
# The FP-heavy guest (tests/guests/fpbench.elf: a double-precision stencil, Mandelbrot and dot
# product, "scale=N") on qemu-system-mips64el -M malta -cpu MIPS64R2-generic and on VzFast
# (-accel vz, the default engine), interleaved, RUNS times; checks that both print the same
# checksums and prints the medians and the ratio. GUEST and CPU pick another guest and model
# (perf/compare-msa.sh sets them); ENGINE passes --engine to VzFast.
#   perf/compare-fpu.sh               (RUNS=3 SCALE=20 GUEST=fpbench CPU=MIPS64R2-generic)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs=${RUNS:-3}
scale=${SCALE:-20}
guest=${GUEST:-fpbench}
cpu=${CPU:-MIPS64R2-generic}
elf="$root/tests/guests/$guest.elf"
[ -f "$elf" ] || { echo "compare-fpu: $elf not found" >&2; exit 1; }
engine=()
[ -n "${ENGINE:-}" ] && engine=(--engine "$ENGINE")
qemu=${QEMU:-qemu-system-mips64el}
command -v "$qemu" >/dev/null || { echo "compare-fpu: $qemu not found (apt-get install qemu-system-mips)" >&2; exit 1; }
"$root/vzfast" -kernel "$root/tests/guests/hello.elf" -no-reboot >/dev/null
. "$here/timing.sh"
qo=$(mktemp); vo=$(mktemp)
qt=(); vt=()
for i in $(seq "$runs"); do
  t0=$(now); "$qemu" -M malta -cpu "$cpu" -m 256 -nographic -no-reboot -kernel "$elf" -append "scale=$scale" </dev/null >"$qo"; t1=$(now)
  "$root/vzfast" "${engine[@]}" -M malta -cpu "$cpu" -m 256 -nographic -no-reboot -kernel "$elf" -append "scale=$scale" </dev/null >"$vo"; t2=$(now)
  cmp -s "$qo" "$vo" || { echo "compare-fpu: the outputs differ" >&2; diff "$qo" "$vo" >&2; exit 1; }
  qt+=("$(elapsed "$t0" "$t1")"); vt+=("$(elapsed "$t1" "$t2")")
  echo "run $i: qemu ${qt[-1]} s  vzfast ${vt[-1]} s"
done
rm -f "$qo" "$vo"
qm=$(printf '%s\n' "${qt[@]}" | median); vm=$(printf '%s\n' "${vt[@]}" | median)
awk -v g="$guest" -v c="$cpu" -v q="$qm" -v v="$vm" -v s="$scale" 'BEGIN { printf "%s.elf -cpu %s scale=%d, medians: qemu %.3f s, vzfast %.3f s, ratio %.2f\n", g, c, s, q, v, v / q }'
