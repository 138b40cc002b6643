#!/usr/bin/env bash
# Side by side: the compute-bound guest (tests/guests/compute.elf) on qemu-system-mips64el and on
# VzFast under both accelerators (-accel vz: a VZ guest under the hypervisor; -accel none: the CPU
# in root mode), interleaved, RUNS times each; prints every run, the medians and the ratios.
#   perf/compare-qemu.sh            (RUNS=5 SCALE=50 by default)
#   RUNS=7 SCALE=100 perf/compare-qemu.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs=${RUNS:-5}
scale=${SCALE:-50}
elf="$root/tests/guests/compute.elf"
qemu=${QEMU:-qemu-system-mips64el}
command -v "$qemu" >/dev/null || { echo "compare-qemu: $qemu not found (apt-get install qemu-system-mips)" >&2; exit 1; }

"$root/vzfast" -kernel "$root/tests/guests/hello.elf" -no-reboot >/dev/null   # build once, outside the timing

. "$here/timing.sh"
qt=(); vt=(); nt=(); mips=()
stats=$(mktemp)
vzfast() { "$root/vzfast" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$elf" -append "scale=$scale" "$@" </dev/null >/dev/null 2>&1; }
for i in $(seq "$runs"); do
  t0=$(now); "$qemu" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$elf" -append "scale=$scale" </dev/null >/dev/null
  t1=$(now); vzfast -accel vz --stats-json "$stats"
  t2=$(now); vzfast -accel none
  t3=$(now)
  q=$(elapsed "$t0" "$t1"); v=$(elapsed "$t1" "$t2"); n=$(elapsed "$t2" "$t3")
  m=$(grep -o '"guestMips": *[0-9.]*' "$stats" | grep -o '[0-9.]*$')
  qt+=("$q"); vt+=("$v"); nt+=("$n"); mips+=("$m")
  printf 'run %d: qemu %.3f s   vzfast -accel vz %.3f s (%s guest MIPS)   vzfast -accel none %.3f s\n' "$i" "$q" "$v" "$m" "$n"
done
instr=$(grep -o '"instructions": *[0-9]*' "$stats" | grep -o '[0-9]*$')
exits=$(grep -o '"vzExitsTotal": *[0-9]*' "$stats" | grep -o '[0-9]*$')
rm -f "$stats"
qm=$(printf '%s\n' "${qt[@]}" | median); vm=$(printf '%s\n' "${vt[@]}" | median); nm=$(printf '%s\n' "${nt[@]}" | median)
mm=$(printf '%s\n' "${mips[@]}" | median)
echo "guest: compute.elf scale=$scale, $instr instructions, $exits VZ exits"
awk -v q="$qm" -v v="$vm" -v n="$nm" -v m="$mm" -v c="$instr" 'BEGIN {
  printf "median qemu              %.3f s  (%.2e instructions/s)\n", q, c / q;
  printf "median vzfast -accel vz   %.3f s  (%.2e instructions/s, %s guest MIPS by --stats)\n", v, c / v, m;
  printf "median vzfast -accel none %.3f s  (%.2e instructions/s)\n", n, c / n;
  printf "vzfast vz / qemu wall time:   %.2f\n", v / q;
  printf "vzfast none / qemu wall time: %.2f\n", n / q;
  printf "vz / none wall time:          %.3f\n", v / n }'
