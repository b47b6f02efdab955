package io.fasterapi.web.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvokerTest {
    public static final class Target {
        final List<String> calls = new ArrayList<>();

        public String greet(String name, int times) {
            return (name + "!").repeat(times);
        }

        public void record(String call) {
            calls.add(call);
        }

        public static long twice(long x) {
            return 2 * x;
        }

        public String fail() throws IOException {
            throw new IOException("declared failure");
        }
    }

    @Test
    void callsTheMethodOnItsTargetWithTheArgumentsAsTheyAre() throws Throwable {
        Target t = new Target();
        Invoker greet = Invoker.of(Target.class.getMethod("greet", String.class, int.class), t);
        assertThat(greet.invoke(new Object[] {"hi", 2})).isEqualTo("hi!hi!");
        greet.prepare();
        assertThat(greet.invoke(new Object[] {"yo", 1})).as("after prepare, the same").isEqualTo("yo!");
        Invoker record = Invoker.of(Target.class.getMethod("record", String.class), t);
        record.prepare();
        assertThat(record.invoke(new Object[] {"a"})).as("void comes back as null").isNull();
        assertThat(t.calls).containsExactly("a");
        assertThat(Invoker.of(Target.class.getMethod("twice", long.class), null).invoke(new Object[] {21L})).isEqualTo(42L);
    }

    @Test
    void theMethodsExceptionsPropagateUnchangedAndBadArgumentsFail() throws Exception {
        Invoker fail = Invoker.of(Target.class.getMethod("fail"), new Target());
        assertThatThrownBy(() -> fail.invoke(new Object[0])).isInstanceOf(IOException.class).hasMessage("declared failure");
        Invoker greet = Invoker.of(Target.class.getMethod("greet", String.class, int.class), new Target());
        assertThatThrownBy(() -> greet.invoke(new Object[] {"x"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> greet.invoke(new Object[] {1, 2})).isInstanceOf(ClassCastException.class);
    }

    @Test
    void aMethodItMayNotCallIsRefusedWhenTheInvokerIsMade() throws Exception {
        // java.base does not open jdk.internal.misc to this module: setAccessible fails
        Class<?> internal = Class.forName("jdk.internal.misc.VM");
        assertThatThrownBy(() -> Invoker.of(internal.getDeclaredMethod("initLevel"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot call ");
    }
}
