package io.fasterapi.web.internal.websocket;

import io.fasterapi.core.Shard;
import io.fasterapi.web.WebSocket;
import io.fasterapi.web.WebSocketHandler;
import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.internal.errors.InvalidValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection after its handshake: the last handler of its pipeline before the (idle)
 * HTTP connection handler. Frames are read on the loop (pings answered there, messages copied),
 * callbacks run in order through {@link SerialCallbacks}. {@code onClose} is called once, when the
 * channel closes, with the close code the peer sent (1006 if none) or the one the server sent.
 *
 * <p>The closing handshake (RFC 6455 §5.5.1, §7.1.1): when the peer closes first, its Close frame is
 * echoed and the TCP connection closed (the server closes first, as §7.1.1 says it should); when the
 * server closes first, it sends its Close frame, drops the messages still arriving, and closes TCP
 * when the peer's Close frame arrives, or after {@code closeTimeout} if none does.
 */
final class WebSocketSession extends ChannelInboundHandlerAdapter implements WebSocket {
    private static final Logger log = LoggerFactory.getLogger(WebSocketSession.class);
    private static final int ABNORMAL_CLOSURE = 1006;
    private static final int GOING_AWAY = 1001;

    static {
        preload(LoopWrite.class, LoopClose.class, CloseTimeout.class, CompletableFuture.class, TextWebSocketFrame.class,
                BinaryWebSocketFrame.class);
        // Initialise the buffer classes sendText/sendBinary use, here on the loop: a virtual thread that
        // waits for another thread's class initialisation pins its carrier (seen in WebSocketTest).
        new TextWebSocketFrame(Unpooled.copiedBuffer("x", StandardCharsets.UTF_8)).release();
        new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[1])).release();
    }

    private final Channel channel;
    private final Shard shard;
    private final WebSocketHandler handler;
    private final String path;
    private final List<String> names;
    private final String[] values;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final SerialCallbacks callbacks;
    private final long closeTimeoutNanos;
    private ScheduledFuture<?> closeTimer; // loop only
    private volatile int closeCode = ABNORMAL_CLOSURE;
    private volatile String closeReason = "";
    private volatile boolean closeSent;
    private volatile String subprotocol;

    WebSocketSession(Channel channel, Shard shard, WebSocketHandler handler, String path, List<String> names,
                     String[] values, Map<String, List<String>> query, HttpHeaders headers, Duration closeTimeout) {
        this.closeTimeoutNanos = closeTimeout.toNanos();
        this.channel = channel;
        this.shard = shard;
        this.handler = handler;
        this.path = path;
        this.names = names;
        this.values = values;
        this.query = query;
        this.headers = headers;
        this.callbacks = new SerialCallbacks(shard, channel);
    }

    private static void preload(Class<?>... types) {
        for (Class<?> t : types) {
            t.getName();
        }
    }

    /** The handshake is done, with {@code subprotocol} agreed (or null): run {@code onOpen}. Loop. */
    void opened(String subprotocol) {
        this.subprotocol = subprotocol;
        run(() -> handler.onOpen(this));
    }

    /** The server is stopping: close with 1001 Going Away (RFC 6455 §7.4.1). Loop. */
    void goAway() {
        sendClose(GOING_AWAY, "Server shutting down");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (closeSent) { // our Close went out: only the peer's answer matters now
                if (frame instanceof CloseWebSocketFrame c) {
                    peerClosed(c);
                    channel.close();
                }
                return;
            }
            switch (frame) {
                case TextWebSocketFrame t -> {
                    String text = t.text();
                    run(() -> handler.onText(this, text));
                }
                case BinaryWebSocketFrame b -> {
                    byte[] data = ByteBufUtil.getBytes(b.content());
                    run(() -> handler.onBinary(this, data));
                }
                case PingWebSocketFrame p -> ctx.writeAndFlush(new PongWebSocketFrame(p.content().retain()));
                case CloseWebSocketFrame c -> {
                    peerClosed(c);
                    closeSent = true;
                    // Echo the peer's status; none when it sent none (1005 must not go on the wire).
                    CloseWebSocketFrame echo = c.statusCode() < 0 ? new CloseWebSocketFrame()
                            : new CloseWebSocketFrame(c.statusCode(), "");
                    channel.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
                }
                default -> {
                    // pongs and stray continuation frames (the aggregator joins fragments)
                }
            }
        } finally {
            frame.release();
        }
    }

    // The peer's code is what onClose reports when the peer closed first.
    private void peerClosed(CloseWebSocketFrame c) {
        if (closeCode == ABNORMAL_CLOSURE) {
            closeCode = c.statusCode() < 0 ? 1005 : c.statusCode();
            closeReason = c.reasonText();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (closeTimer != null) {
            closeTimer.cancel(false);
            closeTimer = null;
        }
        int code = closeCode;
        String reason = closeReason;
        run(() -> handler.onClose(this, code, reason));
        ctx.fireChannelInactive(); // the HTTP connection handler behind unregisters from the server
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            log.info("closing WebSocket {} from {}: message over the size limit", path, channel.remoteAddress());
            sendClose(1009, "Message too big");
            return;
        }
        log.debug("WebSocket {} from {} failed: {}", path, channel.remoteAddress(), cause.toString());
        channel.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ReferenceCountUtil.release(evt); // idle events from the HTTP pipeline do not apply to WebSockets
    }

    // Both lambdas are created here, on the loop: spinning a lambda class on a virtual thread pins its carrier.
    private void run(Callback c) {
        callbacks.submit(() -> call(c));
    }

    private void call(Callback c) {
        try {
            c.run();
        } catch (Throwable t) {
            try {
                handler.onError(this, t);
            } catch (Throwable inHandler) {
                log.error("WebSocket {}: onError failed", path, inHandler);
            }
            close(1011, "Internal Error");
        }
    }

    @FunctionalInterface
    private interface Callback {
        void run() throws Exception;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathParam(String name) {
        int i = names.indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public <T> T pathParam(String name, Class<T> type) {
        String raw = pathParam(name);
        StringConverter c = ScalarConverters.forType(type);
        if (raw == null || c == null) {
            throw new IllegalArgumentException(raw == null ? "no path parameter " + name
                    : type.getName() + " cannot be read from text");
        }
        try {
            @SuppressWarnings("unchecked")
            T v = (T) c.convert(raw);
            return v;
        } catch (InvalidValue e) {
            throw new IllegalArgumentException("path parameter " + name + ": " + e.getMessage() + ", got '" + raw + "'");
        }
    }

    @Override
    public Optional<String> query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public Optional<String> subprotocol() {
        return Optional.ofNullable(subprotocol);
    }

    @Override
    public CompletionStage<Void> sendText(String text) {
        return write(new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }

    @Override
    public CompletionStage<Void> sendBinary(byte[] data) {
        return write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data.clone())));
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(new LoopClose(this, code, reason, done));
        return done;
    }

    // Starts the server's side of the closing handshake; the future completes when the frame is written.
    private ChannelFuture sendClose(int code, String reason) {
        if (closeSent) {
            return channel.closeFuture();
        }
        closeSent = true;
        if (closeCode == ABNORMAL_CLOSURE) {
            closeCode = code;
            closeReason = reason;
        }
        ChannelFuture f = channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        f.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        closeTimer = channel.eventLoop().schedule(new CloseTimeout(this), closeTimeoutNanos, TimeUnit.NANOSECONDS);
        return f;
    }

    private record CloseTimeout(WebSocketSession session) implements Runnable {
        @Override
        public void run() {
            session.closeTimer = null;
            if (session.channel.isActive()) {
                log.debug("WebSocket {} from {}: no Close frame answered ours; closing", session.path,
                        session.channel.remoteAddress());
                session.channel.close();
            }
        }
    }

    private CompletionStage<Void> write(WebSocketFrame frame) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(new LoopWrite(this, frame, done));
        return done;
    }

    private void writeNow(WebSocketFrame frame, CompletableFuture<Void> done) {
        if (closeSent || !channel.isActive()) {
            frame.release();
            done.completeExceptionally(new IllegalStateException("the WebSocket is closed"));
            return;
        }
        complete(channel.writeAndFlush(frame), done);
    }

    // Sends hop to the loop through named tasks loaded with this class (on the loop): a virtual thread
    // that loads a class (Netty's cross-thread write task, a lambda's) pins its carrier meanwhile.
    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    private record LoopWrite(WebSocketSession session, WebSocketFrame frame, CompletableFuture<Void> done)
            implements Runnable {
        @Override
        public void run() {
            session.writeNow(frame, done);
        }
    }

    private record LoopClose(WebSocketSession session, int code, String reason, CompletableFuture<Void> done)
            implements Runnable {
        @Override
        public void run() {
            complete(session.sendClose(code, reason), done);
        }
    }

    private static void complete(ChannelFuture f, CompletableFuture<Void> done) {
        f.addListener(x -> {
            if (x.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(x.cause());
            }
        });
    }

    @Override
    public boolean isOpen() {
        return channel.isActive() && !closeSent;
    }

    @Override
    public Shard shard() {
        return shard;
    }

    @Override
    public String toString() {
        return "WebSocket[" + path + ", " + channel.remoteAddress() + "]";
    }
}
