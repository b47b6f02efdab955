package io.fasterapi.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in time by which some work must be done, on the monotonic clock ({@link System#nanoTime()}),
 * so a wall-clock jump never moves it. Immutable; any thread.
 *
 * {@snippet :
 * Deadline d = Deadline.after(Duration.ofSeconds(2));
 * try (Pg pg = pool.get(d)) {                 // the acquire and every query share the 2 s
 *     pg.exec("UPDATE stock SET qty = qty - 1 WHERE item_id = $1", id);
 * }
 * }
 *
 * <p>Why a type and not a {@code Duration}: a timeout restarts with every call it is handed to, a
 * deadline does not. A request's deadline ({@code Request.deadline()} in the web layer) is handed to
 * each query the request makes, and each query gets only the time that is left.
 *
 * @apiNote As gRPC's {@code io.grpc.Deadline}: comparable, {@link #minimum} picks the sooner one.
 */
public final class Deadline implements Comparable<Deadline> {
    private final long nanoTime;

    private Deadline(long nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new Deadline(System.nanoTime() + saturatedNanos(timeout));
    }

    /** The deadline at {@code nanoTime}, a value of {@link System#nanoTime()}. */
    public static Deadline atNanoTime(long nanoTime) {
        return new Deadline(nanoTime);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE / 4 : Long.MAX_VALUE / 4;
        }
    }

    /** The {@link System#nanoTime()} value at which the deadline passes. */
    public long nanoTime() {
        return nanoTime;
    }

    /** Nanoseconds left, at least 0. */
    public long remainingNanos() {
        return Math.max(0, nanoTime - System.nanoTime());
    }

    /** Time left, {@link Duration#ZERO} once passed. */
    public Duration remaining() {
        return Duration.ofNanos(remainingNanos());
    }

    /** Whether the deadline has passed. */
    public boolean isExpired() {
        return nanoTime - System.nanoTime() <= 0;
    }

    /** The sooner of this deadline and {@code other}; this one when {@code other} is null. */
    public Deadline minimum(Deadline other) {
        return other == null || compareTo(other) <= 0 ? this : other;
    }

    @Override
    public int compareTo(Deadline other) {
        return Long.compare(nanoTime - other.nanoTime, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deadline d && d.nanoTime == nanoTime;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nanoTime);
    }

    @Override
    public String toString() {
        long left = nanoTime - System.nanoTime();
        return left > 0 ? "Deadline[" + Duration.ofNanos(left) + " from now]"
                : "Deadline[passed " + Duration.ofNanos(-left) + " ago]";
    }
}
