#!/usr/bin/env bash
# The analyzer's large-recording benchmark (docs/BENCHMARKS.md): writes a recording of EVENTS pxlab.LockWait events
# (once; kept as FILE), times `jfr summary` on it as the yardstick, then `pxlab analyze` at -Xmx512m, and prints one
# line: events, file size, both times, events/s, and the peak heap after GC from the analyzer's GC log.
# Build first: mvn -q -B -pl analyzer,benchmarks -am package -DskipTests
# Usage: benchmarks/analyze-large.sh [EVENTS] [FILE]      (JAVA=/path/to/java picks the JDK; default java)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-10000000}"
file="${2:-big-$events.jfr}"
java="${JAVA:-java}"
jfr="$(dirname "$(command -v "$java")")/jfr"
if [ ! -f "$file" ]; then
  "$java" -cp "$here/benchmarks/target/pxlab-benchmarks.jar" pxlab.bench.LockRecording "$events" "$file"
fi
seconds() { date +%s.%N; }
t0=$(seconds); "$jfr" summary "$file" > /dev/null; t1=$(seconds)
gc="$(mktemp)"
t2=$(seconds)
JAVA="$java" PXLAB_JAVA_OPTS="-Xmx512m -Xlog:gc:file=$gc ${PXLAB_JAVA_OPTS:-}" \
  "$here/pxlab" analyze "$file" --format json -o "${file%.jfr}.json"
t3=$(seconds)
peak=$(grep -o '[0-9]*M->[0-9]*M' "$gc" | sed 's/.*->//; s/M//' | sort -n | tail -1)
rm -f "$gc"
held=$("$jfr" summary "$file" | awk '$1 == "pxlab.LockWait" {print $2}')
awk -v n="$held" -v b="$(stat -c %s "$file")" -v s0="$t0" -v s1="$t1" -v a0="$t2" -v a1="$t3" -v p="$peak" \
  -v v="$("$java" -version 2>&1 | head -1)" 'BEGIN {
    printf "%s: %d events, %.0f MiB; jfr summary %.2f s; pxlab analyze %.2f s, %.0f events/s; peak heap after GC %s MiB\n",
      v, n, b / 1048576, s1 - s0, a1 - a0, n / (a1 - a0), p }'
