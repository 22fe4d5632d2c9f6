package io.github.embeddable4j.core.message;

/** Do-not-disturb status ({@code dndStatus} of {@code rc-adapter-set-presence}). */
public enum DndStatus {
    TAKE_ALL_CALLS("TakeAllCalls"),
    DO_NOT_ACCEPT_ANY_CALLS("DoNotAcceptAnyCalls"),
    DO_NOT_ACCEPT_DEPARTMENT_CALLS("DoNotAcceptDepartmentCalls"),
    TAKE_DEPARTMENT_CALLS_ONLY("TakeDepartmentCallsOnly");

    private final String wireValue;

    DndStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value the widget reads, such as {@code TakeAllCalls}. */
    public String wireValue() {
        return wireValue;
    }
}
