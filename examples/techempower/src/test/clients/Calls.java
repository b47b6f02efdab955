import client.ApiClient;
import client.api.DefaultApi;
import client.model.World;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Calls every TechEmpower test route through the java client (library "native") generated from the
 * app's /openapi.json; scripts/openapi-clients.sh compiles and runs it. Exits 1 on the first answer
 * that is not what the document promises. Argument: the server's base URL.
 */
public final class Calls {
    public static void main(String[] args) throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(args[0]);
        DefaultApi api = new DefaultApi(client);
        try {
            check(api.getPlaintext().equals("Hello, World!"), "GET /plaintext is text");
            check(api.getJson().getMessage().equals("Hello, World!"), "GET /json");
            check(isWorld(api.getDb()), "GET /db");
            check(isWorld(api.getDbBlocking()), "GET /db-blocking");
            check(isWorld(api.getDbSession()), "GET /db-session");
            List<World> worlds = api.getQueries();
            check(worlds.size() == 1 && worlds.stream().allMatch(Calls::isWorld), "GET /queries");
            check(api.getQueriesBlocking().stream().allMatch(Calls::isWorld), "GET /queries-blocking");
            check(api.getUpdates().stream().allMatch(Calls::isWorld), "GET /updates");
            check(api.getQueriesPipelined().stream().allMatch(Calls::isWorld), "GET /queries-pipelined");
            check(isWorld(api.dbDbAnnotatedGet()), "GET /db-annotated");
            List<World> three = api.queriesQueriesAnnotatedGet("3");
            check(three.size() == 3 && three.stream().allMatch(Calls::isWorld), "GET /queries-annotated?queries=3");
            // The native library reads a String answer as JSON unless it is text/plain (its template's
            // x-java-text-plain-string), so the HTML page is fetched with the client's own HttpClient.
            for (String path : List.of("/fortunes", "/fortunes-blocking", "/fortunes-annotated")) {
                HttpResponse<String> page = client.getHttpClient().send(
                        HttpRequest.newBuilder(URI.create(client.getBaseUri() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                check(page.headers().firstValue("content-type").orElse("").startsWith("text/html")
                        && page.body().contains("Additional fortune added at request time."), "GET " + path + " is HTML");
            }
        } catch (AssertionError | client.ApiException e) {
            System.err.println(e instanceof client.ApiException a ? "HTTP " + a.getCode() + ": " + a.getResponseBody()
                    : e.getMessage());
            System.exit(1);
        }
        System.out.println("java client: every route answered as documented");
    }

    private static boolean isWorld(World w) {
        return w.getId() >= 1 && w.getId() <= 10000 && w.getRandomNumber() != null;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("not as documented: " + what);
        }
    }
}
