package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model a route method's answer is written through, where its return type cannot say it
 * (FastAPI's {@code response_model=}, {@code response_model_exclude_none=},
 * {@code response_model_exclude_unset=}). Without this annotation the model is the declared return
 * type ({@code T} of a {@code Future<T>} or {@code CompletionStage<T>}), as in FastAPI, where the
 * return annotation is the response model: only the properties the model declares leave the server,
 * so a record holding a password hash, returned from a method declared to return an interface
 * without it, never sends the hash; and OpenAPI documents the model. A returned {@link Response} is
 * sent as it is, bypassing the model, as in FastAPI.
 *
 * {@snippet :
 * @Get("/users/{id}") @ResponseModel(PublicUser.class)
 * public Map<String, Object> user(int id) { ... }          // written as a PublicUser
 *
 * @Get("/users") @ResponseModel(value = PublicUser.class, excludeNone = true)
 * public List<UserRow> users() { ... }                     // a list of PublicUser, nulls left out
 * }
 *
 * <p>When the declared return type is a collection or array and {@link #value()} is not, the
 * model is a list of {@code value}. When both the return type and this annotation name a model,
 * the annotation wins (FastAPI: {@code response_model} wins over the return annotation).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ResponseModel {
    /** The model; {@code void.class} (the default) keeps the declared return type as the model. */
    Class<?> value() default void.class;

    /** Leaves out properties whose value is null or an empty {@code Optional} or {@link Omittable}. */
    boolean excludeNone() default false;

    /** Leaves out {@link Omittable} properties that are absent (were never set). */
    boolean excludeUnset() default false;
}
