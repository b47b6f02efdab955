package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.CopyIn;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgNotice;
import io.fasterapi.pg.PgNotification;
import io.fasterapi.pg.PgTimeoutException;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.RowStream;
import io.fasterapi.pg.internal.codec.TypeRegistry;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.protocol.BackendMessageHandler;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.fasterapi.pg.internal.protocol.ServerErrors;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL session on a Netty channel of one shard's event loop: the command queue, the
 * in-flight exchanges matched to responses in order, the statement cache, deadlines and cancels.
 *
 * <p>Pipelining: commands are written as they arrive (each ended by its own Sync) into one
 * outgoing buffer that is flushed once per event-loop turn; responses go to the oldest in-flight
 * exchange. Netty keeps reading while we write, so a long pipeline cannot deadlock.
 *
 * <p>Thread ownership: every field is confined to the event loop; {@link #submit} may be called
 * from any thread and hops to the loop.
 */
public final class PgConnection extends ChannelInboundHandlerAdapter implements BackendMessageHandler {
    private static final Logger log = LoggerFactory.getLogger(PgConnection.class);
    /** Flush early when this much is buffered, so huge pipelines stream instead of piling up. */
    private static final int FLUSH_THRESHOLD = 64 * 1024;

    private final ConnectionConfig config;
    private final HostPort host;
    private final Shard shard;
    private final TypeRegistry types;
    private final PreparedStatements statements;
    private final ArrayDeque<Command> queue = new ArrayDeque<>();
    private final ArrayDeque<Exchange> inflight = new ArrayDeque<>();
    /** In-flight exchanges whose command passed its deadline: answers the server still owes for abandoned work. */
    private int abandonedInFlight;
    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, List<Consumer<PgNotification>>> listeners = new HashMap<>();
    private final List<Consumer<PgNotice>> noticeListeners = new CopyOnWriteArrayList<>();
    private final Runnable flushTask = this::flushNow;

    private Channel channel;
    private EventLoop loop;
    private StartupHandshake startup;
    private ByteBuf out;
    private boolean flushScheduled;
    private Command writesHeldBy;
    private Exchange cancelTarget;
    private boolean cancelSocketOpen;
    private int processId;
    private byte[] secretKey;
    /** The session's TLS context when it runs over TLS (its cancels do too), else null. */
    private volatile SslContext sessionTls;
    private boolean sessionTlsDirect;
    private volatile char txStatus = 'I';
    private volatile int protocolVersion = ConnectionConfig.PROTOCOL_3_0;
    private volatile String authMechanism = "trust";
    private volatile PgException broken;
    private volatile Thread writableWaiter;
    /** Told once, on the loop, when the connection breaks (the pool's hook). */
    private Runnable brokenHook;
    /** A statement changed session state that a pool must reset before reuse (SET, LISTEN...). */
    private boolean sessionTouched;

    PgConnection(ConnectionConfig config, HostPort host, Shard shard, StartupHandshake startup) {
        this.config = config;
        this.host = host;
        this.shard = shard;
        this.startup = startup;
        this.types = new TypeRegistry(config.codecs());
        this.statements = new PreparedStatements(config.statementCacheSize());
    }

    // ------------------------------------------------------------------ API used by handles (any thread)

    /** Runs {@code sql} with {@code args} on the extended protocol. Any thread. */
    public Future<QueryResult> query(String sql, PreparedQuery prepared, Object[] args, long deadlineNanos) {
        Promise<QueryResult> p = new Promise<>(shard);
        if (args.length > BindMessage.MAX_PARAMETERS) {
            p.fail(new PgException("a statement can have at most 65535 parameters (the protocol's int16 count), got "
                    + args.length));
            return p;
        }
        submit(new QueryCommand(sql, prepared, args, deadlineNanos, p));
        return p;
    }

    /**
     * Starts reading {@code sql} through a portal, {@code chunkSize} rows at a time; the future
     * completes with the stream once the first chunk has arrived. {@code timeoutNanos} (0: none)
     * bounds each wait for a chunk, not the time between them. Any thread.
     */
    public Future<RowStream> stream(String sql, Object[] args, int chunkSize, long timeoutNanos) {
        Promise<QueryResult> first = new Promise<>(shard);
        StreamCommand cmd = new StreamCommand(sql, args, chunkSize, first, timeoutNanos);
        submit(cmd);
        return first.map(chunk -> new PortalRowStream(cmd, chunk));
    }

    /** Runs a multi-statement string on the simple protocol. Any thread. */
    public Future<List<QueryResult>> script(String sql, long deadlineNanos) {
        Promise<List<QueryResult>> p = new Promise<>(shard);
        submit(new ScriptCommand(sql, deadlineNanos, p));
        return p;
    }

    /** Registers a notification handler and sends LISTEN once for the channel. Any thread. */
    public Future<Void> listen(String channelName, Consumer<PgNotification> handler) {
        return shard.submitAsync(() -> {
            List<Consumer<PgNotification>> list = listeners.computeIfAbsent(channelName, k -> new ArrayList<>());
            list.add(handler);
            if (list.size() > 1) {
                return Future.<Void>ready(null);
            }
            return script("LISTEN " + quoteIdent(channelName), 0).map(r -> (Void) null);
        });
    }

    /** Drops the handlers of a channel and sends UNLISTEN. Any thread. */
    public Future<Void> unlisten(String channelName) {
        return shard.submitAsync(() -> {
            listeners.remove(channelName);
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
        submit(cmd);
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

    static String quoteIdent(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Adds a notice listener. Any thread. */
    public void onNotice(Consumer<PgNotice> listener) {
        noticeListeners.add(listener);
    }

    public Shard shard() {
        return shard;
    }

    /** Transaction status from the last ReadyForQuery: I idle, T in a transaction, E failed transaction. */
    public char transactionStatus() {
        return txStatus;
    }

    /** Not null once the connection is unusable. */
    public PgException brokenCause() {
        return broken;
    }

    public boolean isUsable() {
        return broken == null && channel != null && channel.isActive();
    }

    /** A server parameter reported by ParameterStatus (server_version, TimeZone...). Loop only. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    public int processId() {
        return processId;
    }

    /** The protocol version the session runs on, {@code "3.0"} or {@code "3.2"}. Any thread, after login. */
    public String protocolVersion() {
        return ConnectionConfig.protocolName(protocolVersion);
    }

    int protocolVersionNumber() {
        return protocolVersion;
    }

    void protocolVersion(int version) {
        protocolVersion = version;
    }

    /** Length of the cancel key from BackendKeyData (4 on 3.0; PG18 on 3.2 sends 32). Loop only. */
    public int cancelKeyLength() {
        return secretKey == null ? 0 : secretKey.length;
    }

    /**
     * How the login authenticated: {@code trust}, {@code password}, {@code md5},
     * {@code SCRAM-SHA-256} or {@code SCRAM-SHA-256-PLUS}. Any thread, after login.
     */
    public String authMechanism() {
        return authMechanism;
    }

    void authMechanism(String mechanism) {
        authMechanism = mechanism;
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
        return cancelTarget != null || abandonedInFlight > 0;
    }

    /** Registers the one callback run on the loop when this connection breaks (for its pool). Loop only. */
    public void onBroken(Runnable hook) {
        if (broken != null) {
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
        return sessionTouched || !listeners.isEmpty() || !noticeListeners.isEmpty();
    }

    /** Forgets the listeners of the previous user; the pool has reset the server side. Loop only. */
    public void resetSessionState() {
        listeners.clear();
        noticeListeners.clear();
        sessionTouched = false;
    }

    /** Sends Terminate and closes. Any thread. */
    public void close() {
        EventLoop l = loop;
        if (l == null) {
            return;
        }
        l.execute(() -> {
            if (channel.isActive()) {
                ByteBuf b = channel.alloc().ioBuffer(5);
                FrontendMessages.terminate(b);
                flushNow();
                channel.writeAndFlush(b).addListener(f -> channel.close());
            }
            markBroken(new PgConnectionException("connection closed by the client"));
        });
    }

    /** Runs {@code task} on the loop: inline when already there. */
    void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** Pauses or resumes reading from the socket (COPY OUT backpressure). Loop only. */
    void autoRead(boolean on) {
        if (channel != null) {
            channel.config().setAutoRead(on);
        }
    }

    /** Sends a CancelRequest for the executing command if it asked for one. Loop only. */
    void requestCancel() {
        maybeSendCancel();
    }

    /** Runs {@code task} on the loop after {@code delayNanos}; nothing once the loop has shut down. Any thread. */
    void schedule(Runnable task, long delayNanos) {
        try {
            loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The pool closed: the connection is gone, and what waited on it has failed with it.
        }
    }

    /**
     * Parks the calling (non-loop) thread while the channel is not writable, so a COPY writer
     * cannot queue more than the write-buffer high-water mark. Returns true at once if the
     * connection broke, false when the channel stayed unwritable for {@code timeoutNanos} (0: no limit).
     */
    boolean awaitWritable(long timeoutNanos) {
        Channel ch = channel;
        long deadline = timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
        try {
            while (!ch.isWritable() && broken == null && ch.isActive()) {
                writableWaiter = Thread.currentThread();
                if (ch.isWritable() || broken != null) {
                    break;
                }
                long park = 50_000_000L; // a belt against a lost wake-up; channelWritabilityChanged unparks us at once
                if (deadline != 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    park = Math.min(park, left);
                }
                LockSupport.parkNanos(this, park);
            }
            return true;
        } finally {
            writableWaiter = null;
        }
    }

    /**
     * A COPY FROM STDIN writer waited past its deadline for the socket to take more: the network or
     * the server stalled with our data half-sent. Nothing can end that COPY cleanly (a CopyFail would
     * queue behind the stuck data, and a server waiting for COPY data does not act on a cancel), so
     * the COPY fails with {@code timeout} and the connection is closed; the server rolls the COPY
     * back when it sees the connection end. Returns what the COPY failed with (the timeout, unless
     * the server's error came first) once that is settled. The writer's thread.
     */
    PgException abandonStuckCopy(CopyInCommand cmd, PgTimeoutException timeout) {
        onLoop(() -> {
            if (!cmd.isDone()) {
                cmd.fail(timeout);
                markBroken(new PgConnectionException("connection to " + host
                        + " closed: COPY FROM STDIN stalled past its deadline"));
            }
        });
        try {
            cmd.done.await(); // fails once the loop ran the above
            return timeout;
        } catch (PgException e) {
            return e;
        }
    }

    /** Times {@code cmd} out (as its deadline would) unless it completes within {@code nanos} (0: never). Any thread. */
    void timeOutAfter(Command cmd, long nanos, String what) {
        if (nanos != 0) {
            schedule(() -> {
                if (!cmd.isDone()) {
                    timeOut(cmd, new PgTimeoutException(what + " took longer than the deadline ("
                            + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms): " + cmd.describe()));
                }
            }, nanos);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        wakeWriter();
        ctx.fireChannelWritabilityChanged();
    }

    private void wakeWriter() {
        Thread w = writableWaiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange e = inflight.peek();
        if (e != null) {
            e.readComplete();
        }
        ctx.fireChannelReadComplete();
    }

    void submit(Command cmd) {
        if (loop.inEventLoop()) {
            enqueue(cmd);
            return;
        }
        PgException b = broken;
        if (b != null) {
            cmd.fail(new PgConnectionException("connection is broken: " + b.getMessage(), b));
            return;
        }
        try {
            loop.execute(() -> enqueue(cmd));
        } catch (RejectedExecutionException e) {
            cmd.fail(new PgConnectionException("connection closed: its event loop has shut down", e));
        }
    }

    // ------------------------------------------------------------------ queue and writes (loop)

    private void enqueue(Command cmd) {
        if (broken != null) {
            cmd.fail(new PgConnectionException("connection is broken: " + broken.getMessage(), broken));
            return;
        }
        if (cmd.deadlineNanos != 0) {
            long delay = cmd.deadlineNanos - System.nanoTime();
            loop.schedule(() -> onDeadline(cmd), Math.max(0, delay), TimeUnit.NANOSECONDS);
        }
        queue.add(cmd);
        drain();
    }

    void requeueFirst(Command cmd) {
        queue.addFirst(cmd);
        drain();
    }

    private void drain() {
        while (writesHeldBy == null && cancelTarget == null && broken == null && !queue.isEmpty()) {
            Command cmd = queue.poll();
            if (cmd.isDone()) {
                continue;
            }
            cmd.write(this);
            if (out != null && out.readableBytes() >= FLUSH_THRESHOLD) {
                flushNow();
            }
        }
    }

    /** The buffer commands write into; flushed once at the end of this event-loop turn. */
    ByteBuf out() {
        if (out == null) {
            out = channel.alloc().ioBuffer(256);
        }
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(flushTask);
        }
        return out;
    }

    private void flushNow() {
        flushScheduled = false;
        ByteBuf b = out;
        out = null;
        if (b != null) {
            if (b.isReadable() && channel.isActive()) {
                channel.writeAndFlush(b, channel.voidPromise());
            } else {
                b.release();
            }
        }
    }

    void sent(Exchange e) {
        inflight.add(e);
        if (e.command().abandoned) {
            abandonedInFlight++;
        }
    }

    /** Takes the oldest in-flight exchange off the queue, keeping the abandoned count. */
    private Exchange answered() {
        Exchange e = inflight.poll();
        if (e != null && e.command().abandoned) {
            abandonedInFlight--;
        }
        return e;
    }

    void holdWritesFor(Command cmd) {
        writesHeldBy = cmd;
    }

    void releaseWrites(Command cmd) {
        if (writesHeldBy == cmd) {
            writesHeldBy = null;
        }
        drain();
    }

    PreparedStatements statements() {
        return statements;
    }

    TypeRegistry types() {
        return types;
    }

    // ------------------------------------------------------------------ deadlines and cancel (loop)

    private void onDeadline(Command cmd) {
        if (cmd.isDone() || !cmd.deadlineApplies()) {
            return;
        }
        timeOut(cmd, new PgTimeoutException("deadline passed before the statement completed: " + cmd.describe()));
    }

    /**
     * Fails {@code cmd} with {@code timeout}; if it was written already, its answers are discarded
     * from now on and the server is sent a CancelRequest for it. Loop only.
     */
    void timeOut(Command cmd, PgTimeoutException timeout) {
        if (queue.remove(cmd)) {
            cmd.fail(timeout);
            return;
        }
        if (!cmd.abandoned) {
            cmd.abandoned = true;
            for (Exchange e : inflight) {
                if (e.command() == cmd) {
                    abandonedInFlight++;
                }
            }
        }
        cmd.fail(timeout);
        cmd.cancelWanted = true;
        maybeSendCancel();
    }

    /**
     * Cancels the executing exchange if its command asked for it. Writes stay held until both the
     * cancel connection has closed (the server has signalled the backend) and the target's
     * ReadyForQuery arrived, so a late cancel cannot hit a statement written after it.
     */
    private void maybeSendCancel() {
        Exchange head = inflight.peek();
        if (head == null || cancelTarget != null || !head.command().cancelWanted || secretKey == null) {
            return;
        }
        head.command().cancelWanted = false;
        cancelTarget = head;
        for (Exchange behind : inflight) {
            if (behind.command() != null && behind.command() != head.command()) {
                behind.command().exposedToCancel = true;
            }
        }
        cancelSocketOpen = true;
        CancelSender.send(shard, config, host, sessionTls, sessionTlsDirect, processId, secretKey, () -> {
            cancelSocketOpen = false;
            maybeResumeAfterCancel(null);
        });
    }

    private void maybeResumeAfterCancel(Exchange finished) {
        if (finished != null && finished == cancelTarget) {
            cancelTarget = DONE_MARKER;
        }
        if (cancelTarget == DONE_MARKER && !cancelSocketOpen) {
            cancelTarget = null;
            drain();
        }
    }

    private static final Exchange DONE_MARKER = new Exchange() {
        @Override
        Command command() {
            return null;
        }

        @Override
        void error(PgException error) {
        }

        @Override
        void readyForQuery(PgConnection connection, char status) {
        }

        @Override
        void fail(Throwable cause) {
        }
    };

    // ------------------------------------------------------------------ channel events (loop)

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        loop = channel.eventLoop();
        startup.begin(this, ctx);
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        markBroken(new PgConnectionException("connection to " + host + " closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PgException e = cause instanceof PgException pe ? pe
                : new PgConnectionException("I/O error on connection to " + host + ": " + cause.getMessage(), cause);
        markBroken(e);
        ctx.close();
    }

    private void markBroken(PgException cause) {
        if (broken != null) {
            return;
        }
        broken = cause;
        Runnable hook = brokenHook;
        brokenHook = null;
        if (startup != null) {
            startup.fail(cause);
            startup = null;
        }
        PgConnectionException failure = cause instanceof PgConnectionException pce ? pce
                : new PgConnectionException("connection broken: " + cause.getMessage(), cause);
        Exchange e;
        while ((e = inflight.poll()) != null) {
            e.fail(failure);
        }
        abandonedInFlight = 0;
        Command c;
        while ((c = queue.poll()) != null) {
            c.fail(failure);
        }
        if (writesHeldBy != null) {
            writesHeldBy.fail(failure);
            writesHeldBy = null;
        }
        if (out != null) {
            out.release();
            out = null;
        }
        if (channel != null && channel.isOpen()) {
            channel.close();
        }
        if (channel != null) {
            channel.config().setAutoRead(true);
        }
        wakeWriter();
        if (hook != null) {
            hook.run();
        }
    }

    /** The TLS handshake succeeded: later cancels negotiate TLS the same way. Loop only. */
    void tlsEstablished(SslContext context, boolean direct) {
        sessionTls = context;
        sessionTlsDirect = direct;
    }

    /** True when the session runs over TLS. Any thread, after login. */
    public boolean usesTls() {
        return sessionTls != null;
    }

    /** Login finished: the handshake hands over. */
    void startupComplete() {
        startup = null;
        drain();
    }

    // ------------------------------------------------------------------ backend messages (loop)

    @Override
    public void sslResponse(byte answer, boolean moreBytesBuffered) {
        if (startup != null) {
            startup.sslResponse(answer, moreBytesBuffered);
        }
    }

    @Override
    public void authentication(int code, ByteBuf body) {
        if (startup != null) {
            startup.authentication(code, body);
        } else {
            markBroken(new PgConnectionException("unexpected authentication request after login"));
        }
    }

    @Override
    public void backendKeyData(int pid, byte[] key) {
        if (startup != null && !startup.acceptsCancelKey(key)) {
            return;
        }
        processId = pid;
        secretKey = key;
    }

    @Override
    public void parameterStatus(String name, String value) {
        parameters.put(name, value);
        if (name.equals("client_encoding") && !value.equalsIgnoreCase("UTF8")) {
            markBroken(new PgConnectionException("the server set client_encoding to " + value
                    + "; this driver only speaks UTF8, so the connection is closed"));
        } else if (name.equals("DateStyle") && !value.startsWith("ISO")) {
            markBroken(new PgConnectionException("the server set DateStyle to " + value
                    + "; this driver needs ISO, so the connection is closed"));
        }
    }

    @Override
    public void negotiateProtocolVersion(int newestVersion, List<String> unsupportedOptions) {
        log.debug("{} answered NegotiateProtocolVersion {} (unsupported options {})", host,
                ConnectionConfig.protocolName(newestVersion), unsupportedOptions);
        if (startup != null) {
            startup.negotiateProtocolVersion(newestVersion, unsupportedOptions);
        } else {
            markBroken(new PgConnectionException("protocol error: NegotiateProtocolVersion after login"));
        }
    }

    @Override
    public void readyForQuery(char status) {
        txStatus = status;
        if (startup != null) {
            startup.readyForQuery(status);
            return;
        }
        Exchange e = answered();
        if (e == null) {
            markBroken(new PgConnectionException("protocol error: ReadyForQuery with nothing in flight"));
            return;
        }
        e.readyForQuery(this, status);
        if (cancelTarget != null) {
            maybeResumeAfterCancel(e);
        }
        maybeSendCancel();
        drain();
    }

    @Override
    public void rowDescription(String[] names, int[] oids) {
        Exchange e = inflight.peek();
        if (e != null) {
            e.rowDescription(names, oids);
        }
    }

    @Override
    public void dataRow(ByteBuf buffer, int start, int length) {
        Exchange e = inflight.peek();
        if (e != null) {
            e.dataRow(buffer, start, length);
        }
    }

    @Override
    public void commandComplete(String tag) {
        char c0 = tag.isEmpty() ? ' ' : tag.charAt(0);
        if (c0 == 'D' || c0 == 'L' || c0 == 'R' || (c0 == 'S' && tag.length() == 3)) {
            noteSessionCommand(tag);
        }
        Exchange e = inflight.peek();
        if (e != null) {
            e.commandComplete(tag);
        }
    }

    /** Only for tags that may be one of these (the caller filters on the first letter: SELECT/INSERT stay cheap). */
    private void noteSessionCommand(String tag) {
        switch (tag) {
            case "DISCARD ALL", "DEALLOCATE ALL" -> statements.clearAll();
            case "SET", "RESET", "LISTEN", "DECLARE CURSOR" -> sessionTouched = true;
            default -> { }
        }
    }

    @Override
    public void emptyQueryResponse() {
        Exchange e = inflight.peek();
        if (e != null) {
            e.emptyQuery();
        }
    }

    @Override
    public void errorResponse(Map<Character, String> fields) {
        PgException error = ServerErrors.toException(fields);
        if (startup != null) {
            startup.error(error);
            return;
        }
        String severity = fields.getOrDefault('V', fields.getOrDefault('S', "ERROR"));
        boolean fatal = severity.equals("FATAL") || severity.equals("PANIC");
        Exchange e = inflight.peek();
        if (e != null) {
            e.error(error);
        }
        if (fatal) {
            // The server ends the session after a FATAL (57P01 admin shutdown, 57P05 idle timeout, 25P03...).
            // Broken first, then the caller's failure: a caller that sees it and gives the handle back
            // off the loop must find the connection unusable, or the pool would idle it.
            log.warn("connection to {} terminated by the server: {}", host, error.getMessage());
            if (e != null) {
                answered();
            }
            markBroken(error instanceof PgConnectionException ? error
                    : new PgConnectionException(error.getMessage(), null, fields));
            if (e != null) {
                e.fail(error);
            }
        } else if (e == null) {
            log.warn("error from {} with no command in flight: {}", host, error.getMessage());
        }
    }

    @Override
    public void noticeResponse(Map<Character, String> fields) {
        PgNotice notice = new PgNotice(fields.getOrDefault('V', fields.get('S')), fields.get('C'), fields.get('M'),
                Map.copyOf(fields));
        log.info("server notice {} {}: {}", notice.severity(), notice.code(), notice.message());
        for (Consumer<PgNotice> l : noticeListeners) {
            try {
                l.accept(notice);
            } catch (RuntimeException ex) {
                log.warn("notice listener failed", ex);
            }
        }
    }

    @Override
    public void notification(int pid, String channelName, String payload) {
        List<Consumer<PgNotification>> list = listeners.get(channelName);
        if (list == null) {
            return;
        }
        PgNotification n = new PgNotification(pid, channelName, payload);
        for (Consumer<PgNotification> l : List.copyOf(list)) {
            try {
                l.accept(n);
            } catch (RuntimeException ex) {
                log.warn("notification handler for {} failed", channelName, ex);
            }
        }
    }

    @Override
    public void parseComplete() {
        Exchange e = inflight.peek();
        if (e != null) {
            e.parseComplete();
        }
    }

    @Override
    public void bindComplete() {
        Exchange e = inflight.peek();
        if (e != null) {
            e.bindComplete();
        }
    }

    @Override
    public void closeComplete() {
        // Close of an evicted statement rides ahead of a Parse; nothing waits for it.
    }

    @Override
    public void noData() {
        Exchange e = inflight.peek();
        if (e != null) {
            e.noData();
        }
    }

    @Override
    public void portalSuspended() {
        Exchange e = inflight.peek();
        if (e != null) {
            e.portalSuspended();
        }
    }

    @Override
    public void parameterDescription(int[] oids) {
        Exchange e = inflight.peek();
        if (e != null) {
            e.parameterDescription(oids);
        }
    }

    @Override
    public void copyInResponse(boolean binary) {
        Exchange e = inflight.peek();
        if (e == null || !e.copyInResponse(this, binary)) {
            // A COPY FROM STDIN run through exec() or script(): refuse it so the server errors out
            // instead of waiting for data forever. In copy-in mode the server ignored the Sync we
            // sent, so the extended protocol needs a new one (55.2.6).
            ByteBuf b = out();
            FrontendMessages.copyFail(b, "COPY FROM STDIN needs Pg.copyIn()");
            if (e != null && e.extendedProtocol()) {
                FrontendMessages.sync(b);
            }
        }
    }

    @Override
    public void copyOutResponse(boolean binary) {
        Exchange e = inflight.peek();
        if (e != null) {
            e.copyOutResponse(binary);
        }
    }

    @Override
    public void copyData(ByteBuf data) {
        Exchange e = inflight.peek();
        if (e != null) {
            e.copyData(data);
        } else {
            data.release();
        }
    }

    @Override
    public void copyDone() {
        Exchange e = inflight.peek();
        if (e != null) {
            e.copyDone();
        }
    }

    @Override
    public void unexpected(char type, ByteBuf body) {
        markBroken(new PgConnectionException("protocol error: unexpected backend message '" + type + "'"));
    }

    @Override
    public String toString() {
        return "PgConnection[" + host + ", pid " + processId + ", shard " + shard.id() + "]";
    }
}
