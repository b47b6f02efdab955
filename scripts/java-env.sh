# Sourced by the other scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Takes $JAVA_HOME when it is one, else the newest JDK under /usr/lib/jvm, else stops with a message.

java_major() { # prints the feature version of the JDK at $1, or nothing
  local rel="$1/release"
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$rel" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel" | head -1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
  fi
}

find_jdk() {
  local best="" best_v=0 v d
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for d in /usr/lib/jvm/*; do
    [ -d "$d" ] || continue
    [ -L "$d" ] && continue
    v=$(java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

if ! JAVA_HOME=$(find_jdk); then
  cat >&2 <<'MSG'
FasterAPI needs a JDK 21 or newer, and none was found (JAVA_HOME is not one, and /usr/lib/jvm has none).
Install one, for example:
  sudo apt-get install openjdk-21-jdk-headless      (Debian 13 / Ubuntu 24.04: openjdk-21 or openjdk-25)
or download Temurin 21+ and set JAVA_HOME to it, then run this again.
MSG
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

# Quiet Maven's own JVM on Java 23+ (its Guice/Jansi use Unsafe and native access).
if [ "$(java_major "$JAVA_HOME")" -ge 23 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
fi
