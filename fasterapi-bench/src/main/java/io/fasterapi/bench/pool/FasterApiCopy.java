package io.fasterapi.bench.pool;

import io.fasterapi.bench.driver.Dsn;
import io.fasterapi.pg.CopyIn;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import java.io.OutputStream;
import java.nio.file.Path;

/** Our driver: {@code CopyIn.from(Path)} and {@code Pg.copyOut(sql, OutputStream)} on a one-connection pool. */
final class FasterApiCopy implements CopyPeer {
    private final PgPool pool;

    FasterApiCopy(Dsn dsn) {
        pool = PgPool.builder(dsn.url()).threads(1).minSize(1).maxSize(1).build();
    }

    @Override
    public String name() {
        return "fasterapi";
    }


    @Override
    public void copyIn(Path csv) {
        try (Pg pg = pool.get(); CopyIn in = pg.copyIn(CopyTable.COPY_IN_SQL)) {
            in.from(csv);
            in.finish();
        }
    }

    @Override
    public long copyOut() {
        try (Pg pg = pool.get()) {
            return pg.copyOut(CopyTable.COPY_OUT_SQL, OutputStream.nullOutputStream());
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
