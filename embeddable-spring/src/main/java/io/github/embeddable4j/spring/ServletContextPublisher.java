package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Publishes the application's event dispatcher and third-party service in the servlet context, each under its class's
 * name, as a {@link Supplier} of the bean (null when there is none, or more than one and none primary): a Vaadin
 * component read back from a serialized session (Tomcat's session persistence, replication) finds them there again,
 * as these services are never written with a session. A supplier, not the bean: the dispatcher is lazy, and after a
 * restart nothing may have asked for it yet. With sign in once, also how a Vaadin view takes the user's waiting handoff
 * ({@link LoginEndpoints#PUBLISHED_HANDOFF_ATTRIBUTE}).
 */
final class ServletContextPublisher implements ServletContextInitializer {

    private static final List<Class<?>> TYPES = List.of(WidgetEventDispatcher.class, ThirdPartyService.class);

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
            // sign in once: Vaadin views take the waiting handoff with the flow's rules (its app user, its session)
            ObjectProvider<LoginHandoffFlow> flow = beans.getBeanProvider(LoginHandoffFlow.class);
            Function<HttpServletRequest, LoginEndpoints.@Nullable Reservation> take = request -> {
                LoginHandoffFlow unique = flow.getIfUnique();
                return unique == null ? null : unique.takeHandoff(request);
            };
            context.setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, take);
            // and the connect-on-login mark of a sign-in no page load follows (a Vaadin view after UI.navigate)
            java.util.function.BiFunction<HttpServletRequest, String, @Nullable String> connect = (request, path) -> {
                LoginHandoffFlow unique = flow.getIfUnique();
                return unique == null ? null : unique.takeConnectHref(request, path);
            };
            context.setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, connect);
            // whose sign in once it is: a view's component built with another tenant's widget takes none of it
            Supplier<@Nullable String> redirectUri = () -> {
                LoginHandoffFlow unique = flow.getIfUnique();
                return unique == null ? null : unique.embeddable().redirectUri();
            };
            context.setAttribute(LoginEndpoints.PUBLISHED_REDIRECT_URI_ATTRIBUTE, redirectUri);
        }
    }
}
