#!/usr/bin/env bash
# Boots Debian's 5kc-malta kernel with the busybox initramfs (vzfast fetch debian) to its marker,
# which then powers off, on qemu-system-mips64el -M malta -cpu 5KEc and on VzFast under
# -accel vz and -accel none, interleaved, RUNS times each; prints every run, medians and ratios.
#   perf/boot-qemu.sh             (RUNS=5 by default)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs=${RUNS:-5}
qemu=${QEMU:-qemu-system-mips64el}
command -v "$qemu" >/dev/null || { echo "boot-qemu: $qemu not found (apt-get install qemu-system-mips)" >&2; exit 1; }
"$root/vzfast" fetch debian >/dev/null
cache="${VZFAST_CACHE:-$HOME/.cache/vzfast}/debian"
kernel="$cache/vmlinuz"; initrd="$cache/initrd.gz"; append="console=ttyS0 vzfast.poweroff"

. "$here/timing.sh"
check() { grep -q VZFAST-BOOT-OK "$1" || { echo "boot-qemu: $2 did not reach the marker" >&2; exit 1; }; }
out=$(mktemp); stats=$(mktemp)
qt=(); vt=(); nt=()
for i in $(seq "$runs"); do
  t0=$(now); "$qemu" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$kernel" -initrd "$initrd" -append "$append" </dev/null >"$out" 2>&1; t1=$(now)
  check "$out" qemu
  "$root/vzfast" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$kernel" -initrd "$initrd" -append "$append" -accel vz --stats-json "$stats" </dev/null >"$out" 2>&1; t2=$(now)
  check "$out" "vzfast -accel vz"
  "$root/vzfast" -M malta -cpu 5KEc -m 256 -nographic -no-reboot -kernel "$kernel" -initrd "$initrd" -append "$append" -accel none </dev/null >"$out" 2>&1; t3=$(now)
  check "$out" "vzfast -accel none"
  q=$(elapsed "$t0" "$t1"); v=$(elapsed "$t1" "$t2"); n=$(elapsed "$t2" "$t3")
  qt+=("$q"); vt+=("$v"); nt+=("$n")
  printf 'run %d: qemu %.2f s   vzfast -accel vz %.2f s   vzfast -accel none %.2f s\n' "$i" "$q" "$v" "$n"
done
instr=$(grep -o '"instructions": *[0-9]*' "$stats" | grep -o '[0-9]*$')
rm -f "$out" "$stats"
qm=$(printf '%s\n' "${qt[@]}" | median); vm=$(printf '%s\n' "${vt[@]}" | median); nm=$(printf '%s\n' "${nt[@]}" | median)
echo "guest: $(cat "$cache/kernel-version" 2>/dev/null) + busybox initramfs to the marker, $instr guest instructions under vz"
awk -v q="$qm" -v v="$vm" -v n="$nm" 'BEGIN {
  printf "median qemu               %.2f s\n", q;
  printf "median vzfast -accel vz   %.2f s\n", v;
  printf "median vzfast -accel none %.2f s\n", n;
  printf "vzfast vz / qemu boot time:   %.2f\n", v / q;
  printf "vzfast none / qemu boot time: %.2f\n", n / q }'
