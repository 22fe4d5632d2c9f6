package io.github.embeddable4j.core.graduation;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GraduationStore} in a database table, for apps with several instances. The table is created on first use
 * when {@link DatabaseMetaData} does not list it in the connection's catalog and schema:
 * <pre>{@code
 * CREATE TABLE embeddable4j_graduation (
 *   client_id    VARCHAR(64)  NOT NULL,  -- '#demo' for the demo app (Oracle stores '' as NULL)
 *   app_server   VARCHAR(128) NOT NULL,  -- the server's origin
 *   counter_name VARCHAR(32)  NOT NULL,  -- a GraduationCounter name
 *   event_key    VARCHAR(64)  NOT NULL,  -- a message id, call id, ...
 *   PRIMARY KEY (client_id, app_server, counter_name, event_key))
 * }</pre>
 * Plain types and no {@code IF NOT EXISTS}, so the same statement works on H2, PostgreSQL, MySQL/MariaDB, SQL Server
 * and Oracle; the key fits their index limits (MySQL needs its default DYNAMIC row format). Values longer than a
 * column, or with other than plain ASCII characters, are stored as a hash. The primary key makes recording idempotent:
 * when two instances insert the same key at once, the loser's duplicate-key error (SQL state class 23) means "already
 * there". On a case-insensitive collation (MySQL's default) keys differing only in case count once.
 *
 * <pre>{@code GraduationStore store = new JdbcGraduationStore(dataSource, "myapp_graduation");}</pre>
 */
public final class JdbcGraduationStore implements GraduationStore {

    /** The table used unless another is named. */
    public static final String DEFAULT_TABLE = "embeddable4j_graduation";
    /** A plain SQL identifier: a letter, then letters, digits or underscores; 63 at most (PostgreSQL's limit). */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    /** Stands for the demo app's empty client ID; '#' is never part of a stored plain value. */
    static final String DEMO_CLIENT_ID = "#demo";

    private final DataSource dataSource;
    private final String table;
    private volatile boolean tableReady;

    /** A store in table {@value #DEFAULT_TABLE}. */
    public JdbcGraduationStore(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /**
     * A store in the named table of the connection's default schema.
     *
     * @throws IllegalArgumentException when the name is not a plain identifier (it is written into SQL)
     */
    public JdbcGraduationStore(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(table, "table");
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("The graduation table name '" + table + "' is not a plain SQL identifier:"
                    + " use a letter, then letters, digits or underscores (63 at most), such as " + DEFAULT_TABLE);
        }
        this.table = table;
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    @Override
    public int record(GraduationScope scope, GraduationCounter counter, String key) {
        Objects.requireNonNull(counter, "counter");
        String eventKey = StoredKeys.fit(Objects.requireNonNull(key, "key"));
        ensureTable();
        try (Connection connection = dataSource.getConnection()) {
            return autoCommitted(connection, () -> {
                int held = 0;
                boolean present = false;
                try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*), SUM(CASE WHEN event_key = ?"
                        + " THEN 1 ELSE 0 END) FROM " + table + " WHERE client_id = ? AND app_server = ? AND counter_name = ?")) {
                    query.setString(1, eventKey);
                    bindScope(query, 2, scope, counter);
                    try (ResultSet rows = query.executeQuery()) {
                        if (rows.next()) {
                            held = rows.getInt(1);
                            present = rows.getInt(2) > 0;
                        }
                    }
                }
                if (present || held >= KEY_LIMIT) {
                    return held;
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                        + " (client_id, app_server, counter_name, event_key) VALUES (?, ?, ?, ?)")) {
                    bindScope(insert, 1, scope, counter);
                    insert.setString(4, eventKey);
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!duplicateKey(e)) {
                        throw e;
                    }
                }
                return held + 1;
            });
        } catch (SQLException e) {
            throw failure("record a graduation count in", e);
        }
    }

    @Override
    public Map<GraduationCounter, Integer> counts(GraduationScope scope) {
        ensureTable();
        Map<GraduationCounter, Integer> counts = new EnumMap<>(GraduationCounter.class);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT counter_name, COUNT(*) FROM " + table
                        + " WHERE client_id = ? AND app_server = ? GROUP BY counter_name")) {
            query.setString(1, clientId(scope));
            query.setString(2, appServer(scope));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    for (GraduationCounter counter : GraduationCounter.values()) {
                        if (counter.name().equals(name)) {
                            counts.put(counter, rows.getInt(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("read graduation counts from", e);
        }
        return counts;
    }

    private void ensureTable() {
        if (tableReady) {
            return;
        }
        synchronized (this) {
            if (tableReady) {
                return;
            }
            try (Connection connection = dataSource.getConnection()) {
                autoCommitted(connection, () -> {
                    if (!tableExists(connection)) {
                        try (Statement create = connection.createStatement()) {
                            create.executeUpdate("CREATE TABLE " + table + " (client_id VARCHAR(64) NOT NULL,"
                                    + " app_server VARCHAR(128) NOT NULL, counter_name VARCHAR(32) NOT NULL,"
                                    + " event_key VARCHAR(64) NOT NULL,"
                                    + " PRIMARY KEY (client_id, app_server, counter_name, event_key))");
                        } catch (SQLException e) {
                            if (!tableExists(connection)) { // another instance may have created it meanwhile
                                throw e;
                            }
                        }
                    }
                    return 0;
                });
            } catch (SQLException e) {
                throw failure("create", e);
            }
            tableReady = true;
        }
    }

    /** Looks the table up in the connection's own catalog and schema, in the case the database stores names in. */
    private boolean tableExists(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        String escape = meta.getSearchStringEscape();
        // '_' is a wildcard in metadata patterns: escape it, and compare the names found anyway
        String pattern = escape == null || escape.isEmpty() ? name : name.replace("_", escape + "_");
        try (ResultSet tables = meta.getTables(connection.getCatalog(), schema(connection), pattern, null)) {
            while (tables.next()) {
                if (name.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable String schema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null; // a driver older than JDBC 4.1: look in every schema
        }
    }

    private static void bindScope(PreparedStatement statement, int first, GraduationScope scope, GraduationCounter counter)
            throws SQLException {
        statement.setString(first, clientId(scope));
        statement.setString(first + 1, appServer(scope));
        statement.setString(first + 2, counter.name());
    }

    private static String clientId(GraduationScope scope) {
        return scope.demoApp() ? DEMO_CLIENT_ID : StoredKeys.fit(scope.clientId(), 64);
    }

    private static String appServer(GraduationScope scope) {
        return StoredKeys.fit(scope.appServer().origin(), 128);
    }

    private static boolean duplicateKey(SQLException e) {
        return e instanceof SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }

    /** Runs with auto-commit on (a failed insert must not abort a surrounding transaction), then restores it. */
    private static int autoCommitted(Connection connection, SqlWork work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.setAutoCommit(true);
        }
        try {
            return work.run();
        } finally {
            if (!autoCommit) {
                connection.setAutoCommit(false);
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        int run() throws SQLException;
    }

    private GraduationStoreException failure(String action, SQLException e) {
        return new GraduationStoreException("Cannot " + action + " table " + table + " (SQL state " + e.getSQLState()
                + "): " + e.getMessage(), e);
    }
}
