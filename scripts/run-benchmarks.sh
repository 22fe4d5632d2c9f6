#!/usr/bin/env bash
# Runs every benchmark that BENCHMARKS.md reports, one after the other (two cores: never two at once), and leaves
# each one's output in $OUT (default target/benchmark-runs). Needs Debian's wrk for the HTTP benchmarks.
#   scripts/run-benchmarks.sh              # all, about 55 minutes
#   scripts/run-benchmarks.sh injector cpu # some: injector scripttag phone cpu crm events startup
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-target/benchmark-runs}
mkdir -p "$OUT"
mvn -B -ntp -q -pl benchmarks,benchmarks/spring-startup -am package -DskipTests
JAR=benchmarks/target/benchmarks.jar
run() { # name, command...
  local name=$1; shift
  echo "== $name: $*"
  "$@" > "$OUT/$name.txt" 2>&1 || { echo "   failed, see $OUT/$name.txt"; return 1; }
  echo "   done: $OUT/$name.txt"
}
SELECTED="$*"
all=$#
sel() { [ "$all" -eq 0 ] || [[ " $SELECTED " == *" $1 "* ]]; }
sel injector && run injector java -jar $JAR InjectorBenchmark -f 1 -wi 2 -i 4 -w 1s -r 1s
sel injector && run injector-overhead java -cp $JAR org.openjdk.jmh.Main InjectorOverheadBenchmark
sel scripttag && run scripttag java -cp $JAR org.openjdk.jmh.Main ScriptTagBenchmark -f 1 -wi 2 -i 4 -w 1s -r 1s -prof gc
sel phone && run phone java -cp $JAR org.openjdk.jmh.Main PhoneNumberIndexBenchmark -f 1 -wi 2 -i 4 -w 1s -r 1s -prof gc
sel phone && run callout-observer java -cp $JAR org.openjdk.jmh.Main CalloutObserverBenchmark -prof gc
sel cpu && run cpu-jetty java -cp $JAR io.github.embeddable4j.benchmarks.ServerCpuBenchmark --container jetty --seconds 5 --rounds 5 --warmup 3
sel cpu && run cpu-tomcat java -cp $JAR io.github.embeddable4j.benchmarks.ServerCpuBenchmark --container tomcat --seconds 5 --rounds 5 --warmup 3
sel cpu && run cpu-netty java -cp $JAR io.github.embeddable4j.benchmarks.ServerCpuBenchmark --container netty --seconds 5 --rounds 5 --warmup 3
sel crm && run crm java -cp $JAR io.github.embeddable4j.benchmarks.ContactMatchBenchmark --seconds 6 --rounds 3
sel events && run events java -cp $JAR io.github.embeddable4j.benchmarks.EventEndpointBenchmark --seconds 6 --rounds 3
sel events && run events-netty java -cp $JAR io.github.embeddable4j.benchmarks.EventEndpointBenchmark --container netty --seconds 6 --rounds 3
sel events && run event-batch java -cp $JAR org.openjdk.jmh.Main EventBatchBenchmark -prof gc
sel startup && run startup java -cp benchmarks/spring-startup/target/classes \
  io.github.embeddable4j.benchmarks.startup.StartupBenchmark --runs 30
sel startup && run startup-steps java -cp benchmarks/spring-startup/target/classes \
  io.github.embeddable4j.benchmarks.startup.StartupBenchmark --steps 6
sel startup && run startup-cds java -cp benchmarks/spring-startup/target/classes \
  io.github.embeddable4j.benchmarks.startup.StartupBenchmark --runs 40 --cds true
sel startup && run startup-aot java -cp benchmarks/spring-startup/target/classes \
  io.github.embeddable4j.benchmarks.startup.StartupBenchmark --runs 30 --aot true
sel startup && run startup-step-names java -cp benchmarks/spring-startup/target/classes \
  io.github.embeddable4j.benchmarks.startup.StartupBenchmark --step-names 12
