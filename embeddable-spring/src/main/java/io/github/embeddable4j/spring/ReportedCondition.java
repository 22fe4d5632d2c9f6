package io.github.embeddable4j.spring;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A yes-or-no condition of the starter's, as a Spring Boot condition: {@code --debug}'s conditions report then says
 * what it found, in {@code ifTrue}'s or {@code ifFalse}'s words (Spring's plain conditions leave a bean out unsaid).
 */
abstract class ReportedCondition extends SpringBootCondition {

    private final String ifTrue;
    private final String ifFalse;

    ReportedCondition(String ifTrue, String ifFalse) {
        this.ifTrue = ifTrue;
        this.ifFalse = ifFalse;
    }

    /** Whether the condition holds. */
    abstract boolean test(ConditionContext context);

    @Override
    public final ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean holds = test(context);
        return new ConditionOutcome(holds, ConditionMessage.forCondition(getClass().getSimpleName())
                .because(holds ? ifTrue : ifFalse));
    }
}
