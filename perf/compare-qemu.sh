#!/usr/bin/env bash
# Side by side: the compute-bound guest (tests/guests/compute.elf) on qemu-system-mips64el and on
# VzFast, interleaved, RUNS times each; prints every run, the medians and the wall-time ratio.
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

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
qt=(); vt=(); mips=()
stats=$(mktemp)
for i in $(seq "$runs"); do
  t0=$(now); "$qemu" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$elf" -append "scale=$scale" </dev/null >/dev/null; t1=$(now)
  "$root/vzfast" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$elf" -append "scale=$scale" --stats-json "$stats" </dev/null >/dev/null 2>&1; t2=$(now)
  q=$(echo "$t1 - $t0" | awk '{print $1 - $3}'); v=$(echo "$t2 - $t1" | awk '{print $1 - $3}')
  m=$(grep -o '"guestMips": *[0-9.]*' "$stats" | grep -o '[0-9.]*$')
  qt+=("$q"); vt+=("$v"); mips+=("$m")
  printf 'run %d: qemu %.3f s   vzfast %.3f s (%s guest MIPS)\n' "$i" "$q" "$v" "$m"
done
instr=$(grep -o '"instructions": *[0-9]*' "$stats" | grep -o '[0-9]*$')
rm -f "$stats"
qm=$(printf '%s\n' "${qt[@]}" | median); vm=$(printf '%s\n' "${vt[@]}" | median); mm=$(printf '%s\n' "${mips[@]}" | median)
echo "guest: compute.elf scale=$scale, $instr instructions"
awk -v q="$qm" -v v="$vm" -v m="$mm" -v n="$instr" 'BEGIN {
  printf "median qemu   %.3f s  (%.2e instructions/s)\n", q, n / q;
  printf "median vzfast %.3f s  (%.2e instructions/s, %s guest MIPS by --stats)\n", v, n / v, m;
  printf "vzfast / qemu wall time: %.2f\n", v / q }'
