#!/usr/bin/env bash
# Reproducible build check: builds the published artifacts twice, each time in a fresh copy of the working tree at a
# different path, at a different time and in a different time zone and locale, then compares the SHA-256 of every
# published jar (classes, sources, Javadoc). Exit status 0 when all are identical, 1 when any differs (the entries
# that differ are listed), 2 when a build fails.
#
#   scripts/check-reproducible.sh            # builds with -DskipTests (the tests do not change the jars)
#   KEEP=1 scripts/check-reproducible.sh     # keep the two copies for a closer look
#   scripts/check-reproducible.sh --first-build-here
#       the first build is the one this working tree's target/ folders hold (CI's own clean `mvn verify` of a fresh
#       clone, just before: NullAway and JaCoCo do not change the jars), so only the second is made (CI's 15 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
first_build_here=
if [ "${1:-}" = "--first-build-here" ]; then first_build_here=1; fi

published_modules=(embeddable-core embeddable-servlet embeddable-spring embeddable-vaadin)
modules_csv=embeddable-bom,$(IFS=,; echo "${published_modules[*]}")

work=$(mktemp -d "${TMPDIR:-/tmp}/embeddable4j-repro.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; fi

copy_tree() { # the working tree as it is (tracked and untracked files, without ignored ones such as target/)
  mkdir -p "$1"
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf - | tar -xf - -C "$1"
}

build() { # $1 = directory, then environment assignments for the build
  local dir=$1; shift
  echo "== build in $dir ($*)"
  local start=$SECONDS
  if ! (cd "$dir" && env "$@" mvn -B -ntp -q -Prelease -pl "$modules_csv" -am clean package -DskipTests >"$dir/build.log" 2>&1); then
    echo "build failed, see $dir/build.log"; tail -30 "$dir/build.log"; exit 2
  fi
  echo "   $((SECONDS - start)) s"
}

hashes() { # sha256 of every published jar, by path relative to the copy
  (cd "$1" && for m in "${published_modules[@]}"; do ls "$m"/target/*.jar; done | sort | xargs sha256sum)
}

if [ -n "$first_build_here" ]; then
  echo "== first build: the jars in $here (its own build)"
  mkdir -p "$work/a"
  for m in "${published_modules[@]}"; do mkdir -p "$work/a/$m/target" && cp "$m"/target/*.jar "$work/a/$m/target/"; done
else
  copy_tree "$work/a"
  build "$work/a" TZ=UTC LC_ALL=C.UTF-8 MAVEN_OPTS="-Duser.language=en"
fi
copy_tree "$work/b-at-another/path"
sleep 2 # a later clock: a time stamp taken from the clock shows up as a difference
build "$work/b-at-another/path" TZ=Pacific/Auckland LC_ALL=C MAVEN_OPTS="-Duser.language=de -Duser.country=DE"

hashes "$work/a" >"$work/a.sha256"
hashes "$work/b-at-another/path" >"$work/b.sha256"
count=$(wc -l <"$work/a.sha256")
if [ "$count" -lt 12 ]; then
  echo "expected 12 published jars (3 per module), found $count"; cat "$work/a.sha256"; exit 2
fi

if diff -q "$work/a.sha256" "$work/b.sha256" >/dev/null; then
  echo "== reproducible: $count published jars identical in both builds"
  sed 's/^/   /' "$work/a.sha256"
  exit 0
fi

echo "== NOT reproducible: these jars differ"
diff "$work/a.sha256" "$work/b.sha256" || true
while read -r _ jar; do
  if ! cmp -s "$work/a/$jar" "$work/b-at-another/path/$jar"; then
    echo "-- $jar: differing entries"
    mkdir -p "$work/x/a" "$work/x/b"; rm -rf "$work/x/a/"* "$work/x/b/"*
    (cd "$work/x/a" && unzip -q "$work/a/$jar"); (cd "$work/x/b" && unzip -q "$work/b-at-another/path/$jar")
    diff -rq "$work/x/a" "$work/x/b" | sed "s|$work/x/||g" | head -20 || true
    unzip -Z -T "$work/a/$jar" | head -5 >"$work/x/la"; unzip -Z -T "$work/b-at-another/path/$jar" | head -5 >"$work/x/lb"
    diff "$work/x/la" "$work/x/lb" | head -10 || true
  fi
done <"$work/a.sha256"
exit 1
