package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.SessionUserReader;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.util.ClassUtils;

/**
 * Publishes the application's event dispatcher and third-party service in the servlet context, each under its class's
 * name, as a {@link Supplier} of the bean (null when there is none, or more than one and none primary): a Vaadin
 * component read back from a serialized session (Tomcat's session persistence, replication) finds them there again,
 * as these services are never written with a session. A supplier, not the bean: the dispatcher is lazy, and after a
 * restart nothing may have asked for it yet. With sign in once, also how a Vaadin view takes the user's waiting handoff
 * ({@link LoginEndpoints#PUBLISHED_HANDOFF_ATTRIBUTE}). With Spring Security, how a Vaadin component names the
 * session's current user ({@link SessionUserReader}).
 */
final class ServletContextPublisher implements ServletContextInitializer {

    private static final List<Class<?>> TYPES = List.of(WidgetEventDispatcher.class, ThirdPartyService.class);

    static final boolean SPRING_SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.context.SecurityContext", ServletContextPublisher.class.getClassLoader());

    private final ListableBeanFactory beans;

    ServletContextPublisher(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void onStartup(ServletContext context) {
        for (Class<?> type : TYPES) {
            ObjectProvider<?> provider = beans.getBeanProvider(type);
            Supplier<?> bean = provider::getIfUnique;
            context.setAttribute(type.getName(), bean);
        }
        if (beans.getBeanNamesForType(LoginHandoffFlow.class, false, false).length > 0) {
            // sign in once: Vaadin views take the waiting handoff and connect mark with the flow's rules (its app user,
            // its session), for their own widget's tenant
            ObjectProvider<LoginHandoffFlow> flow = beans.getBeanProvider(LoginHandoffFlow.class);
            LoginHandoffFlow.publishIn(context, flow::getIfUnique);
        }
        if (SPRING_SECURITY) {
            context.setAttribute(SessionUserReader.class.getName(), new SpringSecuritySessionUser());
        }
    }
}
