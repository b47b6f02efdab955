package io.fasterapi.core;

import java.util.Arrays;

/** Two or more continuations of one future, in registration order. */
final class ContinuationList {
    private Continuation[] items;
    private int size;

    private ContinuationList(Continuation[] items, int size) {
        this.items = items;
        this.size = size;
    }

    /**
     * Adds {@code c} to the listener slot {@code current} (null, a Continuation or a list). A shared
     * slot (CAS-published) is never mutated: {@code copy} makes a new list.
     */
    static Object append(Object current, Continuation c, boolean copy) {
        if (current == null) {
            return c;
        }
        if (current instanceof Continuation first) {
            return new ContinuationList(new Continuation[] {first, c, null, null}, 2);
        }
        ContinuationList list = (ContinuationList) current;
        if (copy) {
            Continuation[] items = Arrays.copyOf(list.items, list.size + 1);
            items[list.size] = c;
            return new ContinuationList(items, list.size + 1);
        }
        if (list.size == list.items.length) {
            list.items = Arrays.copyOf(list.items, list.size * 2);
        }
        list.items[list.size++] = c;
        return list;
    }

    void resumeAll(Future<?> completed) {
        for (int i = 0; i < size; i++) {
            items[i].resume(completed);
        }
    }
}
