package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hibernate Validator (~730 classes, tens of milliseconds of a start) is never loaded by an app with nothing to
 * validate, and is built before the first request of one whose routes validate (the OAuth2 password form's
 * {@code grant_type}, checked as the routes compile) or take a {@code Validator} (built by the start's warm-up),
 * so that no request's virtual thread initialises it (which would pin its carrier). In a JVM of its own.
 */
class ValidatorWarmupTest {

    @ParameterizedTest
    @ValueSource(strings = {"login", "checks"})
    void theValidatorStartsWithTheWarmUpOnlyForAppsThatValidate(String mode) throws Exception {
        ChildJvm child = ChildJvm.run(ValidatorWarmupMain.class, mode);
        String out = child.output();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("plain 200 validator-loaded=false\n" + mode + " validator-loaded=true\n");
    }
}
