#!/usr/bin/env bash
# Interleaved load runs of PageLoadServer with wrk: the same servlets and bytes without (/plain) and
# with (/filtered) the consent filter, for a 20 KB page (French visitor without a choice, and with
# accept-all) and a 200-byte JSON endpoint. Per run: requests/s from wrk and the server process's CPU
# time per request (from /proc/<pid>/stat). Prints one line per run, then per scenario the ratio
# filtered/plain of each round (both measures), with median, min and max.
#
# Usage: consent-benchmarks/load/page-load.sh [rounds=5] [seconds=8] [connections=16]
# Build first: mvn -q -Pbenchmarks -pl consent-benchmarks -am package -DskipTests
set -euo pipefail
rounds=${1:-5}
secs=${2:-8}
conns=${3:-16}
jar=$(dirname "$0")/../target/benchmarks.jar
out=$(mktemp -d)
java -Xms256m -Xmx512m -cp "$jar" org.consent4j.benchmarks.servlet.PageLoadServer 0 > "$out/server.out" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 100); do grep -q '^page-bytes=' "$out/server.out" 2>/dev/null && break; sleep 0.2; done
port=$(sed -n 's/^port=//p' "$out/server.out")
pid=$(sed -n 's/^pid=//p' "$out/server.out")
accept=$(sed -n 's/^accept-all=//p' "$out/server.out")
base="http://127.0.0.1:$port"
tick=$(getconf CLK_TCK)

cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

run() { # scenario variant seconds -> "requests rps cpu_us_per_request"
  local scenario=$1 variant=$2 s=$3 path args=()
  args=(-H 'CF-IPCountry: FR' -H 'Accept-Language: fr-FR,fr;q=0.9,en;q=0.8' -H 'Sec-Fetch-Dest: document')
  case $scenario in
    page-fr) path=/page ;;
    page-accept) path=/page; args+=(-H "Cookie: $accept") ;;
    json) path=/api/ping; args=(-H 'CF-IPCountry: FR' -H 'Cookie: JSESSIONID=node0abc') ;;
  esac
  local c0 c1 w
  c0=$(cpu)
  w=$(wrk -t2 -c"$conns" -d"${s}s" "${args[@]}" "$base/$variant$path")
  c1=$(cpu)
  local n rps
  n=$(echo "$w" | awk '/requests in/ {print $1}')
  rps=$(echo "$w" | awk '/Requests\/sec/ {print $2}')
  awk -v n="$n" -v r="$rps" -v c=$((c1 - c0)) -v t="$tick" 'BEGIN {printf "%d %.0f %.1f\n", n, r, c / t / n * 1e6}'
}

echo "# machine: $(nproc) cores, $(java -version 2>&1 | head -1); connections $conns, $secs s per run, $rounds rounds"
echo "# warm-up: every scenario at once (a server sees a mix of visitors; warming the JIT on one kind at a"
echo "# time makes C2 prune the branches the next kind takes, and the traps that follow can cost more than the run)"
warm=()
for scenario in page-fr page-accept json; do
  for variant in plain filtered; do
    (conns_saved=$conns; conns=3; run "$scenario" "$variant" 30 > /dev/null; conns=$conns_saved) & warm+=($!)
  done
done
wait "${warm[@]}"
for scenario in page-fr page-accept json; do
  for variant in plain filtered; do run "$scenario" "$variant" 3 > /dev/null; done
done
echo "# round scenario variant requests req/s cpu_us/req load1"
for r in $(seq 1 "$rounds"); do
  for scenario in page-fr page-accept json; do
    if (( r % 2 )); then order="plain filtered"; else order="filtered plain"; fi
    for variant in $order; do
      res=$(run "$scenario" "$variant" "$secs")
      echo "$r $scenario $variant $res $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/runs"
    done
  done
done
echo "# ratios filtered/plain per round: req/s ratio, CPU/request ratio (plain/filtered, so higher is better)"
awk '
  function sort(x, n,   i, j, v) { for (i = 2; i <= n; i++) { v = x[i]; for (j = i - 1; j > 0 && x[j] > v; j--) x[j + 1] = x[j]; x[j + 1] = v } }
  { key = $1 " " $2; rps[key, $3] = $5; cpu[key, $3] = $6; sc[$2] = 1; rd[$1] = 1 }
  END {
    for (s in sc) {
      n = 0
      for (r in rd) { k = r " " s; if ((k, "plain") in rps) { n++; a[n] = rps[k, "filtered"] / rps[k, "plain"]; b[n] = cpu[k, "plain"] / cpu[k, "filtered"] } }
      sort(a, n); sort(b, n)
      printf "%s: req/s ratio median %.3f (min %.3f, max %.3f); CPU/request ratio median %.3f (min %.3f, max %.3f); rounds %d\n", s, \
        (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2), a[1], a[n], \
        (n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2), b[1], b[n], n
      for (i in a) delete a[i]; for (i in b) delete b[i]
    }
  }' "$out/runs"
