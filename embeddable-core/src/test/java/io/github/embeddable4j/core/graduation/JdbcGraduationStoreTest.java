package io.github.embeddable4j.core.graduation;

import static io.github.embeddable4j.core.graduation.WidgetJson.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.EmbeddableConfig;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDBC store on an embedded H2 database on disk, in H2's modes for the databases apps use. */
class JdbcGraduationStoreTest {

    private static final EmbeddableConfig SANDBOX_APP =
            EmbeddableConfig.builder().clientId("sandboxApp1").appServer(AppServer.SANDBOX).build();

    @TempDir
    Path folder;

    /** A new data source on the database file: once every connection is closed, H2 closes the database. */
    private DataSource database(String mode) {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:file:" + folder.resolve("graduation") + mode);
        source.setUser("sa");
        return source;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", ";MODE=MySQL;DATABASE_TO_LOWER=TRUE",
            ";MODE=MSSQLServer", ";MODE=Oracle"})
    void createsItsTableAndCountsSurviveARestart(String mode) throws Exception {
        GraduationTracker before = new GraduationTracker(SANDBOX_APP, new JdbcGraduationStore(database(mode)));
        before.onWidgetEvent(received(messageUpdated("1", "SMS", "Outbound", "Read"), "s"));
        before.onWidgetEvent(received(messageUpdated("1", "SMS", "Outbound", "Read"), "s"));
        before.onWidgetEvent(received(call("rc-call-ring-notify", "w1", "Inbound"), "s"));
        before.onWidgetEvent(received(login(true, true), "s"));
        before.onWidgetEvent(received(login(false, null), "s"));
        GraduationTracker demo = new GraduationTracker(EmbeddableConfig.builder().build(),
                new JdbcGraduationStore(database(mode))); // Oracle stores '' as NULL: the demo app needs a marker
        demo.onWidgetEvent(received(ringOut("r1", "Ringing"), "s"));

        DataSource restarted = database(mode);
        GraduationTracker after = new GraduationTracker(SANDBOX_APP, new JdbcGraduationStore(restarted));
        after.onWidgetEvent(received(messageUpdated("1", "SMS", "Outbound", "Read"), "s"));
        after.onWidgetEvent(received(messageUpdated("2", "SMS", "Outbound", "Read"), "s"));
        GraduationProgress progress = after.progress();
        assertThat(progress.item(GraduationCriterion.SMS_SENT).count()).isEqualTo(2);
        assertThat(progress.item(GraduationCriterion.INBOUND_BROWSER_CALLS).count()).isEqualTo(1);
        assertThat(progress.item(GraduationCriterion.LOGINS_AND_LOGOUTS).count()).isEqualTo(1);
        assertThat(progress.item(GraduationCriterion.RINGOUT_CALLS).count()).isZero();
        assertThat(new GraduationTracker(EmbeddableConfig.builder().build(), new JdbcGraduationStore(restarted))
                .progress().item(GraduationCriterion.RINGOUT_CALLS).count()).isEqualTo(1);
        assertThat(rows(restarted, "SELECT client_id, app_server, counter_name, event_key FROM embeddable4j_graduation"
                + " WHERE counter_name IN ('SMS_SENT', 'RINGOUT_CALLS') ORDER BY event_key")).containsExactly(
                "sandboxApp1|https://platform.devtest.ringcentral.com|SMS_SENT|1",
                "sandboxApp1|https://platform.devtest.ringcentral.com|SMS_SENT|2",
                "#demo|https://platform.ringcentral.com|RINGOUT_CALLS|r1");
    }

    @Test
    void twoAppInstancesCountingAtOnceCountEveryDistinctKeyOnce() throws Exception {
        runTwoInstancesAtOnce(0); // also races the two CREATE TABLEs on the new database
        runTwoInstancesAtOnce(10); // after a restart: 10 more ids, 10 old ones again
        GraduationProgress progress = new GraduationTracker(SANDBOX_APP, new JdbcGraduationStore(database(""))).progress();
        assertThat(progress.item(GraduationCriterion.SMS_SENT).count()).isEqualTo(20);
        assertThat(progress.item(GraduationCriterion.INBOUND_MESSAGES_READ).count()).isEqualTo(20);
        assertThat(progress.item(GraduationCriterion.OUTBOUND_BROWSER_CALLS).count()).isEqualTo(20);
        assertThat(progress.item(GraduationCriterion.RINGOUT_CALLS).count()).isEqualTo(20);
    }

    /** Two instances, each with its own data source, store and tracker, send ids first..first+9 twice over. */
    private void runTwoInstancesAtOnce(int first) throws Exception {
        List<GraduationTracker> instances = List.of(
                new GraduationTracker(SANDBOX_APP, new JdbcGraduationStore(database(""))),
                new GraduationTracker(SANDBOX_APP, new JdbcGraduationStore(database(""))));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                GraduationTracker tracker = instances.get(t % 2);
                int shift = t;
                work.add(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        String id = String.valueOf(first + (i + shift * 3) % 10);
                        tracker.onWidgetEvent(received(messageUpdated("s" + id, "SMS", "Outbound", "Read"), "s"));
                        tracker.onWidgetEvent(received(messageUpdated("r" + id, "VoiceMail", "Inbound", "Read"), "s"));
                        tracker.onWidgetEvent(received(call("rc-call-init-notify", id, "Outbound"), "s"));
                        tracker.onWidgetEvent(received(ringOut(id, "Ringing"), "s"));
                    }
                    return null;
                });
            }
            List<Future<Void>> results = new ArrayList<>();
            work.forEach(w -> results.add(threads.submit(w)));
            start.countDown();
            for (Future<Void> result : results) {
                result.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void losingTheInsertRaceToAnotherInstanceCountsAsAlreadyThere() throws Exception {
        GraduationScope scope = GraduationScope.of(SANDBOX_APP);
        JdbcGraduationStore other = new JdbcGraduationStore(database(""));
        other.record(scope, GraduationCounter.SMS_SENT, "0"); // the table exists
        // between this instance's check and its insert, the other instance inserts the same key
        JdbcGraduationStore store = new JdbcGraduationStore(beforeInsert(database(""),
                () -> other.record(scope, GraduationCounter.SMS_SENT, "1")));
        assertThat(store.record(scope, GraduationCounter.SMS_SENT, "1")).isEqualTo(2);
        assertThat(store.counts(scope)).isEqualTo(Map.of(GraduationCounter.SMS_SENT, 2));
    }

    @Test
    void aCounterKeepsAtMostTheKeyLimit() throws Exception {
        try (Connection keepOpen = database("").getConnection()) { // (not closing the database between records)
            JdbcGraduationStore store = new JdbcGraduationStore(database(""));
            GraduationScope scope = GraduationScope.of(SANDBOX_APP);
            for (int i = 0; i < 30; i++) {
                store.record(scope, GraduationCounter.PRESENCE_CHANGES, "k" + i);
            }
            assertThat(store.counts(scope)).isEqualTo(Map.of(GraduationCounter.PRESENCE_CHANGES, GraduationStore.KEY_LIMIT));
            assertThat(rows(database(""), "SELECT COUNT(*) FROM embeddable4j_graduation")).containsExactly("24");
        }
    }

    @Test
    void worksOnConnectionsWithoutAutoCommit() throws Exception {
        JdbcGraduationStore store = new JdbcGraduationStore(withoutAutoCommit(database("")));
        GraduationScope scope = GraduationScope.of(SANDBOX_APP);
        store.record(scope, GraduationCounter.SMS_SENT, "1");
        store.record(scope, GraduationCounter.SMS_SENT, "1");
        assertThat(new JdbcGraduationStore(database("")).counts(scope)).isEqualTo(Map.of(GraduationCounter.SMS_SENT, 1));
    }

    @Test
    void aCustomTableNameIsUsedAndOnlyPlainIdentifiersAreAccepted() throws Exception {
        JdbcGraduationStore store = new JdbcGraduationStore(database(""), "myapp_graduation");
        store.record(GraduationScope.of(SANDBOX_APP), GraduationCounter.SMS_SENT, "1");
        assertThat(rows(database(""), "SELECT event_key FROM myapp_graduation")).containsExactly("1");
        for (String bad : new String[] {"", "x; DROP TABLE users", "a b", "\"quoted\"", "schema.table", "1abc",
                "t".repeat(64), "t--", "tä"}) {
            assertThatThrownBy(() -> new JdbcGraduationStore(database(""), bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain SQL identifier");
        }
    }

    @Test
    void aSimilarNameOrTheSameNameInAnotherSchemaIsNotMistakenForTheTable() throws Exception {
        try (Connection connection = database("").getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE embeddable4jXgraduation (x INT)"); // '_' is a wildcard in metadata lookups
            sql.execute("CREATE SCHEMA other");
            sql.execute("CREATE TABLE other.embeddable4j_graduation (x INT)");
        }
        JdbcGraduationStore store = new JdbcGraduationStore(database(""));
        store.record(GraduationScope.of(SANDBOX_APP), GraduationCounter.SMS_SENT, "1");
        assertThat(store.counts(GraduationScope.of(SANDBOX_APP))).isEqualTo(Map.of(GraduationCounter.SMS_SENT, 1));
    }

    @Test
    void aDatabaseFailureIsAClearError() {
        JdbcDataSource broken = new JdbcDataSource();
        broken.setURL("jdbc:h2:file:" + folder.resolve("missing") + ";IFEXISTS=TRUE");
        assertThatThrownBy(() -> new JdbcGraduationStore(broken).counts(GraduationScope.of(SANDBOX_APP)))
                .isInstanceOf(GraduationStoreException.class).hasMessageContaining("embeddable4j_graduation")
                .hasMessageContaining("SQL state");
    }

    private static List<String> rows(DataSource database, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                ResultSet result = sql.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(result.getString(c));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }

    /** Hands out connections with auto-commit off, as some pools are configured. */
    private static DataSource withoutAutoCommit(DataSource target) {
        return wrap(target, connection -> {
            connection.setAutoCommit(false);
            return connection;
        });
    }

    /** Runs {@code competitor} when the store prepares an INSERT, just before it runs. */
    private static DataSource beforeInsert(DataSource target, Runnable competitor) {
        return wrap(target, connection -> (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith("INSERT")) {
                        competitor.run();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    private interface ConnectionChange {
        Connection apply(Connection connection) throws SQLException;
    }

    private static DataSource wrap(DataSource target, ConnectionChange change) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return change.apply(target.getConnection());
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                throw new SQLException("not used");
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }
}
