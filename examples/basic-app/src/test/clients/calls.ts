// Calls every route of the example app through the typescript-fetch client generated from its
// /openapi.json (scripts/openapi-clients.sh compiles this with tsc --strict); exits 1 on the first
// answer that is not what the document promises. Argument: the server's base URL.
import {
    Configuration, HTTPValidationErrorFromJSON, Item, MessageFromJSON, MiscApi, ResponseError, ShopApi,
} from "./client";

// Node's process, declared here rather than through @types/node: the driver needs only these two.
declare const process: { argv: string[]; exit(code: number): never };

const config = new Configuration({ basePath: process.argv[2] });
const shop = new ShopApi(config);
const misc = new MiscApi(config);

function check(ok: boolean, what: string): void {
    if (!ok) {
        throw new Error("not as documented: " + what);
    }
}

/** The status and body of the error `call` must fail with. */
async function failure(call: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
    try {
        await call();
    } catch (e) {
        if (e instanceof ResponseError) {
            return { status: e.response.status, body: await e.response.json() };
        }
        throw e;
    }
    throw new Error("the call succeeded; an error was expected");
}

async function main(): Promise<void> {
    const hello = await misc.getHello();
    check(hello.message === "hello", "GET /hello");
    const version = await misc.getDbVersion();
    check(String(version.version).startsWith("PostgreSQL"), "GET /db/version");

    const created: Item = await shop.createItemsPost({ itemCreate: { name: "Typed", price: 2.5 } });
    check(created.id > 0 && created.name === "Typed" && created.price === 2.5, "POST /items answers the Item with its id");
    const read = await shop.getItemItemsItemIdGet({ itemId: created.id });
    check(read.id === created.id && read.name === "Typed", "GET /items/{itemId}");

    const missing = await failure(() => shop.getItemItemsItemIdGet({ itemId: 999999 }));
    check(missing.status === 404 && MessageFromJSON(missing.body).detail === "Item not found",
        "a 404's body is the declared Message");
    const invalid = await failure(() => shop.createItemsPost({ itemCreate: { name: "", price: -1 } }));
    const errors = HTTPValidationErrorFromJSON(invalid.body).detail ?? [];
    check(invalid.status === 422 && errors.length === 2 && errors.every(e => e.loc[0] === "body"),
        "a 422's body is an HTTPValidationError");

    const bulk = await shop.bulkImportItemsBulkPost({ body: new Blob(["Alpha,1.50\nBeta,2.25\n"], { type: "text/csv" }) });
    check(bulk["rows"] === 2, "POST /items/bulk");

    const bought = await shop.purchasePurchasePost({ userId: 1, itemId: 1 });
    check(bought.ok && bought.remaining >= 0, "POST /purchase");
    let conflict = { status: 0, body: {} as unknown };
    for (let i = 0; i < 12 && conflict.status !== 409; i++) {
        try {
            await shop.purchasePurchasePost({ userId: 1, itemId: 2 });
        } catch (e) {
            conflict = { status: (e as ResponseError).response.status, body: await (e as ResponseError).response.json() };
        }
    }
    check(conflict.status === 409 && MessageFromJSON(conflict.body).detail === "out_of_stock",
        "a 409's body is the declared Message");
    const noStock = await failure(() => shop.purchasePurchasePost({ userId: 1, itemId: created.id }));
    check(noStock.status === 404 && MessageFromJSON(noStock.body).detail === "Item not found", "POST /purchase 404");

    const csv: string = await shop.exportItemsCsvGet();
    check(csv.startsWith("id,name,price\n") && csv.includes(",Typed,2.50"), "GET /items.csv is CSV text");

    const user = await shop.userUserIdGet({ id: 1 });
    check(user.id === 1 && user.name === "Ada", "GET /user/{id}");
    const noUser = await failure(() => shop.userUserIdGet({ id: 999999 }));
    check(noUser.status === 404 && MessageFromJSON(noUser.body).detail === "User not found", "GET /user/{id} 404");

    const summary = await shop.summarySummaryGet({ userId: 1 });
    check(summary.user.name === "Ada" && summary.orders.length >= 1 && summary.orders[0].userId === 1,
        "GET /summary");
    const fast = await shop.fastFastGet();
    check(typeof fast["items"] === "number" && fast["items"] >= 5, "GET /fast");
    console.log("typescript-fetch client: every route answered as documented");
}

main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
