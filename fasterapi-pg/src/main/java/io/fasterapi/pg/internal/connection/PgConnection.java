package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Cancellable;
import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.CopyIn;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgNotice;
import io.fasterapi.pg.PgNotification;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.RowStream;
import io.fasterapi.pg.internal.codec.TypeRegistry;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.config.TransactionPooling;
import io.fasterapi.pg.internal.protocol.BackendMessageDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One PostgreSQL session on a Netty channel of one shard's event loop, built around its queue of
 * exchanges as vertx-sql-client builds its connections. Its parts, a file each:
 *
 * <ul>
 *   <li>{@link CommandPipeline}: the queue of commands, the FIFO of exchanges in flight, the
 *       outgoing buffer;
 *   <li>{@link Login}: the first exchange in that queue;
 *   <li>{@link SessionState}: what the session is (server parameters, transaction status,
 *       listeners, what the login settled);
 *   <li>{@link Cancellation}: deadlines and CancelRequests;
 *   <li>a {@link BackendMessageDecoder}, which hands each message to the head exchange, the
 *       pipeline or the session.
 * </ul>
 *
 * This class is what the pool and the handles hold: it turns their calls into commands, and owns
 * the channel and the connection's life ({@link State}).
 *
 * <p>Thread ownership: everything runs on the event loop; the methods that say "any thread" hop to
 * it.
 */
public final class PgConnection extends ChannelInboundHandlerAdapter {
    /** The connection's life. */
    enum State {
        /** The login is the exchange in flight, and holds every other write back. */
        LOGGING_IN,
        /** Logged in: commands are written as they come. */
        READY,
        /** Closed by either side, or failed: unusable for good ({@link #brokenCause()} says why). */
        BROKEN
    }

    private final ConnectionConfig config;
    private final HostPort host;
    private final Shard shard;
    private final TypeRegistry types;
    private final PreparedStatements statements;
    private final SessionState session;
    private final Cancellation cancellation;
    private final CommandPipeline pipeline;
    private final BackendMessageDecoder decoder;

    private Channel channel;
    private EventLoop loop;
    /** Changed on the loop only; volatile so that any thread sees a broken connection, and its cause. */
    private volatile State state = State.LOGGING_IN;
    private PgException brokenCause;
    private final WriteBackpressure backpressure = new WriteBackpressure();
    /** Told once, on the loop, when the connection breaks (the pool's hook). */
    private Runnable brokenHook;

    PgConnection(ConnectionConfig config, HostPort host, Shard shard, Login login) {
        this.config = config;
        this.host = host;
        this.shard = shard;
        this.types = new TypeRegistry(config.codecs());
        this.statements = new PreparedStatements(config.statementCacheSize());
        this.session = new SessionState(this, statements);
        this.cancellation = new Cancellation(this);
        this.pipeline = new CommandPipeline(this, session, cancellation, login.command());
        this.decoder = new BackendMessageDecoder(session, pipeline, pipeline.inflight(), login.sendsSslRequest());
    }

    // ------------------------------------------------------------------ API used by handles (any thread)

    /** Runs {@code sql} with {@code args} on the extended protocol. Any thread. */
    public Future<QueryResult> query(String sql, PreparedQuery prepared, Object[] args, long deadlineNanos) {
        Promise<QueryResult> p = new Promise<>(shard);
        PgException refused = refusedByPooler(sql, false);
        if (refused != null) {
            p.fail(refused);
            return p;
        }
        if (args.length > BindMessage.MAX_PARAMETERS) {
            p.fail(new PgException("a statement can have at most 65535 parameters (the protocol's int16 count), got "
                    + args.length));
            return p;
        }
        pipeline.submit(new QueryCommand(sql, prepared, args, deadlineNanos, p));
        return p;
    }

    /**
     * Runs {@code sql} once per element of {@code rows} (an {@code Object[]}, a {@code List} or a
     * record each) in one exchange: one Parse if needed, a Bind/Execute per row, one Sync
     * ({@link BatchCommand}). The future completes with the rows affected in total. The iterator is
     * read on the connection's event loop. Any thread.
     */
    public Future<Long> batch(String sql, PreparedQuery prepared, java.util.Iterator<?> rows, long deadlineNanos) {
        Promise<Long> p = new Promise<>(shard);
        PgException refused = refusedByPooler(sql, false);
        if (refused != null) {
            p.fail(refused);
            return p;
        }
        pipeline.submit(new BatchCommand(sql, prepared, rows, deadlineNanos, p));
        return p;
    }

    /**
     * Starts reading {@code sql} through a portal, {@code chunkSize} rows at a time; the future
     * completes with the stream once the first chunk has arrived. {@code timeoutNanos} (0: none)
     * bounds each wait for a chunk, not the time between them. Any thread.
     */
    public Future<RowStream> stream(String sql, Object[] args, int chunkSize, long timeoutNanos) {
        Promise<QueryResult> first = new Promise<>(shard);
        PgException refused = refusedByPooler(sql, false);
        if (refused != null) {
            return Future.failed(refused);
        }
        StreamCommand cmd = new StreamCommand(sql, args, chunkSize, first, timeoutNanos);
        pipeline.submit(cmd);
        return first.map(chunk -> new PortalRowStream(cmd, chunk));
    }

    /** Runs a multi-statement string on the simple protocol. Any thread. */
    public Future<List<QueryResult>> script(String sql, long deadlineNanos) {
        Promise<List<QueryResult>> p = new Promise<>(shard);
        PgException refused = refusedByPooler(sql, true);
        if (refused != null) {
            p.fail(refused);
            return p;
        }
        pipeline.submit(new ScriptCommand(sql, deadlineNanos, p));
        return p;
    }

    /** Registers a notification handler and sends LISTEN once for the channel. Any thread. */
    public Future<Void> listen(String channelName, Consumer<PgNotification> handler) {
        if (config.transactionPooling()) {
            return Future.failed(new PgException(TransactionPooling.listenRefusal()));
        }
        return shard.submitAsync(() -> {
            if (!session.addListener(channelName, handler)) {
                return Future.<Void>ready(null);
            }
            return script("LISTEN " + quoteIdent(channelName), 0).map(r -> (Void) null);
        });
    }

    /** Drops the handlers of a channel and sends UNLISTEN. Any thread. */
    public Future<Void> unlisten(String channelName) {
        return shard.submitAsync(() -> {
            session.removeListeners(channelName);
            return script("UNLISTEN " + quoteIdent(channelName), 0).map(r -> (Void) null);
        });
    }

    /**
     * Starts {@code COPY ... FROM STDIN}; the future completes once the server waits for data.
     * {@code timeoutNanos} (0: none) bounds each wait on the server or the network: for the server
     * to accept the COPY, for the socket to take more data, for the answer to CopyDone. Any thread.
     */
    public Future<CopyIn> copyIn(String sql, long timeoutNanos) {
        Promise<Boolean> started = new Promise<>(shard);
        long startDeadline = timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
        CopyInCommand cmd = new CopyInCommand(sql, startDeadline, timeoutNanos, started, new Promise<>(shard));
        pipeline.submit(cmd);
        return started.map(binary -> new CopyInWriter(this, cmd));
    }

    /**
     * A publisher of the bytes of {@code COPY ... TO STDOUT}, run when subscribed; {@code timeoutNanos}
     * (0: none) bounds each wait on the server while the subscriber has demand. Any thread.
     */
    public Flow.Publisher<ByteBuffer> copyOut(String sql, long timeoutNanos) {
        return new CopyOutPublisher(this, sql, timeoutNanos);
    }

    /**
     * Runs {@code sql} (COPY ... TO STDOUT) and writes its bytes to {@code out}; when the server
     * sends nothing for {@code timeoutNanos} (0: no limit) while {@code out} keeps up, the COPY is
     * cancelled and this fails with PgTimeoutException. Blocking.
     */
    public long copyOut(String sql, OutputStream out, long timeoutNanos) {
        CopyOutSink sink = new CopyOutSink();
        copyOut(sql, timeoutNanos).subscribe(sink);
        return sink.drainTo(out);
    }

    /**
     * The error refusing {@code sql} when the connection goes through a transaction pooler and the
     * statement would leave state in a server session ({@link TransactionPooling}); else null. Any thread.
     */
    private PgException refusedByPooler(String sql, boolean severalStatements) {
        if (!config.transactionPooling()) {
            return null;
        }
        String why = severalStatements ? TransactionPooling.refusalOfScript(sql) : TransactionPooling.refusal(sql);
        return why == null ? null : new PgException(why);
    }

    /** True when the DSN said the server is a pooler in transaction mode ({@code pooler=transaction}). Any thread. */
    public boolean behindTransactionPooler() {
        return config.transactionPooling();
    }

    static String quoteIdent(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Adds a notice listener. Any thread. */
    public void onNotice(Consumer<PgNotice> listener) {
        session.addNoticeListener(listener);
    }

    /** Sends Terminate and closes. Any thread. */
    public void close() {
        EventLoop l = loop;
        if (l == null) {
            return;
        }
        l.execute(() -> {
            if (channel.isActive()) {
                pipeline.terminate();
            }
            breakWith(new PgConnectionException("connection closed by the client"));
        });
    }

    // ------------------------------------------------------------------ state the pool reads

    public Shard shard() {
        return shard;
    }

    /** What the session is: server parameters, what the login settled, listeners. */
    public SessionState session() {
        return session;
    }

    /** Transaction status from the last ReadyForQuery: I idle, T in a transaction, E failed transaction. */
    public char transactionStatus() {
        return session.transactionStatus();
    }

    public int processId() {
        return session.processId();
    }

    /** Not null once the connection is unusable. Any thread. */
    public PgException brokenCause() {
        return state == State.BROKEN ? brokenCause : null;
    }

    public boolean isUsable() {
        return state != State.BROKEN && channel != null && channel.isActive();
    }

    /** Number of statements currently prepared here (for tests and stats). Loop only. */
    public int preparedCount() {
        return statements.cachedCount();
    }

    /**
     * True while a statement that passed its deadline is still unanswered on the wire (its
     * ReadyForQuery, or the end of its CancelRequest, has not come): anything sent now would queue
     * behind it, and if the server or the network has stalled, wait forever. O(1): the pool asks on
     * every pipelined acquire. Loop only.
     */
    public boolean awaitsAbandonedAnswer() {
        return cancellation.holdsWrites() || pipeline.owesAbandonedAnswers();
    }

    /** Registers the one callback run on the loop when this connection breaks (for its pool). Loop only. */
    public void onBroken(Runnable hook) {
        if (state == State.BROKEN) {
            hook.run();
        } else {
            brokenHook = hook;
        }
    }

    /**
     * True when a statement since the last {@link #resetSessionState()} may have left session state
     * behind for the next user: a SET or RESET, a LISTEN, a DECLARE CURSOR (WITH HOLD survives the
     * transaction), or a notification or notice listener registered on a handle. Loop only, or the
     * thread holding the connection once it has seen its statements complete (their completion
     * published what they changed).
     */
    public boolean sessionTouched() {
        return session.touched();
    }

    /** Forgets the listeners of the previous user; the pool has reset the server side. Loop only. */
    public void resetSessionState() {
        session.reset();
    }

    // ------------------------------------------------------------------ parts, for commands (loop)

    CommandPipeline pipeline() {
        return pipeline;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    PreparedStatements statements() {
        return statements;
    }

    TypeRegistry types() {
        return types;
    }

    ConnectionConfig config() {
        return config;
    }

    /** The server this connection went to. Any thread. */
    public HostPort host() {
        return host;
    }

    Channel channel() {
        return channel;
    }

    /** The decoder to put in front of this handler in the channel's pipeline. */
    BackendMessageDecoder decoder() {
        return decoder;
    }

    /** Runs {@code task} on the loop: inline when already there. */
    void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** Runs {@code task} on the loop after {@code delayNanos}; nothing once the loop has shut down. Any thread. */
    Cancellable schedule(Runnable task, long delayNanos) {
        try {
            io.netty.util.concurrent.ScheduledFuture<?> f = loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            // The pool closed: the connection is gone, and what waited on it has failed with it.
            return () -> false;
        }
    }

    /** Pauses or resumes reading from the socket (COPY OUT backpressure). Loop only. */
    void autoRead(boolean on) {
        if (channel != null) {
            channel.config().setAutoRead(on);
        }
    }

    /** Where a COPY writer parks while the channel is not writable. */
    WriteBackpressure backpressure() {
        return backpressure;
    }

    // ------------------------------------------------------------------ life (loop)

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        loop = channel.eventLoop();
        pipeline.start(channel);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        breakWith(new PgConnectionException("connection to " + host + " closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An exchange that meets a protocol violation throws PgConnectionException from inside the decoder.
        Throwable t = cause instanceof DecoderException && cause.getCause() instanceof PgConnectionException pce
                ? pce : cause;
        PgException e = t instanceof PgException pe ? pe
                : new PgConnectionException("I/O error on connection to " + host + ": " + t.getMessage(), t);
        breakWith(e);
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        backpressure.wake();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        pipeline.readComplete();
        ctx.fireChannelReadComplete();
    }

    boolean loggingIn() {
        return state == State.LOGGING_IN;
    }

    /** The login is over: commands flow. */
    void loggedIn() {
        state = State.READY;
    }

    boolean isBroken() {
        return state == State.BROKEN;
    }

    /**
     * Makes the connection unusable for good: fails everything queued or in flight, closes the
     * channel, tells the pool. Only the first cause counts. Loop only.
     */
    void breakWith(PgException cause) {
        if (state == State.BROKEN) {
            return;
        }
        brokenCause = cause;
        state = State.BROKEN;
        Runnable hook = brokenHook;
        brokenHook = null;
        PgConnectionException failure = cause instanceof PgConnectionException pce ? pce
                : new PgConnectionException("connection broken: " + cause.getMessage(), cause);
        pipeline.failAll(failure);
        if (channel != null && channel.isOpen()) {
            channel.close();
        }
        if (channel != null) {
            channel.config().setAutoRead(true);
        }
        backpressure.wake();
        if (hook != null) {
            hook.run();
        }
    }

    @Override
    public String toString() {
        return "PgConnection[" + host + ", pid " + session.processId() + ", shard " + shard.id() + "]";
    }
}
