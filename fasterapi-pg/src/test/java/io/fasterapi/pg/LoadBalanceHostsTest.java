package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code load_balance_hosts} as libpq 16 has it: {@code random} tries a DSN's hosts in an order shuffled
 * per connection, so a pool's connections spread over them; {@code disable} (the default) tries them in
 * order. Two proxies in front of the one test server stand for two hosts and count what reaches them.
 */
class LoadBalanceHostsTest {
    private static final int CONNECTIONS = 20;

    /** Opens {@link #CONNECTIONS} connections at once through a DSN naming both proxies; returns how many each got. */
    private static int[] spread(String options) throws Exception {
        String base = TestPostgres.dsn();
        try (FaultProxy a = new FaultProxy(base); FaultProxy b = new FaultProxy(base)) {
            String viaA = a.dsn(base);
            String hostA = viaA.substring(viaA.indexOf('@') + 1, viaA.indexOf('/', viaA.indexOf('@')));
            String hostB = b.dsn(base).substring(b.dsn(base).indexOf('@') + 1, b.dsn(base).indexOf('/', b.dsn(base).indexOf('@')));
            String both = viaA.replace("@" + hostA, "@" + hostA + "," + hostB);
            String dsn = both + (both.contains("?") ? "&" : "?") + options;
            try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(CONNECTIONS).build()) {
                List<Pg> held = new ArrayList<>();
                try {
                    for (int i = 0; i < CONNECTIONS; i++) {
                        Pg pg = pool.get();
                        held.add(pg);
                        assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
                    }
                } finally {
                    held.forEach(Pg::close);
                }
            }
            return new int[] {a.connections.get(), b.connections.get()};
        }
    }

    @Test
    void randomSpreadsAPoolsConnectionsOverTheHosts() throws Exception {
        int[] got = spread("load_balance_hosts=random");
        assertThat(got[0] + got[1]).isEqualTo(CONNECTIONS);
        // Each connection picks its first host at random: all 20 on one host has odds of 2 in a million.
        assertThat(got[0]).as("connections to the first host").isBetween(1, CONNECTIONS - 1);
        assertThat(got[1]).as("connections to the second host").isBetween(1, CONNECTIONS - 1);
    }

    @Test
    void disableTriesTheHostsInOrder() throws Exception {
        assertThat(spread("load_balance_hosts=disable")).containsExactly(CONNECTIONS, 0);
        assertThat(spread("connect_timeout=5")).containsExactly(CONNECTIONS, 0);
    }

    @Test
    void anyOtherValueIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> PgPool.builder(TestPostgres.dsn() + (TestPostgres.dsn().contains("?") ? "&" : "?")
                + "load_balance_hosts=round-robin").build())
                .isInstanceOf(PgException.class).hasMessageContaining("load_balance_hosts");
    }
}
