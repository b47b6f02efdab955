/**
 * Futures and the per-core reactor: the threading model every other FasterAPI module builds on.
 *
 * <p>A {@link io.fasterapi.core.Reactor} owns one event loop per core; each loop is a
 * {@link io.fasterapi.core.Shard}. A {@link io.fasterapi.core.Future} belongs to the shard that
 * completes it: its continuations run on that shard's thread, inline when it is already complete,
 * with no locks and no atomic instructions on the single-shard path. Virtual threads wait for a
 * future with {@link io.fasterapi.core.Future#await()}; event loops never do.
 */
package io.fasterapi.core;
