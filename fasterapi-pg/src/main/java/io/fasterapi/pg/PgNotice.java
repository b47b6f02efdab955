package io.fasterapi.pg;

import java.util.Map;

/**
 * A NoticeResponse (a WARNING, NOTICE, INFO... from the server). Notices are logged and passed
 * to the listeners registered with {@link Pg#onNotice}.
 *
 * @param severity severity (WARNING, NOTICE, DEBUG, INFO, LOG)
 * @param code     SQLSTATE
 * @param message  primary message
 * @param fields   every field by its protocol code
 */
public record PgNotice(String severity, String code, String message, Map<Character, String> fields) {
}
