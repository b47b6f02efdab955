package io.fasterapi.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * No cycle between packages. A module's public package and its {@code internal} packages necessarily know
 * each other (the front door hands work to the internals, the internals implement the public types), as the
 * JDK's {@code java.net.http} and {@code jdk.internal.net.http} do; every other pair of packages depends one
 * way only, so each internal package can be read, tested and replaced knowing only what lies below it.
 */
class PackageCyclesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ProductionClasses.get();
    }

    @Test
    void modulesAreFreeOfCycles() {
        slices().matching("io.fasterapi.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void internalPackagesAreFreeOfCycles() {
        slices().matching("io.fasterapi.(*).internal.(*)..").should().beFreeOfCycles().check(production);
    }
}
