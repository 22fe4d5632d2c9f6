package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.IframeOptions;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.NonceResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractElementTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.web.servlet.IServletWebExchange;

/**
 * Thymeleaf dialect for pages that place the widget themselves: {@code <rc:embeddable/>} renders the loader tag,
 * {@code <rc:embeddable mode="iframe" id="phone" width="100%" height="600"/>} the iframe, {@code mode="manual"}
 * the manual-init form; all with the request's CSP nonce. A page that renders the loader this way is marked so that
 * {@link EmbeddableFilter} does not add a second one (the tag must come before {@code </head>} for that; for the
 * iframe form, exclude the page from injection).
 */
public class EmbeddableDialect extends AbstractProcessorDialect {

    public static final String PREFIX = "rc";

    private final Embeddable embeddable;
    private final NonceResolver nonceResolver;

    public EmbeddableDialect(Embeddable embeddable, NonceResolver nonceResolver) {
        super("RingCentral Embeddable", PREFIX, 1000);
        this.embeddable = embeddable;
        this.nonceResolver = nonceResolver;
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(new EmbeddableTagProcessor(dialectPrefix));
    }

    private final class EmbeddableTagProcessor extends AbstractElementTagProcessor {

        EmbeddableTagProcessor(String prefix) {
            super(TemplateMode.HTML, prefix, "embeddable", true, null, false, 1000);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, IElementTagStructureHandler handler) {
            HttpServletRequest request = request(context);
            String nonce = request == null ? null : nonceResolver.resolve(request);
            String mode = attribute(tag, "mode", "loader");
            String markup = switch (mode) {
                case "iframe" -> embeddable.iframeTag(iframeOptions(tag));
                case "manual" -> embeddable.manualInitTags(nonce);
                case "loader" -> embeddable.scriptTag(nonce);
                default -> throw new IllegalArgumentException("<" + PREFIX + ":embeddable mode=\"" + mode
                        + "\">: write mode=\"loader\" (default), \"iframe\" or \"manual\"");
            };
            if (request != null && !mode.equals("iframe")) {
                EmbeddableFilter.skip(request); // this page places the loader itself
            }
            handler.replaceWith(markup, false);
        }

        private IframeOptions iframeOptions(IProcessableElementTag tag) {
            IframeOptions options = IframeOptions.defaults();
            if (tag.hasAttribute("id")) {
                options = options.withId(tag.getAttributeValue("id"));
            }
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

        private static HttpServletRequest request(ITemplateContext context) {
            if (context instanceof IWebContext web && web.getExchange() instanceof IServletWebExchange exchange
                    && exchange.getNativeRequestObject() instanceof HttpServletRequest request) {
                return request;
            }
            return null;
        }
    }
}
