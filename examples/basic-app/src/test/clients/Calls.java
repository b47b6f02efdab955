import client.ApiClient;
import client.ApiException;
import client.api.MiscApi;
import client.api.ShopApi;
import client.model.HTTPValidationError;
import client.model.Item;
import client.model.ItemCreate;
import client.model.Message;
import client.model.Purchase;
import client.model.Summary;
import client.model.User;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Calls every route of the example app through the java client (library "native") generated from its
 * /openapi.json; scripts/openapi-clients.sh compiles and runs it. Exits 1 on the first answer that is
 * not what the document promises. Argument: the server's base URL.
 */
public final class Calls {
    private static ApiClient api;

    public static void main(String[] args) throws Exception {
        api = new ApiClient();
        api.updateBaseUri(args[0]);
        ShopApi shop = new ShopApi(api);
        MiscApi misc = new MiscApi(api);
        try {
            run(shop, misc);
        } catch (AssertionError | ApiException e) {
            System.err.println(e instanceof ApiException a ? "HTTP " + a.getCode() + ": " + a.getResponseBody()
                    : e.getMessage());
            System.exit(1);
        }
        System.out.println("java client: every route answered as documented");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("not as documented: " + what);
        }
    }

    private interface Call {
        void run() throws ApiException;
    }

    /** The error {@code call} must fail with. */
    private static ApiException failure(Call call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("the call succeeded; an error was expected");
    }

    private static <T> T body(ApiException e, Class<T> type) throws Exception {
        return api.getObjectMapper().readValue(e.getResponseBody(), type);
    }

    private static void run(ShopApi shop, MiscApi misc) throws Exception {
        check(((Map<?, ?>) misc.getHello()).get("message").equals("hello"), "GET /hello");
        check(String.valueOf(((Map<?, ?>) misc.getDbVersion()).get("version")).startsWith("PostgreSQL"),
                "GET /db/version");

        Item created = shop.createItemsPost(new ItemCreate().name("Java").price(4.75));
        check(created.getId() > 0 && created.getName().equals("Java"), "POST /items answers the Item with its id");
        check(shop.getItemItemsItemIdGet(created.getId()).getPrice() == 4.75, "GET /items/{itemId}");

        ApiException missing = failure(() -> shop.getItemItemsItemIdGet(999999));
        check(missing.getCode() == 404 && body(missing, Message.class).getDetail().equals("Item not found"),
                "a 404's body is the declared Message");
        ApiException invalid = failure(() -> shop.createItemsPost(new ItemCreate().name("").price(-1.0)));
        check(invalid.getCode() == 422 && body(invalid, HTTPValidationError.class).getDetail().size() == 2,
                "a 422's body is an HTTPValidationError");

        // The native library writes any non-multipart body with Jackson, a File as its path in quotes, so
        // the streamed CSV upload is sent with the client's own HttpClient, as the document describes it
        // (text/csv, binary), and its answer read as the documented map.
        HttpResponse<String> bulk = api.getHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.getBaseUri() + "/items/bulk")).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString("Gamma,3.00\nDelta,4.00\nEpsilon,5.00\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        check(bulk.statusCode() == 200 && api.getObjectMapper().readValue(bulk.body(), Map.class).get("rows")
                .equals(3), "POST /items/bulk");

        Purchase bought = shop.purchasePurchasePost(1, 1);
        check(bought.getOk() && bought.getRemaining() >= 0, "POST /purchase");
        ApiException conflict = null;
        for (int i = 0; i < 12 && conflict == null; i++) {
            try {
                shop.purchasePurchasePost(1, 3);
            } catch (ApiException e) {
                conflict = e;
            }
        }
        check(conflict != null && conflict.getCode() == 409
                && body(conflict, Message.class).getDetail().equals("out_of_stock"),
                "a 409's body is the declared Message");

        // The generator's native library reads a String answer as JSON unless it is text/plain (its
        // template's x-java-text-plain-string), so the CSV download is fetched with the client's own
        // HttpClient and base URI; the document says text/csv, which is what arrives.
        HttpResponse<String> csv = api.getHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.getBaseUri() + "/items.csv")).build(),
                HttpResponse.BodyHandlers.ofString());
        check(csv.statusCode() == 200 && csv.headers().firstValue("content-type").orElse("").startsWith("text/csv")
                && csv.body().startsWith("id,name,price\n") && csv.body().contains(",Java,4.75"), "GET /items.csv");

        User user = shop.userUserIdGet(1);
        check(user.getName().equals("Ada"), "GET /user/{id}");
        ApiException noUser = failure(() -> shop.userUserIdGet(999999));
        check(noUser.getCode() == 404 && body(noUser, Message.class).getDetail().equals("User not found"),
                "GET /user/{id} 404");
        Summary summary = shop.summarySummaryGet(1);
        check(summary.getUser().getId() == 1 && !summary.getOrders().isEmpty(), "GET /summary");
        check(((Number) shop.fastFastGet().get("items")).intValue() >= 5, "GET /fast");
    }
}
