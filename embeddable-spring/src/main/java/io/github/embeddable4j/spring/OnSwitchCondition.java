package io.github.embeddable4j.spring;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@link ConditionalOnSwitch}: every switch named on the element reads as it asks. */
final class OnSwitchCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        // repeated, they come in their container (class metadata read from bytecode does not unpack it)
        java.util.List<MergedAnnotation<ConditionalOnSwitch>> switches = new java.util.ArrayList<>();
        metadata.getAnnotations().stream(ConditionalOnSwitch.class).forEach(switches::add);
        metadata.getAnnotations().stream(ConditionalOnSwitch.Switches.class)
                .forEach(list -> switches.addAll(java.util.List.of(list.getAnnotationArray("value", ConditionalOnSwitch.class))));
        return !switches.isEmpty() && switches.stream().allMatch(annotation -> matches(context, annotation));
    }

    private static boolean matches(ConditionContext context, MergedAnnotation<ConditionalOnSwitch> annotation) {
        String text;
        try {
            text = context.getEnvironment().getProperty(EmbeddableProperties.PREFIX + "." + annotation.getString("value"));
        } catch (IllegalArgumentException undefinedPlaceholder) {
            text = null; // the settings check reports it with every other problem, not Spring's error alone
        }
        Boolean value = read(text);
        return value == null ? annotation.getBoolean("matchIfMissing") : value == annotation.getBoolean("on");
    }

    /**
     * The switch as Spring binds a boolean; null when not set or blank, and for a value that is no boolean (which the
     * settings check reports, stopping the start).
     */
    static @Nullable Boolean read(@Nullable String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> Boolean.TRUE;
            case "false", "off", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
