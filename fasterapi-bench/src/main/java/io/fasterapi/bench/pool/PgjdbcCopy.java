package io.fasterapi.bench.pool;

import io.fasterapi.bench.driver.Dsn;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** pgjdbc's {@link CopyManager} on one plain connection, reading the file with a 64 KiB buffer. */
final class PgjdbcCopy implements CopyPeer {
    private static final int BUFFER = 64 * 1024;
    private final Connection connection;
    private final CopyManager copy;

    PgjdbcCopy(Dsn dsn) throws SQLException {
        connection = DriverManager.getConnection(dsn.jdbcUrl(), dsn.jdbcProperties());
        copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    @Override
    public String name() {
        return "pgjdbc CopyManager";
    }


    @Override
    public void copyIn(Path csv) throws Exception {
        try (InputStream in = Files.newInputStream(csv)) {
            copy.copyIn(CopyTable.COPY_IN_SQL, in, BUFFER);
        }
    }

    /** Returns -1: CopyManager counts rows, not bytes. */
    @Override
    public long copyOut() throws Exception {
        copy.copyOut(CopyTable.COPY_OUT_SQL, OutputStream.nullOutputStream());
        return -1;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
