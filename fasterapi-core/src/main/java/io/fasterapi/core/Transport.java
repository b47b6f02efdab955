package io.fasterapi.core;

/** The I/O transport a {@link Reactor} runs on. */
public enum Transport {
    /** Linux native epoll (Netty's {@code netty-transport-native-epoll}): the fast path. */
    EPOLL,
    /** Java NIO selectors: everywhere, used when epoll does not load. */
    NIO;
}
