package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.IframeOptions;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.LoginRequests;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.NonceResolver;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.ITemplateEnd;
import org.thymeleaf.model.ITemplateStart;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.AbstractElementTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.processor.templateboundaries.AbstractTemplateBoundariesProcessor;
import org.thymeleaf.processor.templateboundaries.ITemplateBoundariesStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.web.servlet.IServletWebExchange;

/**
 * Thymeleaf dialect for pages that place the widget themselves: {@code <rc:embeddable/>} renders the loader tag,
 * {@code <rc:embeddable mode="iframe" id="phone" width="100%" height="600"/>} the iframe, {@code mode="manual"}
 * the manual-init form; all with the request's CSP nonce. With sign in once, {@code <a rc:connect>Connect
 * RingCentral</a>} gets the link that connects the user's RingCentral account and comes back to this page
 * ({@code rc:connect="/contacts"}: to that path under the context path); without it the element is left out.
 *
 * <p>A page that places the widget this way never also gets it from {@link EmbeddableFilter}, in every mode and
 * position. Thymeleaf writes a page while it processes it, so the filter may pass {@code </head>} before a tag in
 * {@code <body>} is reached. The dialect therefore looks at the whole parsed template when it starts, including
 * the fragments it inserts by name, and tells the filter before the first byte.
 */
public final class EmbeddableDialect extends AbstractProcessorDialect {

    /** The dialect's element prefix in templates: {@code <rc:embeddable/>}. */
    public static final String PREFIX = "rc";
    static final String ELEMENT = "embeddable";
    static final String CONNECT = "connect";

    private final Embeddable embeddable;
    private final NonceResolver nonceResolver;
    private final java.util.function.Supplier<@Nullable EmbeddableFilter> filter;
    private final @Nullable EmbeddableSelector selector;

    /** The {@code <rc:embeddable/>} tag for this widget, with the request's CSP nonce, without a filter beside it. */
    public EmbeddableDialect(Embeddable embeddable, NonceResolver nonceResolver) {
        this(embeddable, nonceResolver, () -> null);
    }

    /**
     * With the application's filter (may supply null): a loader the tag places gets the filter's bridge script next to
     * it, and a waiting login handoff, as the filter would have added.
     */
    public EmbeddableDialect(Embeddable embeddable, NonceResolver nonceResolver, java.util.function.Supplier<@Nullable EmbeddableFilter> filter) {
        this(embeddable, nonceResolver, filter, null);
    }

    /**
     * With the application's {@link EmbeddableSelector} too (may be null): without a filter beside the dialect, the tag
     * renders the widget it picks for the request, or nothing (with a filter, the filter's selector decides).
     */
    public EmbeddableDialect(Embeddable embeddable, NonceResolver nonceResolver,
            java.util.function.Supplier<@Nullable EmbeddableFilter> filter, @Nullable EmbeddableSelector selector) {
        super("RingCentral Embeddable", PREFIX, 1000);
        this.embeddable = embeddable;
        this.nonceResolver = nonceResolver;
        this.filter = filter;
        this.selector = selector;
    }

    /**
     * The widget for a page when no filter is beside the dialect ({@code inject.enabled=false}): the selector's, if
     * the application has one, else the dialect's own.
     */
    private @Nullable Embeddable selected(HttpServletRequest request) {
        EmbeddableSelector chooser = selector;
        return chooser == null ? embeddable : EmbeddableFilter.selected(chooser, request);
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        EmbeddableTagProcessor tag = new EmbeddableTagProcessor(dialectPrefix);
        return Set.of(tag, new TemplateStartProcessor(new PlacementScan(tag.getMatchingElementName())),
                new ConnectLinkProcessor(dialectPrefix));
    }

    private static @Nullable HttpServletResponse response(ITemplateContext context) {
        if (context instanceof IWebContext web && web.getExchange() instanceof IServletWebExchange exchange
                && exchange.getNativeResponseObject() instanceof HttpServletResponse response) {
            return response;
        }
        return null;
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static @Nullable HttpServletRequest request(ITemplateContext context) {
        if (context instanceof IWebContext web && web.getExchange() instanceof IServletWebExchange exchange
                && exchange.getNativeRequestObject() instanceof HttpServletRequest request) {
            return request;
        }
        return null;
    }

    /** At the start of a page: if the page places the widget anywhere, the filter keeps off it. */
    private static final class TemplateStartProcessor extends AbstractTemplateBoundariesProcessor {
        private final PlacementScan scan;

        TemplateStartProcessor(PlacementScan scan) {
            super(TemplateMode.HTML, 1000);
            this.scan = scan;
        }

        @Override
        public void doProcessTemplateStart(ITemplateContext context, ITemplateStart start, ITemplateBoundariesStructureHandler handler) {
            HttpServletRequest request = request(context);
            if (request != null && context.getTemplateStack().size() == 1 && scan.placesWidget(context)) {
                EmbeddableFilter.skip(request);
            }
        }

        @Override
        public void doProcessTemplateEnd(ITemplateContext context, ITemplateEnd end, ITemplateBoundariesStructureHandler handler) {
        }
    }

    /** {@code rc:connect}: the element's {@code href} starts sign in once and comes back; no sign in once, no element. */
    private final class ConnectLinkProcessor extends AbstractAttributeTagProcessor {

        ConnectLinkProcessor(String prefix) {
            super(TemplateMode.HTML, prefix, null, false, CONNECT, true, 1000, true);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName name,
                @Nullable String value, IElementTagStructureHandler handler) {
            HttpServletRequest request = request(context);
            EmbeddableFilter pageFilter = filter.get();
            // the request's tenant's sign in once: a page whose widget cannot sign in once has nothing to connect
            LoginHandoffFlow flow = pageFilter == null || request == null ? null : pageFilter.loginHandoffFlow(request);
            if (flow == null || request == null) {
                handler.removeElement();
                return;
            }
            // core encodes what browsers leave raw in a page's query ([ ] | ...), which the connect endpoint refuses
            String href = value == null || value.isBlank()
                    ? flow.endpoints().connectHrefToPage(request.getContextPath(), request.getRequestURI(), request.getQueryString())
                    : flow.endpoints().connectHrefToPage(request.getContextPath(), request.getContextPath() + value.trim(), null);
            handler.setAttribute("href", escapeAttribute(href));
        }
    }

    private final class EmbeddableTagProcessor extends AbstractElementTagProcessor {

        EmbeddableTagProcessor(String prefix) {
            super(TemplateMode.HTML, prefix, ELEMENT, true, null, false, 1000);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, IElementTagStructureHandler handler) {
            HttpServletRequest request = request(context);
            String nonce = request == null ? null : nonceResolver.resolve(request);
            String mode = attribute(tag, "mode", "loader");
            if (!mode.equals("iframe") && !mode.equals("manual") && !mode.equals("loader")) {
                throw new IllegalArgumentException("<" + PREFIX + ":" + ELEMENT + " mode=\"" + mode
                        + "\">: write mode=\"loader\" (default), \"iframe\" or \"manual\"");
            }
            EmbeddableFilter pageFilter = filter.get();
            // With an EmbeddableSelector, the filter says which widget this request's page gets, if any.
            Embeddable widget = request == null ? embeddable : pageFilter != null ? pageFilter.embeddableFor(request)
                    : selected(request);
            if (widget == null) {
                if (request != null) {
                    EmbeddableFilter.skip(request);
                }
                handler.removeElement();
                return;
            }
            // the request's tenant's sign in once, if its widget has it
            LoginHandoffFlow flow = pageFilter == null || request == null ? null : pageFilter.loginHandoffFlow(request);
            HttpServletResponse response = response(context);
            LoginEndpoints.Reservation handoff = flow == null || request == null || response == null || response.isCommitted()
                    || "HEAD".equals(request.getMethod()) || !LoginRequests.isPageLoad(request::getHeader)
                    ? null : flow.takeHandoff(request);
            // The iframe form's frame needs an id for the event script to find it.
            String frameId = mode.equals("iframe") ? attribute(tag, "id", widget.config().prefix() + "-iframe") : null;
            String markup;
            if (handoff != null && response != null) { // a handoff is taken only with a response
                // a page with a one-time login code is never kept, by a CDN either (core says which headers)
                io.github.embeddable4j.core.login.LoginRequests.noStoreHeaders(response::getHeader).forEach(response::setHeader);
                markup = switch (mode) {
                    case "iframe" -> widget.iframeTagWithLoginHandoff(iframeOptions(tag, widget), handoff.handoff());
                    case "manual" -> "<script" + (nonce == null ? "" : " nonce=\"" + escapeAttribute(nonce) + "\"")
                            + ">window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT=true;</script>"
                            + widget.scriptTagWithLoginHandoff(nonce, handoff.handoff());
                    default -> widget.scriptTagWithLoginHandoff(nonce, handoff.handoff());
                };
                handoff.rendered();
            } else {
                markup = switch (mode) {
                    case "iframe" -> widget.iframeTag(iframeOptions(tag, widget));
                    case "manual" -> widget.manualInitTags(nonce);
                    default -> widget.scriptTag(nonce);
                };
            }
            if (pageFilter != null && request != null) {
                markup += pageFilter.bridgeTag(request, response, nonce, frameId);
            }
            if (request != null) {
                // Normally done when the page started; this covers a tag the start could not foresee (a fragment
                // chosen at run time) as long as the filter has not yet passed </head>.
                EmbeddableFilter.skip(request);
            }
            handler.replaceWith(markup, false);
        }

        private IframeOptions iframeOptions(IProcessableElementTag tag, Embeddable embeddable) {
            IframeOptions options = IframeOptions.defaults().withId(attribute(tag, "id", embeddable.config().prefix() + "-iframe"));
            if (tag.hasAttribute("title")) {
                options = options.withTitle(tag.getAttributeValue("title"));
            }
            if (tag.hasAttribute("width") || tag.hasAttribute("height")) {
                options = options.withSize(attribute(tag, "width", options.width()), attribute(tag, "height", options.height()));
            }
            return options;
        }

        private static String attribute(IProcessableElementTag tag, String name, String dflt) {
            String value = tag.getAttributeValue(name);
            return value == null ? dflt : value;
        }
    }
}
