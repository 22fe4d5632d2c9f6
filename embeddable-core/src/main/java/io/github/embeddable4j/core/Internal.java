package io.github.embeddable4j.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Not API: the type or member is public only because another module of embeddable4j, a framework (by reflection, a
 * service loader, {@code spring.factories}) or a command line must reach it. It may change or disappear in any
 * release, without notice or deprecation; application code should not use it. {@link #value()} says who it is for.
 *
 * <p>Everything public that is not marked is API, and changes to it follow the version number: nothing is removed
 * or changed incompatibly within a major version once 1.0 is out (before 1.0, incompatible changes are listed in the
 * changelog). Retained in class files, so tools that check API compatibility can see the mark.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Internal {

    /**
     * Who the element is public for, such as {@code "embeddable4j's servlet adapter"}.
     *
     * @return the reason it is public, or an empty string
     */
    String value() default "";
}
