#!/usr/bin/env bash
# Every execution engine side by side with QEMU and with the same program built for the host:
# tests/guests/compute.elf (SHA-256, quicksort, matrix product; "scale=N") on
# qemu-system-mips64el -M malta -cpu 5KEc, on VzFast -accel vz with each --engine, and
# tests/guests/compute.c compiled natively with gcc -O2 (perf/native: the physical limit).
# Interleaved, RUNS times each; prints every run, medians, guest instructions per second and
# each one's wall time relative to QEMU's.
#   perf/compare-engines.sh               (RUNS=3 SCALE=50 ENGINES="switch table blocks jit")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs=${RUNS:-3}
scale=${SCALE:-50}
engines=${ENGINES:-switch table blocks jit}
elf="$root/tests/guests/compute.elf"
qemu=${QEMU:-qemu-system-mips64el}
command -v "$qemu" >/dev/null || { echo "compare-engines: $qemu not found (apt-get install qemu-system-mips)" >&2; exit 1; }
native=$(mktemp)
gcc -O2 -no-pie -I "$here/native" -o "$native" "$root/tests/guests/compute.c" "$here/native/main.c"
"$root/vzfast" -kernel "$root/tests/guests/hello.elf" -no-reboot >/dev/null   # build once, outside the timing

. "$here/timing.sh"
declare -A times
stats=$(mktemp)
for i in $(seq "$runs"); do
  line="run $i:"
  t0=$(now); "$qemu" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$elf" -append "scale=$scale" </dev/null >/dev/null; t1=$(now)
  times[qemu]+="$(elapsed "$t0" "$t1") "; line+=" qemu $(elapsed "$t0" "$t1")"
  t0=$(now); "$native" "$scale" >/dev/null; t1=$(now)
  times[native]+="$(elapsed "$t0" "$t1") "; line+=" native $(elapsed "$t0" "$t1")"
  for e in $engines; do
    t0=$(now); "$root/vzfast" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$elf" -append "scale=$scale" --engine "$e" --stats-json "$stats" </dev/null >/dev/null 2>&1; t1=$(now)
    times[$e]+="$(elapsed "$t0" "$t1") "; line+=" $e $(elapsed "$t0" "$t1")"
  done
  echo "$line"
done
instr=$(grep -o '"instructions": *[0-9]*' "$stats" | grep -o '[0-9]*$')
rm -f "$stats" "$native"
qm=$(printf '%s\n' ${times[qemu]} | median)
echo "guest: compute.elf scale=$scale, $instr guest instructions (-accel vz); medians of $runs"
for k in qemu native $engines; do
  m=$(printf '%s\n' ${times[$k]} | median)
  awk -v k="$k" -v m="$m" -v q="$qm" -v c="$instr" 'BEGIN { printf "%-8s %8.3f s  %10.3g instr/s  %6.2f x qemu\n", k, m, c / m, m / q }'
done
