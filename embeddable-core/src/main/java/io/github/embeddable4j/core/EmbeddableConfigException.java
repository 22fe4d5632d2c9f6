package io.github.embeddable4j.core;

import java.util.List;

/**
 * Thrown when a configuration is invalid. It lists every problem at once, each with the property to change and
 * how, so one failed start is enough to fix them all.
 */
public class EmbeddableConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /** An exception listing {@code problems} (at least one), each with its fix, in its message. */
    public EmbeddableConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in a stable order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    static String describe(List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder("Invalid RingCentral Embeddable configuration (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        int n = 1;
        for (ConfigProblem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(n++).append(". ").append(p.property())
                    .append(": ").append(p.message())
                    .append(System.lineSeparator()).append("     Fix: ").append(p.fix());
        }
        return sb.toString();
    }
}
