// Calls every TechEmpower test route through the typescript-fetch client generated from the app's
// /openapi.json (scripts/openapi-clients.sh compiles this with tsc --strict); exits 1 on the first
// answer that is not what the document promises. Argument: the server's base URL.
import { Configuration, DefaultApi, World } from "./client";

// Node's process, declared here rather than through @types/node: the driver needs only these two.
declare const process: { argv: string[]; exit(code: number): never };

const api = new DefaultApi(new Configuration({ basePath: process.argv[2] }));

function check(ok: boolean, what: string): void {
    if (!ok) {
        throw new Error("not as documented: " + what);
    }
}

function isWorld(w: World): boolean {
    return Number.isInteger(w.id) && w.id >= 1 && w.id <= 10000 && Number.isInteger(w.randomNumber);
}

async function main(): Promise<void> {
    check((await api.getPlaintext()) === "Hello, World!", "GET /plaintext is text");
    check((await api.getJson()).message === "Hello, World!", "GET /json");
    check(isWorld(await api.getDb()), "GET /db");
    check(isWorld(await api.getDbBlocking()), "GET /db-blocking");
    check(isWorld(await api.getDbSession()), "GET /db-session");
    const worlds: World[] = await api.getQueries();
    check(worlds.length === 1 && worlds.every(isWorld), "GET /queries");
    check((await api.getQueriesBlocking()).every(isWorld), "GET /queries-blocking");
    check((await api.getUpdates()).every(isWorld), "GET /updates");
    check((await api.getQueriesPipelined()).every(isWorld), "GET /queries-pipelined");
    check(isWorld(await api.dbDbAnnotatedGet()), "GET /db-annotated");
    const three: World[] = await api.queriesQueriesAnnotatedGet({ queries: "3" });
    check(three.length === 3 && three.every(isWorld), "GET /queries-annotated?queries=3");
    const pages: string[] = [await api.getFortunes(), await api.getFortunesBlocking(),
        await api.fortunesFortunesAnnotatedGet()];
    check(pages.every(page => page.startsWith("<!DOCTYPE html>")
        && page.includes("Additional fortune added at request time.")), "GET /fortunes(-blocking, -annotated) is HTML text");
    console.log("typescript-fetch client: every route answered as documented");
}

main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
