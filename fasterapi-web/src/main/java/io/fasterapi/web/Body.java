package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to the request body. Records, POJOs and {@code List}s of them are JSON
 * bodies without it; use it to read a simple type ({@code String}, {@code int}...) from a JSON body.
 *
 * <p>A parameter of type {@link java.io.InputStream} (with or without this annotation) is the body
 * <em>as it arrives</em>, never gathered in memory: the route's bodies skip the aggregation (and
 * {@link ServerOptions#maxBodySize()}); {@link ServerOptions#maxStreamedBodySize()} bounds them
 * instead. Only a handler that runs on a virtual thread (does not return a {@code Future}) may take
 * one, since reading blocks until bytes arrive. While the handler reads slower than the client
 * sends, the server stops reading the connection (at most about 128 KiB wait in memory), so the
 * client is slowed down rather than the server filled up. A lambda route gets the same through
 * {@link Request#bodyStream()} when declared with {@link App#postStreaming} (or
 * {@link App#routeStreaming}).
 *
 * {@snippet :
 * @Post("/items/bulk")
 * public Map<String, Long> bulkImport(@Body(mediaType = "text/csv") InputStream csv, Pg pg) {
 *     try (CopyIn pipe = pg.copyIn("COPY items(name, price) FROM STDIN CSV")) {
 *         pipe.from(csv);                       // the body flows into COPY chunk by chunk
 *         return Map.of("rows", pipe.finish());
 *     }
 * }
 * }
 *
 * <p>A handler that returns a {@code Future} (it runs on the event loop and must not block) takes a
 * {@code Flow.Publisher<ByteBuffer>} instead: one subscriber, signalled on the connection's event
 * loop, each buffer a copy of its own; what the subscriber has not requested stays unread, and the
 * server stops reading the socket as for a slow stream reader. {@code cancel()} drops the rest.
 *
 * <p>The stream throws an {@link java.io.IOException} (the publisher signals it to {@code onError})
 * when the body is cut short: the client closed the connection, or the body grew past
 * {@code maxStreamedBodySize} (the request is then answered 413 whatever the handler returns) or
 * broke the chunked encoding (400). What the handler leaves unread when it returns (or closes the
 * stream) is read and dropped, so the connection stays usable. {@link Request#body()} and
 * {@link Request#json} see an empty body on such a route.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Body {
    /**
     * The media type the OpenAPI document gives a streamed ({@code InputStream}) body; default
     * {@code application/octet-stream}. Documentation only: the request's {@code Content-Type} is not
     * checked. Ignored for JSON bodies.
     */
    String mediaType() default "";
}
