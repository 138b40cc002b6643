#!/usr/bin/env bash
# The MSA-heavy guest (tests/guests/msabench.elf: byte SAD with widening dot products, word
# multiply-add/shift/clamp, shuffles, single-precision axpy/divide/norm, double dot product) on
# QEMU and VzFast with -cpu Loongson-3A4000, through compare-fpu.sh.
#   perf/compare-msa.sh               (RUNS=3 SCALE=100)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GUEST=msabench CPU=Loongson-3A4000 SCALE=${SCALE:-100} exec "$here/compare-fpu.sh"
