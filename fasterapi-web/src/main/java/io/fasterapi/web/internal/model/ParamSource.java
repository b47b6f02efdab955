package io.fasterapi.web.internal.model;

/**
 * Where a handler parameter's value comes from (FastAPI's {@code Path}, {@code Query}...). {@code FORM}
 * is a form field or uploaded file of a urlencoded or multipart body; {@code SECURITY_SCOPES} is a
 * {@code SecurityScopes} parameter, given the OAuth2 scopes required on the way to it.
 */
public enum ParamSource {
    PATH("path"), QUERY("query"), HEADER("header"), COOKIE("cookie"), BODY("body"), FORM("body"),
    DEPENDENCY(null), REQUEST(null), RESPONSE(null), SECURITY_SCOPES(null);

    private final String location;

    ParamSource(String location) {
        this.location = location;
    }

    /** The first element of an error's {@code loc} for this source ({@code "query"}), or null. */
    public String location() {
        return location;
    }
}
