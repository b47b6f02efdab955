package io.fasterapi.web;

/**
 * Work a handler leaves to run after its response has been written (FastAPI's
 * {@code BackgroundTasks}): a parameter of this type is injected, and the tasks added to it run, in
 * the order added, once the response is on the wire — an e-mail, an audit row, a cache refresh the
 * client need not wait for.
 *
 * {@snippet :
 * @Post("/orders")
 * public Order place(@Body OrderCreate order, Pg pg, BackgroundTasks tasks) {
 *     Order placed = orders.insert(pg, order);
 *     tasks.add(() -> mailer.confirm(placed));   // after the 200 is sent
 *     return placed;
 * }
 * }
 *
 * <p>The rules:
 * <ul>
 *   <li>Tasks run only when the handler returned normally; when it threw (an
 *       {@link HttpException} included) none runs, as in FastAPI, where the tasks travel with the
 *       response the handler returns.</li>
 *   <li>They run on a virtual thread (the handler's own when it was a blocking handler), so they may
 *       block. A task that throws is logged with the request id and counted; unlike Starlette, the
 *       tasks after it still run.</li>
 *   <li>Each core holds at most {@link ServerOptions.Builder#maxPendingBackgroundTasks} tasks added
 *       and not yet finished; {@link #add} beyond that throws {@link HttpException} 503 ("Too many
 *       background tasks pending"), so a handler learns at once that the server is overloaded instead
 *       of work piling up without bound.</li>
 *   <li>A graceful {@link Server#stop} waits for pending tasks, within its deadline, after the last
 *       response and before the shutdown hooks.</li>
 *   <li>With {@link App#metrics}, {@code fasterapi.background.tasks.pending} (gauge) and
 *       {@code fasterapi.background.tasks} (counter, tag {@code outcome}: completed, failed, rejected,
 *       discarded) show them.</li>
 * </ul>
 * An instance belongs to one request; use it on the handler's thread.
 */
public interface BackgroundTasks {
    /** Adds {@code task} to run after the response; returns this, to chain. */
    BackgroundTasks add(Task task);

    /** A background task: may block and may throw. */
    @FunctionalInterface
    interface Task {
        /** Does the work. */
        void run() throws Exception;
    }
}
