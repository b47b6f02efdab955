package io.fasterapi.web.internal.builtin;

import io.fasterapi.core.Future;
import io.fasterapi.web.Response;
import io.fasterapi.web.RouteInfo;
import io.fasterapi.web.internal.dependency.DependencyRegistry;
import io.fasterapi.web.internal.json.JsonMapping;
import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.web.internal.observability.Draining;
import io.fasterapi.web.internal.observability.PrometheusScrape;
import io.fasterapi.web.internal.observability.ReadinessChecks;
import io.fasterapi.web.internal.observability.RequestMetrics;
import io.fasterapi.web.internal.observability.SecretMaskingMeterFilter;
import io.fasterapi.web.internal.openapi.OpenApiGenerator;
import io.fasterapi.web.internal.openapi.OpenApiInfo;
import io.fasterapi.web.internal.openapi.OpenApiTag;
import io.fasterapi.web.internal.openapi.Redoc;
import io.fasterapi.web.internal.openapi.SwaggerUi;
import io.fasterapi.web.internal.router.Endpoint;
import io.fasterapi.web.internal.router.PathTemplate;
import io.fasterapi.web.internal.router.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints every app gets besides its own: {@code /openapi.json}, {@code /docs} and
 * {@code /redoc} (FastAPI's {@code openapi_url}, {@code docs_url} and {@code redoc_url}; null turns
 * one off), {@code /health} (liveness: the
 * process answers, until the server has stopped), {@code /ready} (readiness: every registered check
 * passes, and the server is not stopping) and, with a Prometheus
 * registry, {@code /metrics}. They are left out of the OpenAPI document, as FastAPI leaves out its
 * own, and an app route with the same method and path replaces them.
 *
 * <p>Configured on the app's thread before start; {@link #install} runs once per start.
 */
public final class BuiltinRoutes {
    private static final Logger log = LoggerFactory.getLogger(BuiltinRoutes.class);

    /** The liveness path. */
    public static final String HEALTH_URL = "/health";
    /** The readiness path. */
    public static final String READY_URL = "/ready";
    /** The Prometheus scrape path. */
    public static final String METRICS_URL = "/metrics";

    private OpenApiInfo info = OpenApiInfo.DEFAULT;
    private JsonMapping json = JsonMapping.DECLARED;
    private String openapiUrl = "/openapi.json";
    private String docsUrl = "/docs";
    private String redocUrl = "/redoc";
    private final List<OpenApiTag> tags = new ArrayList<>();
    private MeterRegistry registry;
    private final ReadinessChecks readiness = new ReadinessChecks();

    /** The app's JSON, whose names the document's schemas use. */
    public void json(JsonMapping json) {
        this.json = json;
    }

    /** Sets the document's {@code info}. */
    public void info(OpenApiInfo info) {
        this.info = Objects.requireNonNull(info, "info");
    }

    /** Where the OpenAPI document is served; null serves none (and no docs page either). */
    public void openapiUrl(String url) {
        this.openapiUrl = checkUrl(url);
    }

    /** Where Swagger UI is served; null serves none. */
    public void docsUrl(String url) {
        this.docsUrl = checkUrl(url);
    }

    /** Adds a tag to the document's {@code tags} list; a tag declared twice keeps its first place, last description. */
    public void tag(OpenApiTag tag) {
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).name().equals(tag.name())) {
                tags.set(i, tag);
                return;
            }
        }
        tags.add(tag);
    }

    /** Where ReDoc is served; null serves none. */
    public void redocUrl(String url) {
        this.redocUrl = checkUrl(url);
    }

    /** The registry request timers go to; a password-masking filter is added to it. */
    public void registry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        registry.config().meterFilter(new SecretMaskingMeterFilter());
    }

    /** The readiness checks behind {@code /ready}. */
    public ReadinessChecks readiness() {
        return readiness;
    }

    /**
     * Adds the built-in endpoints to {@code table}: the OpenAPI document of its routes (and of the parameters
     * their {@code dependencies}' registered factories bind; test overrides change requests, not the
     * document, as in FastAPI) is generated on its first request,
     * and returns the request timers of every route (or {@link RequestMetrics#NONE} without a
     * registry). {@code /ready} answers 503 once {@code draining} has begun. Runs at startup, not on a
     * loop.
     */
    public RequestMetrics install(RouteTable table, DependencyRegistry dependencies, Draining draining) {
        List<RouteModel> documented = table.models();
        if (openapiUrl != null) {
            OpenApiInfo documentInfo = info;
            List<OpenApiTag> documentTags = List.copyOf(tags);
            JsonMapping documentJson = json;
            OpenApiDocument document = new OpenApiDocument(() -> OpenApiGenerator.generate(documented, documentInfo,
                    documentTags, dependencies::declaredParametersOf, dependencies::declaredSecuritySchemeOf,
                    documentJson));
            onVirtualThread(table, openapiUrl, () -> Response.bytes(200, "application/json", document.get()));
            SwaggerUi swagger = docsUrl == null ? null : SwaggerUi.find();
            if (swagger != null) {
                String assets = docsUrl.endsWith("/") ? docsUrl.substring(0, docsUrl.length() - 1) : docsUrl;
                onLoop(table, docsUrl, () -> swagger.page(assets, openapiUrl, info.title()));
                for (int i = 0; i < SwaggerUi.ASSETS.size(); i++) {
                    int index = i;
                    onVirtualThread(table, assets + "/" + SwaggerUi.ASSETS.get(i)[0], () -> swagger.asset(index));
                }
            } else if (docsUrl != null) {
                log.warn("org.webjars:swagger-ui is not on the class path: {} is not served", docsUrl);
            }
            installRedoc(table);
        }
        onLoop(table, HEALTH_URL, () -> Response.json(Map.of("status", "ok")));
        readiness.addDatabaseChecks();
        onVirtualThread(table, READY_URL, () -> readiness.answer(draining));
        PrometheusScrape prometheus = PrometheusScrape.find(registry);
        if (prometheus != null) {
            onVirtualThread(table, METRICS_URL, prometheus::scrape);
        }
        return registry == null ? RequestMetrics.NONE : RequestMetrics.create(registry, table.models());
    }

    private void installRedoc(RouteTable table) {
        Redoc redoc = redocUrl == null ? null : Redoc.find();
        if (redoc != null) {
            String base = redocUrl.endsWith("/") ? redocUrl.substring(0, redocUrl.length() - 1) : redocUrl;
            onLoop(table, redocUrl, () -> redoc.page(base, openapiUrl, info.title()));
            onVirtualThread(table, base + "/" + Redoc.SCRIPT, redoc::script);
        } else if (redocUrl != null) {
            log.warn("org.webjars:redoc is not on the class path: {} is not served", redocUrl);
        }
    }

    /** An answer computed without blocking: served straight from the event loop. */
    private static void onLoop(RouteTable table, String path, java.util.function.Supplier<Response> answer) {
        add(table, path, true, request -> Future.ready(answer.get()));
    }

    /** An answer that may block (class path reads, meter walks, readiness checks). */
    private static void onVirtualThread(RouteTable table, String path, java.util.function.Supplier<Response> answer) {
        add(table, path, false, request -> answer.get());
    }

    private static void add(RouteTable table, String path, boolean async, Endpoint.LambdaCall call) {
        PathTemplate template = PathTemplate.parse(path);
        RouteModel model = new RouteModel("GET", template.text(), List.of(), Response.class, 200, List.of(),
                "builtin GET " + path, async, RouteInfo.none().withoutSchema());
        try {
            table.add(template, Endpoint.ofLambda(model, template.variables(), call, new Class<?>[0]));
        } catch (IllegalArgumentException duplicate) {
            log.debug("GET {} is routed by the app; the built-in endpoint is not served", path);
        }
    }

    private static String checkUrl(String url) {
        if (url != null && (!url.startsWith("/") || url.contains("{"))) {
            throw new IllegalArgumentException("a docs URL must be a literal path starting with '/': " + url);
        }
        return url;
    }
}
