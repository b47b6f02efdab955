package io.fasterapi.core.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads with a scheduler of our choosing: the JDK's package-private
 * {@code java.lang.ThreadBuilders.VirtualThreadBuilder(Executor)} constructor, there on JDK 21 to 25
 * for the JDK's own tests. The scheduler receives each continuation of the virtual thread (its
 * start, and every resumption after a park) as a {@link Runnable} and runs it on a platform
 * thread of its choice, which becomes the carrier.
 *
 * <p>Reaching the constructor needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}. Without
 * it, or on a JDK without that constructor, {@link #available()} is false and
 * {@link #unavailableReason()} says why.
 */
public final class LoopCarriedThreads {
    private static final MethodHandle NEW_BUILDER;
    private static final String UNAVAILABLE;

    static {
        MethodHandle mh = null;
        String why = null;
        try {
            Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> withScheduler = builder.getDeclaredConstructor(Executor.class);
            withScheduler.setAccessible(true);
            mh = MethodHandles.lookup().unreflectConstructor(withScheduler)
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        NEW_BUILDER = mh;
        UNAVAILABLE = why;
    }

    private LoopCarriedThreads() {
    }

    /** Whether this JVM lets us give a virtual thread its scheduler. */
    public static boolean available() {
        return NEW_BUILDER != null;
    }

    /** Why {@link #available()} is false, or null when it is true. */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * A factory of unstarted virtual threads named {@code name} whose continuations run through
     * {@code scheduler}. Thread-safe.
     *
     * @throws IllegalStateException when {@link #available()} is false
     */
    public static ThreadFactory factory(String name, Executor scheduler) {
        if (NEW_BUILDER == null) {
            throw new IllegalStateException("virtual threads with a custom scheduler are unavailable: " + UNAVAILABLE);
        }
        try {
            Thread.Builder.OfVirtual builder = (Thread.Builder.OfVirtual) NEW_BUILDER.invokeExact(scheduler);
            return builder.name(name).factory();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
