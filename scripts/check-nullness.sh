#!/usr/bin/env bash
# Nullness check of the published modules' main code with NullAway (JSpecify mode) on Error Prone, which needs a
# JDK 21 or later to run (the code is still compiled for Java 17). .ci/run runs it where Temurin 25 is installed, and
# the plain mode (-Pnullness, JDK 17) only where it is not: JSpecify mode's checks include the plain mode's.
# Prints every finding by module; exit status 0 when there is none (today's state), 1 otherwise, 2 when javac failed.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 scripts/check-nullness.sh
set -euo pipefail
cd "$(dirname "$0")/.."

javac="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/javac"
"$javac" -version 2>&1 | grep -qE 'javac (2[1-9]|[3-9][0-9])' || { echo "needs a JDK 21+ javac (JAVA_HOME)"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/embeddable4j-nullness.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Error Prone and NullAway with their dependencies, resolved by Maven into a processor path.
cat >"$work/pom.xml" <<'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>nullness-tools</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>com.google.errorprone</groupId><artifactId>error_prone_core</artifactId><version>2.52.0</version></dependency>
    <dependency><groupId>com.uber.nullaway</groupId><artifactId>nullaway</artifactId><version>0.14.3</version></dependency>
  </dependencies>
  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin></plugins></build>
</project>
EOF
mvn -B -ntp -q -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/processor.cp" >/dev/null
modules=(embeddable-core embeddable-servlet embeddable-spring embeddable-vaadin)
mvn -B -ntp -q -pl "$(IFS=,; echo "${modules[*]}")" -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/compile.cp -Dmdep.includeScope=compile >/dev/null

exports=()
for p in api file main model parser processing tree util code comp; do
  exports+=("-J--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED")
done
exports+=("-J--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED" "-J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED")

total=0
for m in "${modules[@]}"; do
  log="$work/$m.log"
  "$javac" "${exports[@]}" --release 17 -encoding UTF-8 -proc:full -XDcompilePolicy=simple --should-stop=ifError=FLOW \
    -Xmaxwarns 10000 -processorpath "$(cat "$work/processor.cp")" \
    "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:NullAway:WARN -XepOpt:NullAway:OnlyNullMarked=true -XepOpt:NullAway:JSpecifyMode=true -XepOpt:NullAway:KnownInitializers=jakarta.servlet.GenericServlet.init" \
    -d "$work/classes-$m" -cp "$(cat "$m/target/compile.cp")" $(find "$m/src/main/java" -name '*.java') >"$log" 2>&1 \
    || { echo "== $m: javac failed (a check that did not run finds nothing)"; tail -20 "$log"; exit 2; }
  count=$(grep -c 'warning: \[NullAway\]' "$log" || true)
  total=$((total + count))
  echo "== $m: $count finding(s)"
  grep -A2 'warning: \[NullAway\]' "$log" | grep -v '^--$' | sed "s|^$m/src/main/java/||" || true
done
echo "== $total finding(s) in all"
[ "$total" -eq 0 ]
