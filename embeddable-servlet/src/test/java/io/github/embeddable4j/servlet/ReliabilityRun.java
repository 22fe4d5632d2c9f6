package io.github.embeddable4j.servlet;

/**
 * Sizes and seeds of the reliability suites, the same switches as core's. {@code mvn verify} runs them at CI size
 * with a fixed base seed, so a CI failure repeats exactly; {@code -Dreliability.long=true} runs the long size, {@code -Dreliability.seed=N} another
 * seed, and {@code -Dreliability.<suite>.count=N} any size. Each suite prints its seed and size when it starts.
 */
final class ReliabilityRun {

    /** The base seed CI runs with. */
    static final long CI_SEED = 20_240_601L;

    private ReliabilityRun() {
    }

    /** Whether this is the long run ({@code -Dreliability.long=true}). */
    static boolean longRun() {
        return Boolean.getBoolean("reliability.long");
    }

    /** The base seed: {@code -Dreliability.seed}, else {@link #CI_SEED}. */
    static long seed() {
        return Long.getLong("reliability.seed", CI_SEED);
    }

    /** A suite's size: {@code -Dreliability.<suite>.count}, else the long or the CI size. */
    static int count(String suite, int ciSize, int longSize) {
        return Integer.getInteger("reliability." + suite + ".count", longRun() ? longSize : ciSize);
    }

    /** Prints what a suite is about to run, and how to repeat it. */
    static void announce(String suite, String what) {
        System.out.println("[reliability] " + suite + ": " + what + ", seed " + seed() + (longRun() ? " (long run)" : "")
                + "; repeat with -Dreliability.seed=" + seed() + (longRun() ? " -Dreliability.long=true" : ""));
    }

    /** Prints a suite's result line. */
    static void report(String suite, String what) {
        System.out.println("[reliability] " + suite + ": " + what);
    }

    /** A well-mixed seed for case {@code index} of a suite (SplitMix64's finaliser), so cases are independent. */
    static long caseSeed(long base, long index) {
        long z = base + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
