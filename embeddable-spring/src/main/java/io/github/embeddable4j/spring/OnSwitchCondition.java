package io.github.embeddable4j.spring;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link ConditionalOnSwitch}: every switch named on the element reads as it asks. A Spring Boot condition, so that
 * {@code --debug}'s conditions report says which switch made a bean or kept it out (a trial's question: why is there
 * no setup page?).
 */
final class OnSwitchCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        // repeated, they come in their container (class metadata read from bytecode does not unpack it)
        java.util.List<MergedAnnotation<ConditionalOnSwitch>> switches = new java.util.ArrayList<>();
        metadata.getAnnotations().stream(ConditionalOnSwitch.class).forEach(switches::add);
        metadata.getAnnotations().stream(ConditionalOnSwitch.Switches.class)
                .forEach(list -> switches.addAll(java.util.List.of(list.getAnnotationArray("value", ConditionalOnSwitch.class))));
        ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSwitch.class);
        if (switches.isEmpty()) {
            return ConditionOutcome.noMatch(message.because("no switch is named"));
        }
        java.util.List<String> read = new java.util.ArrayList<>();
        for (MergedAnnotation<ConditionalOnSwitch> annotation : switches) {
            String name = EmbeddableProperties.PREFIX + "." + annotation.getString("value");
            String text;
            try {
                text = context.getEnvironment().getProperty(name);
            } catch (IllegalArgumentException undefinedPlaceholder) {
                text = null; // the settings check reports it with every other problem, not Spring's error alone
            }
            Boolean value = read(text);
            boolean on = annotation.getBoolean("on");
            String said = name + (value == null || text == null ? " not set (" + (annotation.getBoolean("matchIfMissing")
                    ? "on" : "off") + " by default)" : "=" + text.trim());
            if (value == null ? !annotation.getBoolean("matchIfMissing") : value != on) {
                return ConditionOutcome.noMatch(message.because(said));
            }
            read.add(said);
        }
        return ConditionOutcome.match(message.because(String.join(", ", read)));
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
