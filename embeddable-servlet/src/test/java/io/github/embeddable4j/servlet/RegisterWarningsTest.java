package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.containers.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A filter registered in code says at start-up what is worth knowing about its configuration (the demo app, the
 * sandbox), as one configured in {@code web.xml} and the Spring starter do: a WildFly trial registered it in a
 * listener and saw nothing.
 */
class RegisterWarningsTest {

    @Test
    void registeringLogsTheConfigurationsWarningsOnce() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING && String.valueOf(record.getParameters() == null ? record.getMessage()
                        : java.text.MessageFormat.format(record.getMessage(), record.getParameters())).contains("RingCentral")) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.github.embeddable4j");
        logger.addHandler(handler);
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().appServer(AppServer.SANDBOX).build());
        assertThat(embeddable.warnings()).hasSizeGreaterThanOrEqualTo(2); // the demo app, the sandbox
        try (TestServer server = TestServer.jetty((classes, context) -> EmbeddableFilter.register(context, new EmbeddableFilter(embeddable)))) {
            List<String> messages = records.stream()
                    .map(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters())).toList();
            assertThat(messages).hasSize(embeddable.warnings().size())
                    .allSatisfy(m -> assertThat(m).startsWith(EmbeddableFilter.FILTER_NAME + ": RingCentral Embeddable: "))
                    .anySatisfy(m -> assertThat(m).contains("client-id"));
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void withAClientIdRegisteringLogsTheRedirectUriItsAppMustListOnce() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.INFO && record.getMessage().contains("redirect URI")) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.github.embeddable4j");
        logger.addHandler(handler);
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("abc123")
                .redirectUri("https://crm.example.com/ringcentral/redirect").build());
        try (TestServer server = TestServer.jetty((classes, context) -> EmbeddableFilter.register(context, new EmbeddableFilter(embeddable)))) {
            assertThat(lines).containsExactly("RingCentral Embeddable: client ID abc123 on production (https://platform.ringcentral.com);"
                    + " its app in the Developer Console must list the OAuth redirect URI https://crm.example.com/ringcentral/redirect");
        } finally {
            logger.removeHandler(handler);
        }
    }
}
