# TechEmpower Framework Benchmarks, test "fasterapi": FasterAPI's examples/techempower.
# The build context is FasterAPI's source tree: the repository's root,
#   docker build -f examples/techempower/tfb/fasterapi.dockerfile -t tfb-fasterapi .
# or the submission directory examples/techempower/tfb/assemble.sh makes, which holds the same tree.
FROM maven:3.9.11-eclipse-temurin-25-noble AS build
WORKDIR /fasterapi
# The app and the modules it depends on, whole; of the reactor's other modules Maven reads only the poms.
COPY pom.xml pom.xml
COPY fasterapi-core fasterapi-core
COPY fasterapi-test-support fasterapi-test-support
COPY fasterapi-pg fasterapi-pg
COPY fasterapi-web fasterapi-web
COPY examples/pom.xml examples/pom.xml
COPY examples/techempower examples/techempower
COPY fasterapi-archetype/pom.xml fasterapi-archetype/pom.xml
COPY fasterapi-bench/pom.xml fasterapi-bench/pom.xml
COPY fasterapi-architecture/pom.xml fasterapi-architecture/pom.xml
COPY examples/basic-app/pom.xml examples/basic-app/pom.xml
COPY examples/secure-app/pom.xml examples/secure-app/pom.xml
# Each module's runtime dependencies land in its target/dependency, siblings as the jars just packaged.
RUN mvn -B -q -ntp package dependency:copy-dependencies -pl examples/techempower -am \
        -DskipTests -Dmaven.test.skip=true -DincludeScope=runtime \
    && mkdir /app \
    && cp -r examples/techempower/target/dependency /app/lib \
    && cp examples/techempower/target/techempower-*.jar /app/techempower.jar

FROM eclipse-temurin:25-jre-noble
WORKDIR /app
COPY --from=build /app /app
# The toolset passes no settings: the app connects to TechEmpower's database at tfb-database by
# default and listens on every interface here (HOST), port 8080.
ENV HOST=0.0.0.0
EXPOSE 8080
# FasterAPI's JVM flags (the root pom's fasterapi.jvm.flags on Java 25) and a fixed 2 GB heap.
CMD ["java", "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xms2g", "-Xmx2g", "-cp", "/app/techempower.jar:/app/lib/*", "io.fasterapi.examples.techempower.TechEmpowerApp"]
