# Shared by the perf scripts (sourced): wall-clock stamps, elapsed seconds, the median of a column.
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {print b - a}'; }
