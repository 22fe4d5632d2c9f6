package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.login.LoginEndpoints;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.AbstractElementTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.spring6.web.webflux.ISpringWebFluxWebExchange;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The Thymeleaf dialect of WebFlux pages: with sign in once, {@code <a rc:connect>Connect RingCentral</a>} gets the
 * link that connects the user's RingCentral account and comes back to this page ({@code rc:connect="/contacts"}: to
 * that path under the base path), for the widget the exchange's selector picked; where that widget cannot sign in once
 * (or sign in once is off), the element is left out. The starter registers it with Thymeleaf's reactive engine; without
 * Boot, add it yourself:
 *
 * <pre>{@code templateEngine.addDialect(new ReactiveEmbeddableDialect(() -> loginWebFilter));}</pre>
 *
 * <p>{@code <rc:embeddable/>} is the servlet dialect's: in WebFlux, {@link EmbeddableWebFilter} places the widget
 * (with the sign-in's one-time code, which needs the session, read without blocking before the page is written). Such
 * a tag here is left out, and the log says so once.
 */
public final class ReactiveEmbeddableDialect extends AbstractProcessorDialect {

    /** The dialect's prefix, as the servlet one's: {@code rc}. */
    public static final String PREFIX = "rc";

    private static final System.Logger LOG = System.getLogger(ReactiveEmbeddableDialect.class.getName());

    private final Supplier<@Nullable EmbeddableLoginWebFilter> login;
    private volatile boolean toldOfTag;

    /** @param login the application's sign in once filter, or a supplier of null where sign in once is off */
    public ReactiveEmbeddableDialect(Supplier<@Nullable EmbeddableLoginWebFilter> login) {
        super("RingCentral Embeddable (WebFlux)", PREFIX, 1000);
        this.login = Objects.requireNonNull(login, "login");
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(new ConnectLinkProcessor(dialectPrefix), new ServletOnlyTagProcessor(dialectPrefix));
    }

    private static @Nullable ServerWebExchange exchange(ITemplateContext context) {
        if (context instanceof IWebContext web && web.getExchange() instanceof ISpringWebFluxWebExchange exchange
                && exchange.getNativeExchangeObject() instanceof ServerWebExchange serverExchange) {
            return serverExchange;
        }
        return null;
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** {@code rc:connect}: the element's {@code href} starts sign in once and comes back; no sign in once, no element. */
    private final class ConnectLinkProcessor extends AbstractAttributeTagProcessor {

        ConnectLinkProcessor(String prefix) {
            super(TemplateMode.HTML, prefix, null, false, "connect", true, 1000, true);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName name,
                @Nullable String value, IElementTagStructureHandler handler) {
            ServerWebExchange exchange = exchange(context);
            EmbeddableLoginWebFilter filter = login.get();
            // the exchange's tenant's sign in once: a page whose widget cannot sign in once has nothing to connect
            LoginEndpoints endpoints = filter == null || exchange == null ? null : filter.endpointsFor(exchange);
            if (endpoints == null || exchange == null) {
                handler.removeElement();
                return;
            }
            ServerHttpRequest request = exchange.getRequest();
            String base = request.getPath().contextPath().value();
            // core encodes what browsers leave raw in a page's query ([ ] | ...), which the connect endpoint refuses
            String href = value == null || value.isBlank()
                    ? endpoints.connectHrefToPage(base, request.getPath().value(), request.getURI().getRawQuery())
                    : endpoints.connectHrefToPage(base, base + value.trim(), null);
            handler.setAttribute("href", escapeAttribute(href));
        }
    }

    /** {@code <rc:embeddable/>}, the servlet dialect's tag: left out, with a word in the log. */
    private final class ServletOnlyTagProcessor extends AbstractElementTagProcessor {

        ServletOnlyTagProcessor(String prefix) {
            super(TemplateMode.HTML, prefix, "embeddable", true, null, false, 1000);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, IElementTagStructureHandler handler) {
            if (!toldOfTag) {
                toldOfTag = true;
                LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: <rc:embeddable/> in template "
                        + context.getTemplateData().getTemplate() + " is for servlet applications and is left out. In"
                        + " WebFlux the starter's EmbeddableWebFilter places the widget on your pages. For a page with the"
                        + " widget as its own frame, put pageFilter.iframe(exchange, options) in your model (the frame"
                        + " with its event script) and write it with th:utext; for a page that places the loader"
                        + " itself, call EmbeddableWebFilter.skip(exchange) and render embeddable.scriptTag(nonce).");
            }
            handler.removeElement();
        }
    }
}
