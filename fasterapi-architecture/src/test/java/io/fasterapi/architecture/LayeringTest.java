package io.fasterapi.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module boundaries of docs/architecture.md, as a build failure: core knows nothing of pg or web, pg
 * nothing of web, web and the examples use only the public packages of the modules below them, and nothing
 * but the benchmarks themselves touches the benchmarks.
 */
class LayeringTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ProductionClasses.get();
    }

    @Test
    void importedEveryModule() {
        // A rule over an empty import passes vacuously: prove each module is on the class path.
        for (String pkg : new String[] {"io.fasterapi.core", "io.fasterapi.pg", "io.fasterapi.web",
                "io.fasterapi.examples"}) {
            org.assertj.core.api.Assertions.assertThat(production.stream()
                            .anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of %s imported", pkg).isTrue();
        }
    }

    @Test
    void coreImportsNeitherPgNorWeb() {
        noClasses().that().resideInAPackage("io.fasterapi.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fasterapi.pg..", "io.fasterapi.web..")
                .check(production);
    }

    @Test
    void pgDoesNotImportWeb() {
        noClasses().that().resideInAPackage("io.fasterapi.pg..")
                .should().dependOnClassesThat().resideInAPackage("io.fasterapi.web..")
                .check(production);
    }

    @Test
    void webUsesOnlyThePublicPackagesOfPgAndCore() {
        noClasses().that().resideInAPackage("io.fasterapi.web..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.fasterapi.pg.internal..", "io.fasterapi.core.internal..")
                .check(production);
    }

    @Test
    void examplesUseOnlyPublicPackages() {
        noClasses().that().resideInAPackage("io.fasterapi.examples..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fasterapi.core.internal..", "io.fasterapi.pg.internal..", "io.fasterapi.web.internal..")
                .check(production);
    }

    @Test
    void nothingImportsTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage("io.fasterapi.bench..")
                .should().dependOnClassesThat().resideInAPackage("io.fasterapi.bench..")
                .check(production);
    }
}
