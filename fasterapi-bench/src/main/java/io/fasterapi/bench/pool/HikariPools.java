package io.fasterapi.bench.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fasterapi.bench.driver.Dsn;

/** HikariCP over pgjdbc with a fixed number of connections, all opened at start. */
final class HikariPools {
    private HikariPools() {
    }

    static HikariDataSource fixed(Dsn dsn, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dsn.jdbcUrl());
        config.setDataSourceProperties(dsn.jdbcProperties());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("bench-pool-hikari");
        return new HikariDataSource(config);
    }
}
