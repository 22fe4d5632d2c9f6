package io.github.embeddable4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * On where the {@code ringcentral.embeddable.<value>} switch reads as {@link #on()}, the way Spring binds a boolean:
 * {@code true}, {@code on}, {@code yes}, {@code 1} and their opposites, in any case; a blank value is not set. Spring
 * Boot's {@code havingValue} compares the text, so {@code bridge.enabled=1} bound to true in the properties while the
 * bridge was never made, and {@code inject.anonymous=no} gave visitors who had not signed in the widget (a review).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnSwitchCondition.class)
@Repeatable(ConditionalOnSwitch.Switches.class)
@interface ConditionalOnSwitch {

    /** The switch's name under {@code ringcentral.embeddable}, such as {@code inject.enabled}. */
    String value();

    /** The value it matches. */
    boolean on() default true;

    /** Whether it matches when the switch is not set (or blank). */
    boolean matchIfMissing() default false;

    /** Several switches, all of which must match. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Documented
    @Conditional(OnSwitchCondition.class)
    @interface Switches {
        ConditionalOnSwitch[] value();
    }
}
