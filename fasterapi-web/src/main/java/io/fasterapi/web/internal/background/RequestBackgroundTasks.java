package io.fasterapi.web.internal.background;

import io.fasterapi.core.Shard;
import io.fasterapi.web.BackgroundTasks;
import io.fasterapi.web.HttpException;
import io.fasterapi.web.internal.dependency.AfterResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's background tasks: added by the handler, run by {@link #afterResponse} once the
 * response is written (on a new virtual thread when that is called on an event loop), or dropped
 * when the handler failed. Confined to the handler's thread, then to the one running the tasks.
 */
public final class RequestBackgroundTasks implements BackgroundTasks, AfterResponse {
    private static final Logger log = LoggerFactory.getLogger(BackgroundTasks.class);

    private final BackgroundTaskQueue queue;
    private final Shard shard;
    private final String requestId;
    private final List<Task> tasks = new ArrayList<>(2);

    public RequestBackgroundTasks(BackgroundTaskQueue queue, Shard shard, String requestId) {
        this.queue = queue;
        this.shard = shard;
        this.requestId = requestId;
    }

    @Override
    public BackgroundTasks add(Task task) {
        java.util.Objects.requireNonNull(task, "task");
        if (!queue.reserve(shard.id())) {
            throw new HttpException(503, "Too many background tasks pending");
        }
        tasks.add(task);
        return this;
    }

    @Override
    public void afterResponse(boolean handlerFailed) {
        if (tasks.isEmpty()) {
            return;
        }
        if (handlerFailed) {
            for (int i = 0; i < tasks.size(); i++) {
                queue.discarded();
                queue.release(shard.id());
            }
            return;
        }
        if (Shard.onEventLoop()) {
            shard.startVirtualThread(this::runAll);
        } else {
            runAll();
        }
    }

    private void runAll() {
        for (Task task : tasks) {
            try {
                task.run();
                queue.completed();
            } catch (Throwable t) {
                queue.failed();
                log.error("background task {} failed [request {}]", task.getClass().getName(), requestId, t);
            } finally {
                queue.release(shard.id());
            }
        }
    }
}
