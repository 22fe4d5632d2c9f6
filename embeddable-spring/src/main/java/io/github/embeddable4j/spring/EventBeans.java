package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.core.graduation.FileGraduationStore;
import io.github.embeddable4j.core.graduation.GraduationStore;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import io.github.embeddable4j.core.graduation.JdbcGraduationStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.LogFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Widget events on the server, in every kind of application: the dispatcher that hands them to every
 * {@link WidgetEventListener} bean and publishes them as {@link WidgetApplicationEvent}s, and the graduation tracker
 * with its store (the application's {@code DataSource} when it has one, else a file).
 */
@Configuration(proxyBeanMethods = false)
class EventBeans {

    @Bean
    @ConditionalOnMissingBean
    static WidgetListenerDetector embeddableListenerDetector() {
        return new WidgetListenerDetector();
    }

    /**
     * Lazy: made when the first page or event needs it, after Spring has found the {@code @EventListener} methods
     * (see {@link WidgetListenerDetector}); a bean of the application's that needs it at start-up makes it earlier.
     */
    @Bean(name = DISPATCHER, destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    WidgetEventDispatcher embeddableEventDispatcher(ObjectProvider<WidgetEventListener> listeners,
            ApplicationEventPublisher publisher, ConfigurableListableBeanFactory beanFactory, WidgetListenerDetector detector,
            org.springframework.core.env.Environment environment) {
        List<WidgetEventListener> all = new ArrayList<>(listeners.orderedStream().toList());
        if (detector.hasListeners(beanFactory)) {
            all.add(new SpringEventPublisher(publisher));
        } else if (detector.mayFindListenersLater(beanFactory)) {
            // made at start-up by a bean that needs it, beside a bean declared by an interface whose class may have an
            // @EventListener method (a review's was never called): decided at the first event, after Spring's search
            all.add(new SpringEventPublisher(publisher, () -> detector.listenersOnceSearched(beanFactory)));
        }
        // Events the pages were told were taken get the time Spring Boot gives work in flight at shutdown (default
        // 30 s): a trial's graceful shutdown set 20 s, and lost 213 events after the dispatcher's own 5 s.
        java.time.Duration drain = Binder.get(environment).bind(SHUTDOWN_PHASE_TIMEOUT, java.time.Duration.class)
                .orElse(java.time.Duration.ofSeconds(30));
        // Spring's logging, not the JDK's: a graceful shutdown closes the dispatcher after the JDK's logging has
        // dropped its handlers (JVM shutdown began), and a report of lost events must not vanish with them.
        return WidgetEventDispatcher.builder().listeners(all).drainTimeout(drain.isNegative() ? java.time.Duration.ZERO : drain)
                .dropReport(message -> LogFactory.getLog(WidgetEventDispatcher.class).warn(message.replace(
                        "with drainTimeout", "with " + SHUTDOWN_PHASE_TIMEOUT))).build();
    }

    /** The starter's own dispatcher bean: one of the application's, by another name, has its listeners built in. */
    static final String DISPATCHER = "embeddableEventDispatcher";

    /** Spring Boot's time for each phase of a graceful shutdown; the dispatcher's drain time follows it. */
    static final String SHUTDOWN_PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

    /**
     * Made at start-up even with {@code spring.main.lazy-initialization=true}: making it is the file's check. Lazy, a
     * file that cannot be kept started the application, and then every page that needed the dispatcher was a 500 (a
     * trial), while the actuator's health said UP.
     */
    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    @Conditional(GraduationOn.class)
    GraduationStore embeddableGraduationStore(ObjectProvider<DataSource> dataSource, EmbeddableProperties properties) {
        DataSource db = dataSource.getIfUnique();
        if (db != null) {
            return new JdbcGraduationStore(db, properties.getGraduation().getTable());
        }
        String file = properties.getGraduation().getFile();
        boolean chosen = file != null && !file.isBlank();
        FileGraduationStore store = new FileGraduationStore(chosen ? Path.of(file) : FileGraduationStore.defaultLocation());
        // Told now, not at the first count: a path set that cannot be kept stops the start; the default one (a home
        // folder a container mounts read-only) is warned about, as graduation is on by default in the sandbox.
        store.unwritable().ifPresent(why -> {
            String fix = "Set ringcentral.embeddable.graduation.file to a file in a folder the application may write, give"
                    + " the application a DataSource, or turn counting off: ringcentral.embeddable.graduation.enabled=false.";
            if (chosen) {
                throw new EmbeddableConfigException(List.of(new ConfigProblem(EmbeddableProperties.PREFIX + ".graduation.file",
                        why + ".", fix)));
            }
            LogFactory.getLog(GraduationTracker.class).warn("Graduation progress will not be counted: " + why + ". " + fix);
        });
        return store;
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(GraduationOn.class)
    GraduationTracker embeddableGraduationTracker(Embeddable embeddable, GraduationStore store) {
        return new GraduationTracker(embeddable.config(), store);
    }

    /** {@code graduation.enabled} when set; otherwise on while the app server is the sandbox. */
    static final class GraduationOn extends ReportedCondition {
        GraduationOn() {
            super("graduation is on (graduation.enabled, else the sandbox)", "graduation is off (graduation.enabled, else not the sandbox)");
        }

        @Override
        boolean test(ConditionContext context) {
            Binder binder = Binder.get(context.getEnvironment());
            Boolean enabled;
            try {
                enabled = binder.bind(EmbeddableProperties.PREFIX + ".graduation.enabled", Boolean.class).orElse(null);
            } catch (BindException e) {
                // not true or false: the settings check reports it with every other problem, so this says no for now
                return false;
            }
            if (enabled != null) {
                return enabled;
            }
            String server = binder.bind(EmbeddableProperties.PREFIX + ".app-server", String.class).orElse("");
            // read as the widget's configuration reads it: "devtest" and an origin in capitals are the sandbox too (a
            // review found them run on the sandbox and not counted)
            try {
                io.github.embeddable4j.core.AppServer parsed = io.github.embeddable4j.core.AppServer.parse(server);
                return parsed.equals(io.github.embeddable4j.core.AppServer.SANDBOX)
                        || parsed.origin().toLowerCase(java.util.Locale.ROOT).contains(".devtest.ringcentral.com");
            } catch (IllegalArgumentException notAServer) { // unset, or reported by the settings check
                return false;
            }
        }
    }
}
