package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.crm.CallLogMatcher;
import io.github.embeddable4j.core.crm.CallLogger;
import io.github.embeddable4j.core.crm.ContactActivities;
import io.github.embeddable4j.core.crm.ContactDirectory;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactViewer;
import io.github.embeddable4j.core.crm.DoNotContactCheck;
import io.github.embeddable4j.core.crm.MessageLogMatcher;
import io.github.embeddable4j.core.crm.MessageLogger;
import io.github.embeddable4j.core.crm.ThirdPartyAuthorization;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The application's CRM, as the widget's third-party service: every bean implementing one of core's provider
 * interfaces ({@link ContactProvider}, {@link CallLogger}, ...) is picked up, and only what is present is registered
 * with the widget. No provider bean, no service (the bean is then absent).
 */
@Configuration(proxyBeanMethods = false)
class ServiceBeans {

    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean
    ThirdPartyServiceHolder embeddableThirdPartyService(EmbeddableProperties properties, Environment environment,
            ObjectProvider<ContactProvider> contacts, ObjectProvider<ContactDirectory> directory,
            ObjectProvider<ContactViewer> viewer, ObjectProvider<CallLogger> callLogger,
            ObjectProvider<CallLogMatcher> callLogMatcher, ObjectProvider<MessageLogger> messageLogger,
            ObjectProvider<MessageLogMatcher> messageLogMatcher, ObjectProvider<DoNotContactCheck> doNotContact,
            ObjectProvider<ThirdPartyAuthorization> authorization, ObjectProvider<ContactActivities> activities,
            ObjectProvider<ThirdPartyService> custom) {
        ThirdPartyService own = custom.getIfAvailable();
        if (own != null) {
            return new ThirdPartyServiceHolder(own, false);
        }
        String name = properties.getService().getName();
        if (name == null || name.isBlank()) {
            name = environment.getProperty("spring.application.name", "crm");
        }
        ThirdPartyService.Builder b = ThirdPartyService.builder(name);
        if (properties.getService().getDisplayName() != null) {
            b.displayName(properties.getService().getDisplayName());
        }
        boolean[] any = {false};
        add(contacts, b::contacts, any);
        add(directory, b::contactDirectory, any);
        add(viewer, b::contactViewer, any);
        add(callLogger, b::callLogger, any);
        add(callLogMatcher, b::callLogMatcher, any);
        add(messageLogger, b::messageLogger, any);
        add(messageLogMatcher, b::messageLogMatcher, any);
        add(doNotContact, b::doNotContact, any);
        add(authorization, b::authorization, any);
        add(activities, b::activities, any);
        return new ThirdPartyServiceHolder(any[0] ? b.build() : null, true);
    }

    private static <T> void add(ObjectProvider<T> provider, Consumer<T> setter, boolean[] any) {
        T bean = provider.getIfUnique();
        if (bean != null) {
            setter.accept(bean);
            any[0] = true;
        }
    }

    /** The service, or none; closes it with the context when the starter built it. */
    static final class ThirdPartyServiceHolder implements AutoCloseable {
        private final ThirdPartyService service;
        private final boolean owned;

        ThirdPartyServiceHolder(ThirdPartyService service, boolean owned) {
            this.service = service;
            this.owned = owned;
        }

        ThirdPartyService service() {
            return service;
        }

        @Override
        public void close() {
            if (owned && service != null) {
                service.close();
            }
        }
    }
}
