#!/usr/bin/env bash
# Creates a new FasterAPI project from the template in fasterapi-archetype:
#   scripts/new-project.sh DIR [GROUP_ID] [PACKAGE]
# e.g. scripts/new-project.sh ~/src/shop com.example com.example.shop  (the artifact id is DIR's name)
# Installs this checkout's framework and template into the local Maven repository first, then
# generates the project with a Maven wrapper; `cd DIR && ./mvnw test`, `./mvnw compile exec:exec`.
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
dir=$1
group=${2:-com.example}
artifact=$(basename "$dir")
package=${3:-$group.$(echo "$artifact" | tr -c 'a-zA-Z0-9\n' '_')}
if [ -e "$dir" ]; then
  echo "new-project: $dir already exists; give a new directory" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/java-env.sh
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
./mvnw -B -ntp -q install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  -pl fasterapi-core,fasterapi-pg,fasterapi-web,fasterapi-archetype -am
mkdir -p "$(dirname "$dir")"
cd "$(dirname "$dir")"
"$root/mvnw" -B -ntp -q archetype:generate -DarchetypeCatalog=local \
  -DarchetypeGroupId=io.fasterapi -DarchetypeArtifactId=fasterapi-archetype -DarchetypeVersion="$version" \
  -DgroupId="$group" -DartifactId="$artifact" -Dversion=0.1.0-SNAPSHOT -Dpackage="$package" \
  -DfasterapiVersion="$version" -DinteractiveMode=false
cp "$root/mvnw" "$artifact/"
cp -r "$root/.mvn" "$artifact/"
echo "created $(pwd)/$artifact: cd there, then './mvnw test' or './mvnw compile exec:exec'" >&2
