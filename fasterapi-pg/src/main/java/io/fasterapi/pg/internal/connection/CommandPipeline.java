package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.fasterapi.pg.internal.protocol.PipelineMessageHandler;
import io.fasterapi.pg.internal.protocol.ServerErrors;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's queue of commands and its FIFO of in-flight exchanges: commands wait in
 * {@link #queue} until their turn, write their messages into one outgoing buffer flushed once per
 * event-loop turn, and hand over the {@link Exchange} that awaits each answer; answers go to the
 * oldest exchange in flight, and each ReadyForQuery ends it. The login is the first command.
 *
 * <p>Pipelining: commands are written as they arrive (each ended by its own Sync), so many can be
 * in flight at once. Netty keeps reading while we write, so a long pipeline cannot deadlock.
 * Writing stops while a command holds the writes (a statement being prepared, an open portal, a
 * COPY: until its exchange ends, so later commands stay behind it), while a cancel is in flight
 * ({@link Cancellation}), and for good once the connection breaks.
 *
 * <p>Thread ownership: confined to the connection's event loop; {@link #submit} may be called from
 * any thread and hops to the loop.
 */
final class CommandPipeline implements PipelineMessageHandler {
    private static final Logger log = LoggerFactory.getLogger(PgConnection.class);
    /** Flush early when this much is buffered, so huge pipelines stream instead of piling up. */
    static final int FLUSH_THRESHOLD = 64 * 1024;

    private final PgConnection connection;
    private final SessionState session;
    private final Cancellation cancellation;
    private final ArrayDeque<Command> queue = new ArrayDeque<>();
    private final ArrayDeque<Exchange> inflight = new ArrayDeque<>();
    /** In-flight exchanges whose command passed its deadline: answers the server still owes for abandoned work. */
    private int abandonedInFlight;
    private final Runnable flushTask = this::flushNow;
    private Channel channel;
    private EventLoop loop;
    private ByteBuf out;
    private boolean flushScheduled;
    private Command writesHeldBy;
    /**
     * Behind a pooler in transaction mode, one unit (up to its Sync) at a time: PgBouncer before 1.21
     * releases the server connection at the first idle ReadyForQuery it reads, and drops the answers to
     * units pipelined behind it ("got packet from server when not linked"), so the caller would wait
     * until its deadline.
     */
    private final boolean oneUnitAtATime;

    /** @param login the first command, written as soon as the channel is active */
    CommandPipeline(PgConnection connection, SessionState session, Cancellation cancellation, Command login) {
        this.connection = connection;
        this.session = session;
        this.cancellation = cancellation;
        this.oneUnitAtATime = connection.behindTransactionPooler();
        queue.add(login);
    }

    /** The exchanges in flight, oldest first, for the decoder to hand answers to the head. */
    ArrayDeque<Exchange> inflight() {
        return inflight;
    }

    /** The channel is active: writes the login. Loop. */
    void start(Channel active) {
        channel = active;
        loop = active.eventLoop();
        drain();
    }

    // ------------------------------------------------------------------ commands in

    /** Queues {@code cmd} on the loop. Any thread. */
    void submit(Command cmd) {
        if (loop.inEventLoop()) {
            enqueue(cmd);
            return;
        }
        PgException b = connection.brokenCause();
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

    private void enqueue(Command cmd) {
        PgException b = connection.brokenCause();
        if (b != null) {
            cmd.fail(new PgConnectionException("connection is broken: " + b.getMessage(), b));
            return;
        }
        cancellation.watchDeadline(cmd);
        queue.add(cmd);
        drain();
    }

    /** Queues {@code cmd} to run again, before anything else. */
    void requeueFirst(Command cmd) {
        queue.addFirst(cmd);
        drain();
    }

    /** Takes {@code cmd} out of the queue if it is still waiting there (not written). */
    boolean unqueue(Command cmd) {
        return queue.remove(cmd);
    }

    /** Writes waiting commands until one holds the writes, a cancel is in flight or the queue is empty. */
    void drain() {
        while (writesHeldBy == null && !cancellation.holdsWrites() && !connection.isBroken() && !queue.isEmpty()
                && !(oneUnitAtATime && !inflight.isEmpty())) {
            Command cmd = queue.poll();
            if (cmd.isDone()) {
                continue;
            }
            cmd.write(connection);
            if (out != null && out.readableBytes() >= FLUSH_THRESHOLD) {
                flushNow();
            }
        }
    }

    /** Keeps later commands back until {@link #releaseWrites} (their messages must follow {@code cmd}'s). */
    void holdWritesFor(Command cmd) {
        writesHeldBy = cmd;
    }

    /** Ends {@code cmd}'s hold without draining: for a command inside its own write, whose caller drains. */
    void endHold(Command cmd) {
        if (writesHeldBy == cmd) {
            writesHeldBy = null;
        }
    }

    void releaseWrites(Command cmd) {
        if (writesHeldBy == cmd) {
            writesHeldBy = null;
        }
        drain();
    }

    // ------------------------------------------------------------------ writes out

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

    /**
     * Flushes what is buffered now and runs {@code next} in a later turn of the loop once the socket
     * has taken it: a writer of many chunks (a batch) keeps one chunk in Netty's buffer at a time. If
     * the write fails, the connection breaks (failing the writer with everything else) and {@code next}
     * never runs.
     */
    void flushThen(Runnable next) {
        flushScheduled = false;
        ByteBuf b = out;
        out = null;
        if (b == null || !b.isReadable()) {
            if (b != null) {
                b.release();
            }
            loop.execute(next);
        } else if (channel.isActive()) {
            channel.writeAndFlush(b).addListener(f -> {
                if (f.isSuccess()) {
                    loop.execute(next);
                } else {
                    connection.breakWith(new PgConnectionException("I/O error writing to " + connection.host() + ": "
                            + f.cause().getMessage(), f.cause()));
                }
            });
        } else {
            b.release();
        }
    }

    /** Flushes what is buffered, then sends Terminate and closes the channel once it is written. */
    void terminate() {
        ByteBuf b = channel.alloc().ioBuffer(5);
        FrontendMessages.terminate(b);
        flushNow();
        channel.writeAndFlush(b).addListener(f -> channel.close());
    }

    // ------------------------------------------------------------------ exchanges in flight

    /** {@code e}'s messages are written: its answers are next after those of the exchanges before it. */
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

    /**
     * Takes {@code e}, the head, off the queue without a ReadyForQuery: an unnamed statement's Prepare
     * whose unit goes on with the Execute it sends next (its Bind/Execute/Sync), which takes over the answers.
     */
    void retire(Exchange e) {
        if (inflight.peek() == e) {
            answered();
        }
    }

    /** The exchange that the next answer belongs to, or null. */
    Exchange head() {
        return inflight.peek();
    }

    /** {@code cmd} passed its deadline: the answers to its exchanges in flight are owed for abandoned work. */
    void abandon(Command cmd) {
        if (cmd.abandoned) {
            return;
        }
        cmd.abandoned = true;
        for (Exchange e : inflight) {
            if (e.command() == cmd) {
                abandonedInFlight++;
            }
        }
    }

    /** A CancelRequest goes out for {@code target}: every statement on the wire behind it is exposed to it. */
    void exposeToCancel(Command target) {
        for (Exchange behind : inflight) {
            if (behind.command() != null && behind.command() != target) {
                behind.command().exposedToCancel = true;
            }
        }
    }

    /** Answers are still owed for statements that passed their deadline. */
    boolean owesAbandonedAnswers() {
        return abandonedInFlight > 0;
    }

    /** The socket read that delivered the last messages is over. */
    void readComplete() {
        Exchange e = inflight.peek();
        if (e != null) {
            e.readComplete();
        }
    }

    /** The connection broke: fails every exchange in flight and every command waiting, drops unsent bytes. */
    void failAll(PgConnectionException failure) {
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
    }

    // ------------------------------------------------------------------ messages that move the queue on

    @Override
    public void readyForQuery(char status) {
        session.transactionStatus(status);
        Exchange e = answered();
        if (e == null) {
            connection.breakWith(new PgConnectionException("protocol error: ReadyForQuery with nothing in flight"));
            return;
        }
        e.readyForQuery(connection, status);
        cancellation.exchangeEnded(e);
        cancellation.sendIfWanted();
        drain();
    }

    @Override
    public void commandComplete(String tag) {
        char c0 = tag.isEmpty() ? ' ' : tag.charAt(0);
        if (c0 == 'D' || c0 == 'L' || c0 == 'R' || (c0 == 'S' && tag.length() == 3)) {
            session.noteCommand(tag);
        }
        Exchange e = inflight.peek();
        if (e != null) {
            e.commandComplete(tag);
        }
    }

    @Override
    public void errorResponse(Map<Character, String> fields) {
        PgException error = ServerErrors.toException(fields);
        Exchange e = inflight.peek();
        if (connection.loggingIn() && e != null) {
            e.error(error); // the login's error is its answer: the login fails and closes the channel
            return;
        }
        String severity = fields.getOrDefault('V', fields.getOrDefault('S', "ERROR"));
        boolean fatal = severity.equals("FATAL") || severity.equals("PANIC");
        if (e != null) {
            e.error(error);
        }
        if (fatal) {
            // The server ends the session after a FATAL (57P01 admin shutdown, 57P05 idle timeout, 25P03...).
            // Broken first, then the caller's failure: a caller that sees it and gives the handle back
            // off the loop must find the connection unusable, or the pool would idle it.
            log.warn("connection to {} terminated by the server: {}", connection.host(), error.getMessage());
            if (e != null) {
                answered();
            }
            connection.breakWith(error instanceof PgConnectionException ? error
                    : new PgConnectionException(error.getMessage(), null, fields));
            if (e != null) {
                e.fail(error);
            }
        } else if (e == null) {
            log.warn("error from {} with no command in flight: {}", connection.host(), error.getMessage());
        }
    }

    @Override
    public void copyInResponse(boolean binary) {
        Exchange e = inflight.peek();
        if (e == null || !e.copyInResponse(connection, binary)) {
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
    public void unexpected(char type, ByteBuf body) {
        connection.breakWith(new PgConnectionException("protocol error: unexpected backend message '" + type + "'"));
    }
}
