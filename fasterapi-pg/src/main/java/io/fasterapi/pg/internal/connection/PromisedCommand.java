package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Promise;

/**
 * A command that runs one SQL string and answers its caller through one promise: failing the
 * command fails the promise, the command is done when the promise is. Runs on the connection's
 * event loop.
 *
 * @param <T> what the caller gets
 */
abstract class PromisedCommand<T> extends Command {
    final String sql;
    final Promise<T> promise;

    PromisedCommand(String sql, long deadlineNanos, Promise<T> promise) {
        super(deadlineNanos);
        this.sql = sql;
        this.promise = promise;
    }

    @Override
    final void fail(Throwable cause) {
        promise.fail(cause);
    }

    @Override
    final boolean isDone() {
        return promise.isDone();
    }

    @Override
    final String describe() {
        return describeSql(sql);
    }
}
