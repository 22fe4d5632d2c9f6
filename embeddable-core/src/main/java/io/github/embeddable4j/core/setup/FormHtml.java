package io.github.embeddable4j.core.setup;

import static io.github.embeddable4j.core.setup.Html.text;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders the config form: one fieldset per {@link FormField.Group}, each field with its description and type,
 * filled in from a {@link SetupForm}. It is sent with GET, so a result is a link that can be shared or bookmarked.
 */
final class FormHtml {

    private final StringBuilder out;

    FormHtml(StringBuilder out) {
        this.out = out;
    }

    void render(SetupForm form) {
        // No action: the form goes to this page's own URL, wherever it is mapped (and CSP form-action 'self' allows it).
        out.append("<form method=\"get\" id=\"tool-form\"><input type=\"hidden\" name=\"").append(SetupForm.SUBMITTED)
                .append("\" value=\"1\">");
        FormField.@Nullable Group group = null;
        for (FormField field : FormField.all()) {
            if (field.group() != group) {
                if (group != null) {
                    closeGroup(group, form);
                }
                group = field.group();
                out.append("<fieldset><legend>").append(text(group.title)).append("</legend>");
            }
            field(field, form);
        }
        if (group != null) {
            closeGroup(group, form);
        }
        out.append("<p><button type=\"submit\">Check these settings</button></p></form>");
    }

    private void closeGroup(FormField.Group group, SetupForm form) {
        if (group == FormField.Group.ADVANCED) {
            out.append("<div class=\"field\"><label for=\"f-extra\">More settings</label><span class=\"type\">key=value, one a line"
                    + "</span><textarea id=\"f-extra\" name=\"").append(SetupForm.EXTRA).append("\" rows=\"5\" spellcheck=\"false\">\n")
                    .append(text(form.extra)).append("</textarea><p class=\"desc\">Any widget setting under any of its names"
                    + " (<code>clientId</code>, <code>client-id</code>, <code>ringcentral.embeddable.client-id</code>), a custom"
                    + " <code>app-server=https://...</code>, or <code>params.&lt;name&gt;</code> for a parameter this library does"
                    + " not know. A misspelt name gets a suggestion. The adapters' own switches (<code>login.*</code>,"
                    + " <code>bridge.*</code>, ...) are not checked here. Never type a secret here: it is refused.</p></div>");
        }
        out.append("</fieldset>");
    }

    private void field(FormField f, SetupForm form) {
        String id = "f-" + f.name();
        String value = form.values.get(f.name());
        switch (f.kind()) {
            case CHECKBOX -> {
                boolean checked = value == null ? f.defaultOn() : value.equals("true");
                out.append("<div class=\"field check\">");
                if (f.defaultOn()) {
                    out.append("<input type=\"hidden\" name=\"").append(f.name()).append("\" value=\"false\">");
                }
                out.append("<input type=\"checkbox\" id=\"").append(id).append("\" name=\"")
                        .append(f.name()).append("\" value=\"true\"").append(checked ? " checked" : "").append("><label for=\"")
                        .append(id).append("\"><code>").append(f.name()).append("</code></label>");
                description(f, f.defaultOn() ? "on by default" : "on/off");
            }
            case SELECT -> {
                out.append("<div class=\"field\"><label for=\"").append(id).append("\"><code>").append(f.name())
                        .append("</code></label><span class=\"type\">one of the list</span><select id=\"").append(id)
                        .append("\" name=\"").append(f.name()).append("\">");
                List<String> options = new ArrayList<>(f.options());
                if (value != null && !options.contains(value)) {
                    options.add(value); // what was typed stays visible, even if it is not a choice
                }
                for (String option : options) {
                    boolean selected = option.equals(value == null ? "" : value);
                    out.append("<option value=\"").append(text(option)).append('"').append(selected ? " selected" : "").append('>')
                            .append(option.isEmpty() ? "(default)" : text(option)).append("</option>");
                }
                out.append("</select>");
                description(f, null);
            }
            case TEXT -> {
                out.append("<div class=\"field\"><label for=\"").append(id).append("\"><code>").append(f.name())
                        .append("</code></label><span class=\"type\">").append(text(f.typeHint())).append("</span><input type=\"text\" id=\"")
                        .append(id).append("\" name=\"").append(f.name()).append("\" value=\"").append(text(value == null ? "" : value))
                        .append("\" spellcheck=\"false\" autocomplete=\"off\">");
                description(f, null);
            }
        }
    }

    private void description(FormField f, @Nullable String type) {
        if (type != null) {
            out.append("<p class=\"desc\"><span class=\"type\">(").append(type).append(")</span> ");
        } else {
            out.append("<p class=\"desc\">");
        }
        out.append(text(f.description())).append("</p></div>");
    }
}
