package io.fasterapi.web.internal.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request is not fully received within the request timeout (slowloris:
 * a client trickling headers or body). The timer starts with the first bytes of a request and is
 * cancelled when the request is complete; it lives on the loop and holds no thread. First handler
 * of the pipeline; loop only.
 */
final class RequestTimeoutHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestTimeoutHandler.class);

    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    RequestTimeoutHandler(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> {
                log.info("closing {}: request not received within {} ms", ctx.channel().remoteAddress(),
                        TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                ctx.close();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    /** The request being read is complete: stop its timer. */
    void requestComplete() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        requestComplete();
        super.channelInactive(ctx);
    }
}
