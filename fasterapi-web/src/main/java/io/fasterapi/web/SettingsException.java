package io.fasterapi.web;

import java.util.List;

/**
 * Settings could not be loaded: one or more variables are missing or invalid. The message names
 * every bad variable with what is wrong with it, one per line, and never a value (a value may be a
 * secret), so printing it at startup is safe.
 */
public final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One bad variable.
     *
     * @param variable the environment variable's name, as looked up ({@code APP_DB__PORT})
     * @param problem what is wrong, in pydantic's words ({@code Field required})
     */
    public record Problem(String variable, String problem) {
    }

    private final transient List<Problem> problems;

    public SettingsException(String settingsName, List<Problem> problems) {
        super(message(settingsName, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every bad variable, in the order of the settings' components. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String settingsName, List<Problem> problems) {
        StringBuilder b = new StringBuilder();
        b.append(problems.size()).append(problems.size() == 1 ? " invalid setting" : " invalid settings")
                .append(" for ").append(settingsName).append(':');
        for (Problem p : problems) {
            b.append("\n  ").append(p.variable()).append(": ").append(p.problem());
        }
        return b.toString();
    }
}
