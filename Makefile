# Thin wrappers over the scripts and ./mvnw (the scripts find a JDK 21+ and a PostgreSQL).
.PHONY: build test soak run bench bench-futures lint clean

build:
	bash -c '. scripts/java-env.sh && ./mvnw -B -ntp install -DskipTests'

test:
	scripts/test.sh

# The example app under 256 concurrent clients for 60 s (SoakTest; not part of test/verify).
soak:
	scripts/soak.sh

run:
	scripts/run-example.sh

bench:
	scripts/bench.sh all

bench-futures:
	scripts/bench.sh futures

lint:
	bash -c '. scripts/java-env.sh && ./mvnw -B -ntp -DskipTests -Dmaven.compiler.failOnWarning=true compile'

clean:
	bash -c '. scripts/java-env.sh && ./mvnw -B -ntp clean'
