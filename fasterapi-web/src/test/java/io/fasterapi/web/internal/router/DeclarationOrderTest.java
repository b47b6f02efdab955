package io.fasterapi.web.internal.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reading method order from class files, and the fallback when one cannot be read. */
class DeclarationOrderTest {
    static class Written {
        public void charlie() {
        }

        public void alpha(int a, String b) {
        }

        public long bravo(long[] c) {
            return 0;
        }

        public void alpha() {
        }
    }

    @Test
    void ordersMethodsAsTheClassFileListsThem() {
        Method[] methods = Written.class.getDeclaredMethods();
        String[] sorted = Arrays.stream(DeclarationOrder.sort(methods))
                .map(m -> m.getName() + m.getParameterCount()).toArray(String[]::new);
        assertThat(sorted).containsExactly("charlie0", "alpha2", "bravo1", "alpha0");
    }

    @Test
    void inheritedMethodsComeBeforeTheSubclasses() {
        Method[] methods = Stream.of(Thread.class.getMethods()).filter(m -> m.getName().equals("toString")
                || m.getName().equals("hashCode")).toArray(Method[]::new);
        assertThat(DeclarationOrder.sort(methods)).extracting(Method::getName)
                .containsExactly("hashCode", "toString"); // Object.hashCode, then Thread.toString
    }

    @Test
    void aStreamThatIsNotAClassFileGivesNoPositions() throws Exception {
        byte[] notAClass = "not a class file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Map<String, Integer> positions = DeclarationOrder.methodPositions(
                new DataInputStream(new ByteArrayInputStream(notAClass)));
        assertThat(positions).isEmpty();
    }

    @Test
    void aClassWhoseFileCannotBeFoundFallsBackToNameOrder() {
        Runnable lambda = () -> { };
        Method[] methods = Stream.of(lambda.getClass().getDeclaredMethods()).toArray(Method[]::new);
        assertThat(DeclarationOrder.sort(methods)).hasSameSizeAs(methods); // a hidden class: no resource
    }
}
