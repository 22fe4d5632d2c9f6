package io.github.embeddable4j.core.setup;

import static io.github.embeddable4j.core.WidgetParameter.*;

import io.github.embeddable4j.core.Brand;
import io.github.embeddable4j.core.CallWith;
import io.github.embeddable4j.core.Direction;
import io.github.embeddable4j.core.WidgetParameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One field of the setup page's config form. Its {@link #name()} is the setting's kebab-case key, which
 * {@link io.github.embeddable4j.core.EmbeddableConfig#fromMap} reads as is, so a submitted form is a settings map.
 *
 * @param name        the query parameter and settings key, such as {@code default-call-with}
 * @param setting     the setting as the widget (and a {@code ConfigProblem}) names it, such as {@code defaultCallWith}
 * @param kind        how it is entered
 * @param options     the values of a {@link Kind#SELECT}; the first option, blank, is the default
 * @param description what the setting does
 * @param typeHint    what to type, for text fields
 * @param group       where on the form it sits
 * @param defaultOn   for a checkbox, whether the setting is on unless turned off ({@code disableGlip})
 */
record FormField(String name, String setting, Kind kind, List<String> options, String description, String typeHint,
        Group group, boolean defaultOn) {

    /** How a field is entered. */
    enum Kind { CHECKBOX, SELECT, TEXT }

    /** The form's sections, in page order. */
    enum Group {
        CREDENTIALS("Credentials and server"),
        HOSTING("Hosting"),
        FEATURES("Features on and off"),
        CALLING("Calling and tabs"),
        LOADER_UI("Floating widget (loader only)"),
        ADVANCED("Advanced");

        final String title;

        Group(String title) {
            this.title = title;
        }
    }

    /** The five servers the widget accepts for discovery (it ignores any other); the form test checks each is accepted. */
    static final List<String> DISCOVERY_SERVERS = List.of("https://platform.ringcentral.com", "https://platform.devtest.ringcentral.com",
            "https://platform.ringcentral.biz", "https://discovery.ringcentral.com", "https://discovery.ringcentral.biz");

    private static final Set<WidgetParameter> CREDENTIALS = EnumSet.of(CLIENT_ID, APP_SERVER, REDIRECT_URI, EXTERNAL_AUTH_ID,
            AUTH_PROXY, DISCOVERY, DISCOVER_APP_SERVER);
    private static final Set<WidgetParameter> HOSTING = EnumSet.of(BRAND, STYLES_URI);
    private static final Set<WidgetParameter> FEATURES = EnumSet.of(DISABLE_CALL, DISABLE_MESSAGES, DISABLE_READ_TEXT,
            DISABLE_CALL_HISTORY, DISABLE_CONTACTS, DISABLE_MEETING, DISABLE_GLIP, DISABLE_CONFERENCE_INVITE, ENABLE_SMS_TEMPLATE,
            ENABLE_SMART_NOTE, ENABLE_SHARED_MESSAGES, ENABLE_SIDE_WIDGET, ENABLE_VOICEMAIL_DROP, ENABLE_LOAD_MORE_CALLS,
            ENABLE_RINGTONE_SETTINGS, DISABLE_NOISE_REDUCTION, ENABLE_NOISE_REDUCTION_SETTING, SHOW_SIGN_UP_BUTTON,
            ENABLE_AUDIO_INIT_PROMPT, ENABLE_TYPING_TIME_TRACKING, DEFAULT_AUTO_LOG_CALL_ENABLED, DEFAULT_AUTO_LOG_MESSAGE_ENABLED);
    private static final Set<WidgetParameter> CALLING = EnumSet.of(DEFAULT_CALL_WITH, ENABLE_FROM_NUMBER_SETTING,
            ENABLE_RINGOUT_CALLER_ID, SHOW_MY_LOCATION_NUMBERS, ENABLE_WEBRTC_PLAN_B, MULTIPLE_TABS_SUPPORT,
            DISCONNECT_INACTIVE_WEBPHONE, DISABLE_INACTIVE_TAB_CALL_EVENT, MAIN_TAB);

    private static final List<FormField> ALL = build();

    /** Every field, grouped in {@link Group} order and within a group in {@link WidgetParameter} order. Never a secret. */
    static List<FormField> all() {
        return ALL;
    }

    /** Whether a value can be shown in this field as it is (a select has only its options). */
    boolean fits(String value) {
        return switch (kind) {
            case TEXT -> true;
            case SELECT -> options.contains(value);
            case CHECKBOX -> value.equals("true") || value.equals("false");
        };
    }

    private static List<FormField> build() {
        List<FormField> fields = new ArrayList<>();
        fields.add(new FormField("require-client-id", "requireClientId", Kind.CHECKBOX, List.of(),
                "Whether a missing client ID is an error rather than a warning (turn it on in production).", "", Group.CREDENTIALS, false));
        fields.add(new FormField("hosting", "hosting", Kind.TEXT, List.of(), "Where the widget is loaded from: latest (default),"
                + " a channel such as 2.x, a version such as 2.3.1, github-pages, or the https:// folder of your own copy.",
                "latest", Group.HOSTING, false));
        fields.add(new FormField("frame-origins", "frameOrigins", Kind.TEXT, List.of(), "Origins the widget's frame may run on"
                + " besides those of the hosting (a self-hosted loader that frames app.html elsewhere), separated by commas.",
                "https origins", Group.HOSTING, false));
        for (WidgetParameter p : WidgetParameter.values()) {
            if (!p.isSecret()) {
                fields.add(of(p));
            }
        }
        fields.sort((a, b) -> a.group.compareTo(b.group)); // stable: keeps the order within a group
        return List.copyOf(fields);
    }

    private static FormField of(WidgetParameter p) {
        Group group = CREDENTIALS.contains(p) ? Group.CREDENTIALS : HOSTING.contains(p) ? Group.HOSTING
                : FEATURES.contains(p) ? Group.FEATURES : CALLING.contains(p) ? Group.CALLING
                : p.placement() == Placement.LOADER_ONLY ? Group.LOADER_UI : Group.ADVANCED;
        List<String> options = switch (p.type()) {
            case APP_SERVER -> List.of("", "production", "sandbox", "ringcentral-biz");
            case CALL_WITH -> blankAnd(Arrays.stream(CallWith.values()).map(CallWith::wireValue).toList());
            case DIRECTION -> blankAnd(Arrays.stream(Direction.values()).map(Direction::wireValue).toList());
            case BRAND -> blankAnd(Arrays.stream(Brand.values()).map(Brand::wireValue).toList());
            case DISCOVERY_SERVER -> blankAnd(DISCOVERY_SERVERS);
            default -> List.of();
        };
        Kind kind = p.type().isBoolean() ? Kind.CHECKBOX : options.isEmpty() ? Kind.TEXT : Kind.SELECT;
        String hint = switch (p.type()) {
            case URL -> "https URL";
            case INTEGER -> "number";
            default -> "text";
        };
        return new FormField(p.kebabName(), p.wireName(), kind, options, p.description(), kind == Kind.TEXT ? hint : "", group,
                p.type() == ValueType.FLAG_DEFAULT_ON);
    }

    private static List<String> blankAnd(List<String> values) {
        List<String> options = new ArrayList<>();
        options.add("");
        options.addAll(values);
        return List.copyOf(options);
    }
}
