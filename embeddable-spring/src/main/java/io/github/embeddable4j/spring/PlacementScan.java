package io.github.embeddable4j.spring;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.NullUnmarked;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.engine.TemplateData;
import org.thymeleaf.engine.TemplateModel;
import org.thymeleaf.model.IAttribute;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.MatchingElementName;
import org.thymeleaf.standard.expression.FragmentExpression;
import org.thymeleaf.standard.expression.IStandardExpression;
import org.thymeleaf.standard.expression.TextLiteralExpression;

/**
 * Whether a template places the widget: whether its parsed model (cached by Thymeleaf like any template), or a
 * fragment it inserts by a fixed name ({@code th:insert}, {@code th:replace}, {@code th:include}, the Layout
 * dialect's {@code layout:decorate}), contains the {@code rc:embeddable} element. A fragment chosen at run time
 * ({@code th:insert="${...}"}) cannot be looked at in advance; the tag itself still marks the request when it runs.
 */
@NullUnmarked // internal: Thymeleaf's template data has optional parts
final class PlacementScan {

    private static final Log LOG = LogFactory.getLog(PlacementScan.class);
    /** Attribute names (without prefix) whose value names a template or fragment to insert. */
    private static final Set<String> INSERTING = Set.of("insert", "replace", "include", "substituteby", "decorate", "decorator");
    private static final int MAX_DEPTH = 8;

    private final MatchingElementName element;

    PlacementScan(MatchingElementName element) {
        this.element = element;
    }

    /** Whether the template being processed in {@code context}, with what it inserts, contains the element. */
    boolean placesWidget(ITemplateContext context) {
        TemplateData data = context.getTemplateData();
        try {
            return contains(context, data.getTemplate(), data.hasTemplateSelectors() ? data.getTemplateSelectors() : null,
                    new HashSet<>(), 0);
        } catch (RuntimeException e) {
            LOG.debug("Could not look for <rc:embeddable> in template " + data.getTemplate(), e);
            return false;
        }
    }

    private boolean contains(ITemplateContext context, String template, Set<String> selectors, Set<String> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(template + "::" + selectors)) {
            return false;
        }
        TemplateModel model = context.getConfiguration().getTemplateManager()
                .parseStandalone(context, template, selectors, null, true, true);
        for (int i = 0; i < model.size(); i++) {
            if (!(model.get(i) instanceof IProcessableElementTag tag)) {
                continue;
            }
            if (element.matches(tag.getElementDefinition().getElementName())) {
                return true;
            }
            for (IAttribute attribute : tag.getAllAttributes()) {
                if (INSERTING.contains(attribute.getAttributeDefinition().getAttributeName().getAttributeName())
                        && insertsWidget(context, template, attribute.getValue(), seen, depth)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Follows a fragment expression with a fixed template name (or this template) and, if fixed, selector. */
    private boolean insertsWidget(ITemplateContext context, String current, String value, Set<String> seen, int depth) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String text = value.trim();
        FragmentExpression fragment;
        try {
            fragment = FragmentExpression.parseFragmentExpression(text.startsWith("~{") ? text : "~{" + text + "}");
        } catch (RuntimeException e) {
            return false;
        }
        if (fragment == null) {
            return false;
        }
        String template = current; // ~{:: selector} and ~{this :: selector}
        if (fragment.getTemplateName() != null) {
            String named = fixedText(fragment.getTemplateName());
            if (named == null) {
                return false; // chosen at run time
            }
            template = named.equals("this") ? current : named;
        }
        String selector = fragment.hasFragmentSelector() ? fixedText(fragment.getFragmentSelector()) : null;
        if (template.equals(current) && selector == null) {
            return false; // the whole of this template is being looked at already
        }
        try {
            return contains(context, template, selector == null ? null : Set.of(selector), seen, depth + 1);
        } catch (RuntimeException e) {
            LOG.debug("Could not look for <rc:embeddable> in fragment " + text, e);
            return false;
        }
    }

    /** The text of an expression written as a fixed name ({@code fragments/phone}, {@code 'phone'}), or null. */
    private static String fixedText(IStandardExpression expression) {
        if (expression instanceof TextLiteralExpression literal) {
            return String.valueOf(literal.getValue().getValue());
        }
        String text = expression.getStringRepresentation();
        for (String dynamic : new String[] {"${", "*{", "#{", "@{", "~{", "__", "(", "?", "+", "'"}) {
            if (text.contains(dynamic)) {
                return null;
            }
        }
        return text.trim();
    }
}
