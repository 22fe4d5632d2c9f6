#!/usr/bin/env bash
# Release dry run: deploys the whole reactor with the release profile into a temporary file repository (never to a
# server) and checks what would be published:
#   - exactly the parent POM, the BOM and the four library modules; nothing of the examples, benchmarks or test-only
#     modules (a new module without maven.deploy.skip=true fails here);
#   - every library module with its jar, sources jar, Javadoc jar and POM; LICENSE and NOTICE in every jar's META-INF;
#   - the BOM lists every published library module, and repeats the parent's licence, URL, SCM and developers;
#   - with SIGN=1, a .asc signature next to every file (a throwaway key in a temporary GNUPGHOME).
# Tests are skipped (CI runs them), and nothing is installed into ~/.m2; about 90 s on a 2-core machine.
#
#   scripts/check-release.sh
#   SIGN=1 scripts/check-release.sh
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/embeddable4j-release.XXXXXX")
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
group_dir="$repo/io/github/embeddable4j"
libraries=(embeddable-core embeddable-servlet embeddable-spring embeddable-vaadin)
problems=()

profiles=release
if [ -n "${SIGN:-}" ]; then
  profiles=release,sign
  export GNUPGHOME="$work/gnupg"
  mkdir -m 700 "$GNUPGHOME"
  gpg --batch --quiet --passphrase '' --quick-gen-key 'embeddable4j release check <check@example.invalid>' default default never
  export MAVEN_GPG_PASSPHRASE=''
fi

echo "== deploy -P$profiles into $repo"
if ! mvn -B -ntp -q -P"$profiles" deploy -DskipTests -Dmaven.install.skip=true -DaltDeploymentRepository="check::file://$repo" >"$work/build.log" 2>&1; then
  tail -40 "$work/build.log"; exit 2
fi

version=$(ls "$group_dir/embeddable4j-parent")
version=$(echo "$version" | grep -v maven-metadata | head -1)
echo "   version $version"

deployed=$(ls "$group_dir" | sort | tr '\n' ' ')
expected=$(printf '%s\n' embeddable4j-parent embeddable-bom "${libraries[@]}" | sort | tr '\n' ' ')
[ "$deployed" = "$expected" ] || problems+=("deployed modules: [$deployed], expected [$expected]")

files() { # the artifact files of one module (without checksums and metadata), newest snapshot only
  local dir="$group_dir/$1/$version"
  ls "$dir" | grep -v -E '\.(md5|sha1|sha256|sha512)$|maven-metadata' | sed -E 's/-[0-9]{8}\.[0-9]{6}-[0-9]+/-SNAPSHOT/' | sort -u
}

for m in "${libraries[@]}"; do
  list=$(files "$m")
  for kind in ".jar" "-sources.jar" "-javadoc.jar" ".pom"; do
    echo "$list" | grep -q -- "^$m-$version$kind\$" || problems+=("$m: no $m-$version$kind")
  done
  for jar in "$group_dir/$m/$version/"*.jar; do
    case "$jar" in *-javadoc.jar) continue ;; esac
    for entry in META-INF/LICENSE META-INF/NOTICE; do
      unzip -l "$jar" "$entry" >/dev/null 2>&1 || problems+=("$(basename "$jar"): no $entry")
    done
  done
done
for m in embeddable4j-parent embeddable-bom; do
  echo "$(files "$m")" | grep -q -- "^$m-$version.pom\$" || problems+=("$m: no POM")
done

pom_of() { ls "$group_dir/$1/$version/"*.pom | sort | tail -1; }
for m in embeddable4j-parent embeddable-bom; do
  pom=$(pom_of "$m")
  for element in '<licenses>' '<url>https://github.com/embeddable4j/embeddable4j</url>' '<scm' '<developers>' '<description>'; do
    grep -q -- "$element" "$pom" || problems+=("$m POM: no $element")
  done
done
same_metadata=$(python3 - pom.xml embeddable-bom/pom.xml <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
def meta(path):
    root = ET.parse(path).getroot()
    out = []
    for tag in ("url", "inceptionYear", "organization", "licenses", "developers", "scm", "issueManagement"):
        e = root.find("m:" + tag, ns)
        out.append(tag + "=" + ("" if e is None else " ".join(t.strip() for t in e.itertext() if t.strip())))
    return out
print("same" if meta(sys.argv[1]) == meta(sys.argv[2]) else "different")
PY
)
[ "$same_metadata" = same ] || problems+=("the BOM's published metadata (url, licences, SCM, developers, ...) differs from the parent POM's")
bom=$(pom_of embeddable-bom)
for m in "${libraries[@]}"; do
  grep -q "<artifactId>$m</artifactId>" "$bom" || problems+=("the BOM does not list $m")
done

if [ -n "${SIGN:-}" ]; then
  for f in $(find "$group_dir" -type f \( -name '*.jar' -o -name '*.pom' \)); do
    [ -f "$f.asc" ] || problems+=("no signature for $(basename "$f")")
    [ -f "$f.asc" ] && ! gpg --batch --quiet --verify "$f.asc" "$f" 2>/dev/null && problems+=("bad signature for $(basename "$f")")
  done
fi

if [ ${#problems[@]} -gt 0 ]; then
  echo "== release check FAILED"
  printf '   - %s\n' "${problems[@]}"
  exit 1
fi
echo "== release check passed: these would be published"
for m in embeddable4j-parent embeddable-bom "${libraries[@]}"; do
  echo "   $m: $(files "$m" | grep -v '\.asc$' | tr '\n' ' ')"
done
