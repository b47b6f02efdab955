package io.fasterapi.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of a form body ({@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data}), as {@link Request#form()} returns them: text values and uploaded
 * files by field name, in request order. Empty for any other content type. Read-only; valid, like
 * its request, until the handler has returned.
 */
public interface FormData {
    /** The last text value of field {@code name} (Starlette's {@code form[name]}), if any. */
    Optional<String> value(String name);

    /** Every text value of field {@code name}, in request order. */
    List<String> values(String name);

    /** The last file of field {@code name}, if any. */
    Optional<UploadFile> file(String name);

    /** Every file of field {@code name}, in request order. */
    List<UploadFile> files(String name);

    /** The names of every field, text or file, in request order. */
    Set<String> names();
}
