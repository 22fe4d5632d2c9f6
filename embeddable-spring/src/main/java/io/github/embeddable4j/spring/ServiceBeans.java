package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfigException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The application's CRM, as the widget's third-party service: a {@link ThirdPartyService} bean built from every bean
 * implementing one of core's provider interfaces ({@link ContactProvider}, {@link CallLogger}, ...), registering
 * only what is present, then changed by the {@link ThirdPartyServiceCustomizer} beans. No provider bean, no service.
 * An application's own {@code ThirdPartyService} bean wins.
 */
@Configuration(proxyBeanMethods = false)
class ServiceBeans {

    private static final Log LOG = LogFactory.getLog(ServiceBeans.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(HasProviders.class)
    ThirdPartyService embeddableThirdPartyService(EmbeddableProperties properties, Environment environment,
            ObjectProvider<ContactProvider> contacts, ObjectProvider<ContactDirectory> directory,
            ObjectProvider<ContactViewer> viewer, ObjectProvider<CallLogger> callLogger,
            ObjectProvider<CallLogMatcher> callLogMatcher, ObjectProvider<MessageLogger> messageLogger,
            ObjectProvider<MessageLogMatcher> messageLogMatcher, ObjectProvider<DoNotContactCheck> doNotContact,
            ObjectProvider<ThirdPartyAuthorization> authorization, ObjectProvider<ContactActivities> activities,
            ObjectProvider<ThirdPartyServiceCustomizer> customizers, ConfigurableListableBeanFactory beans) {
        String name = properties.getService().getName();
        if (name == null || name.isBlank()) {
            name = environment.getProperty("spring.application.name", "crm");
        }
        ThirdPartyService.Builder b = ThirdPartyService.builder(name).threads(properties.getService().getThreads())
                .signedInCallersOnly(signedInCallersOnly(properties, beans));
        if (properties.getService().getDisplayName() != null) {
            b.displayName(properties.getService().getDisplayName());
        }
        List<ConfigProblem> ambiguous = new ArrayList<>();
        add(contacts, b::contacts, "ContactProvider", ambiguous);
        add(directory, b::contactDirectory, "ContactDirectory", ambiguous);
        add(viewer, b::contactViewer, "ContactViewer", ambiguous);
        add(callLogger, b::callLogger, "CallLogger", ambiguous);
        add(callLogMatcher, b::callLogMatcher, "CallLogMatcher", ambiguous);
        add(messageLogger, b::messageLogger, "MessageLogger", ambiguous);
        add(messageLogMatcher, b::messageLogMatcher, "MessageLogMatcher", ambiguous);
        add(doNotContact, b::doNotContact, "DoNotContactCheck", ambiguous);
        add(authorization, b::authorization, "ThirdPartyAuthorization", ambiguous);
        add(activities, b::activities, "ContactActivities", ambiguous);
        customizers.orderedStream().forEach(c -> c.customize(b));
        ThirdPartyService service;
        try {
            service = b.build();
        } catch (EmbeddableConfigException e) {
            List<ConfigProblem> all = new ArrayList<>(ambiguous);
            e.problems().stream().map(ServiceBeans::named).forEach(all::add);
            throw new EmbeddableConfigException(all);
        }
        if (!ambiguous.isEmpty()) {
            service.close();
            throw new EmbeddableConfigException(ambiguous);
        }
        LOG.info(service.summary());
        return service;
    }

    /**
     * An application's own {@code ThirdPartyService} bean gets none of the customizers and {@code service.*}
     * properties, which only the starter's builder reads: said once at start-up (a trial's customizer blocking calls
     * when the Do Not Contact check fails was silently dropped, and the check's failures let calls go on).
     */
    @Bean
    @ConditionalOnMissingBean(name = "embeddableOwnServiceCheck")
    SmartInitializingSingleton embeddableOwnServiceCheck(ConfigurableListableBeanFactory beans,
            EmbeddableProperties properties) {
        return () -> {
            // The starter's own definition, by its factory (not only its name, which an application's bean may take
            // to replace it: a review), read as ConfigurationCheck reads the Embeddable's, which AOT keeps.
            if ((beans.containsBeanDefinition("embeddableThirdPartyService") && ServiceBeans.class.getName().equals(
                    beans.getBeanDefinition("embeddableThirdPartyService").getFactoryBeanName()))
                    || beans.getBeanNamesForType(ThirdPartyService.class, true, false).length == 0) {
                return; // the starter built the service (it read them all), or there is none
            }
            List<String> unused = new ArrayList<>(List.of(beans.getBeanNamesForType(ThirdPartyServiceCustomizer.class,
                    true, false)));
            EmbeddableProperties.Service service = properties.getService();
            if (service.getName() != null) {
                unused.add(EmbeddableProperties.PREFIX + ".service.name");
            }
            if (service.getDisplayName() != null) {
                unused.add(EmbeddableProperties.PREFIX + ".service.display-name");
            }
            if (service.getThreads() != new EmbeddableProperties.Service().getThreads()) {
                unused.add(EmbeddableProperties.PREFIX + ".service.threads");
            }
            if (service.getSignedInOnly() != null) {
                unused.add(EmbeddableProperties.PREFIX + ".service.signed-in-only");
            }
            if (signedInCallersOnly(properties, beans)) {
                // the ones already made (a lazy bean is not made here for this)
                for (String name : beans.getBeanNamesForType(ThirdPartyService.class, true, false)) {
                    if (beans.getSingleton(name) instanceof ThirdPartyService own && !own.signedInCallersOnly()) {
                        LOG.warn("RingCentral Embeddable: the application's own ThirdPartyService \"" + own.descriptor()
                                .name() + "\" answers visitors who have not signed in, where the starter's would refuse"
                                + " them: build it with signedInCallersOnly(true).");
                    }
                }
            }
            if (!unused.isEmpty()) {
                LOG.warn("RingCentral Embeddable: the application defines its own ThirdPartyService bean, so the"
                        + " starter builds none and these are not used: " + String.join(", ", unused) + " (the"
                        + " customizer beans by name). Set what they set on your bean's builder (such as"
                        + " whenDoNotContactCheckFails), or remove your bean and let the starter build the service from"
                        + " your provider beans.");
            }
        };
    }

    /**
     * Whether the service answers signed-in users only: {@code service.signed-in-only}; not set, where Spring Security
     * guards the application (its chain, servlet or reactive) and {@code inject.anonymous} is not true, whatever placed
     * the widget (a Vaadin layout showed the phone on its sign-in view, and its CRM listed every contact to an
     * anonymous visitor: a trial). Not for an own sign-in ({@code inject.anonymous=false} without Spring Security): the
     * Vaadin component does not see an {@code AppUserResolver}'s user, and refused every signed-in user (a trial).
     */
    static boolean signedInCallersOnly(EmbeddableProperties properties, ConfigurableListableBeanFactory beans) {
        Boolean set = properties.getService().getSignedInOnly();
        if (set != null) {
            return set;
        }
        if (Boolean.TRUE.equals(properties.getInject().getAnonymous())) {
            return false;
        }
        if (beans.containsBean(AnonymousVisitors.SECURITY_FILTER_CHAIN)) {
            return true;
        }
        String reactive = "org.springframework.security.web.server.WebFilterChainProxy";
        ClassLoader loader = beans.getBeanClassLoader();
        return ClassUtils.isPresent(reactive, loader)
                && beans.getBeanNamesForType(ClassUtils.resolveClassName(reactive, loader), true, false).length > 0;
    }

    /** A problem of the service's builder, named by the property that set it, or else by where the code is. */
    private static ConfigProblem named(ConfigProblem problem) {
        String property = switch (problem.property()) {
            case "name" -> EmbeddableProperties.PREFIX + ".service.name";
            case "displayName" -> EmbeddableProperties.PREFIX + ".service.display-name";
            case "threads" -> EmbeddableProperties.PREFIX + ".service.threads";
            default -> "ThirdPartyService.Builder." + problem.property()
                    + " (from your provider beans or a ThirdPartyServiceCustomizer)";
        };
        return new ConfigProblem(property, problem.message(), problem.fix());
    }

    /**
     * Gives the service the application's bean of a provider type. Two or more (none {@code @Primary}) are a problem:
     * the service takes one of each kind, and leaving the kind out would answer the widget with nothing, silently.
     */
    private static <T> void add(ObjectProvider<T> provider, Consumer<T> setter, String type, List<ConfigProblem> problems) {
        T bean = provider.getIfUnique();
        if (bean != null) {
            setter.accept(bean);
            return;
        }
        long beans = provider.stream().count();
        if (beans > 1) {
            problems.add(new ConfigProblem("ThirdPartyService." + type, "there are " + beans + " beans of type " + type
                    + " and none is @Primary; the service takes one of each kind.", "Keep one, mark the one to use"
                    + " @Primary, or combine them and set the result in a ThirdPartyServiceCustomizer bean."));
        }
    }

    /**
     * Some bean implements a provider interface. Compared by name over each bean's type, in one pass: looking the
     * ten interfaces up by type would load them and go over every bean ten times, in every application at start-up.
     */
    static final class HasProviders extends ReportedCondition {
        private static final String CRM = "io.github.embeddable4j.core.crm.";
        static final Set<String> NAMES = Set.of(CRM + "ContactProvider", CRM + "ContactDirectory", CRM + "ContactViewer",
                CRM + "CallLogger", CRM + "CallLogMatcher", CRM + "MessageLogger", CRM + "MessageLogMatcher",
                CRM + "DoNotContactCheck", CRM + "ThirdPartyAuthorization", CRM + "ContactActivities");

        HasProviders() {
            super("a bean implements a CRM provider interface", "no bean implements a CRM provider interface");
        }

        @Override
        boolean test(ConditionContext context) {
            var beans = context.getBeanFactory();
            if (beans == null) {
                return false;
            }
            for (String name : beans.getBeanDefinitionNames()) {
                Class<?> type = beans.getType(name, false);
                if (type != null && !type.getName().startsWith("org.springframework.") && implementsProvider(type)) {
                    return true;
                }
            }
            return false;
        }

        static boolean implementsProvider(Class<?> type) {
            for (Class<?> i : ClassUtils.getAllInterfacesForClassAsSet(type)) {
                if (NAMES.contains(i.getName())) {
                    return true;
                }
            }
            return false;
        }
    }
}
