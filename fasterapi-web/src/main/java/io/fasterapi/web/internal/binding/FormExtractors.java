package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.Form;
import io.fasterapi.web.UploadFile;
import io.fasterapi.web.internal.binding.SimpleExtractors.Arity;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.request.RequestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Extractors of form parameters ({@link Form}, FastAPI's {@code Form()}/{@code File()}): text fields
 * follow the query rules (the last of repeated keys, lists, defaults), files bind to
 * {@link UploadFile}, {@code Optional}/{@code List} of it, or {@code byte[]}. Errors are located at
 * {@code ["body", field]}, as FastAPI's. Built once per parameter at startup.
 */
final class FormExtractors {
    private FormExtractors() {
    }

    /** Whether {@code type} binds to a file part: {@code UploadFile}, or {@code Optional}/{@code List} of it. */
    static boolean isUpload(Type type) {
        Class<?> raw = JsonBodyChecker.rawClass(type);
        if (raw == Optional.class || raw == List.class || raw == Collection.class) {
            return JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(type, 0)) == UploadFile.class;
        }
        return raw == UploadFile.class;
    }

    /** The form field name of {@code p}: {@code @Form("name")}, else the parameter's name. */
    static String fieldName(Parameter p) {
        Form f = p.getAnnotation(Form.class);
        return f == null || f.value().isEmpty() ? p.getName() : f.value();
    }

    static ParamExtractor of(Parameter p, ParameterModel model, String where) {
        Type type = p.getParameterizedType();
        Class<?> raw = p.getType();
        Arity arity = raw == Optional.class ? Arity.OPTIONAL
                : Collection.class.isAssignableFrom(raw) ? Arity.LIST : Arity.ONE;
        Class<?> element = arity == Arity.ONE ? raw : JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(type, 0));
        List<Object> loc = List.of("body", model.name());
        String name = model.name();
        if (element == UploadFile.class || element == byte[].class) {
            return files(name, arity, element == byte[].class, model.required(), loc);
        }
        StringConverter converter = ScalarConverters.forType(element);
        if (converter == null) {
            throw new IllegalArgumentException(where + ": form parameter '" + p.getName() + "' has type "
                    + type.getTypeName() + ", which cannot be read from a form field");
        }
        Object defaultValue = BindingCompiler.defaultValue(model, arity, converter, element, where);
        return SimpleExtractors.text(request -> request.form().values(name), true, arity, converter, defaultValue,
                model.required(), loc);
    }

    private static ParamExtractor files(String name, Arity arity, boolean asBytes, boolean required, List<Object> loc) {
        return new ParamExtractor() {
            @Override
            public Object extract(RequestContext request) {
                List<UploadFile> files = request.form().files(name);
                if (files.isEmpty()) {
                    List<String> texts = request.form().values(name);
                    if (!texts.isEmpty()) {
                        request.addError(new ValidationError("value_error", loc,
                                "Value error, Expected UploadFile, received: <class 'str'>", texts.get(texts.size() - 1),
                                Map.of("error", Map.of())));
                    } else if (required) {
                        request.addError(ValidationError.missing(loc, null));
                    }
                    return switch (arity) {
                        case OPTIONAL -> Optional.empty();
                        case LIST -> List.of();
                        case ONE -> null;
                    };
                }
                return switch (arity) {
                    case ONE -> value(files.get(files.size() - 1));
                    case OPTIONAL -> Optional.of(value(files.get(files.size() - 1)));
                    case LIST -> {
                        List<Object> out = new ArrayList<>(files.size());
                        for (UploadFile f : files) {
                            out.add(value(f));
                        }
                        yield out;
                    }
                };
            }

            private Object value(UploadFile f) {
                if (!asBytes) {
                    return f;
                }
                try {
                    return f.bytes();
                } catch (IOException e) {
                    throw new UncheckedIOException("reading upload " + f.name() + " failed", e);
                }
            }
        };
    }
}
