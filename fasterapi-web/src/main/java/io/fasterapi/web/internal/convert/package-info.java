/**
 * Scalar conversions the way pydantic 2 makes them: text and JSON scalars to Java values (numbers
 * with their bounds, dates and times as speedate reads them, UUIDs, enums by their JSON value) with
 * pydantic's error types and messages. Used by parameter binding and by the JSON body checker; knows
 * neither of them.
 */
package io.fasterapi.web.internal.convert;
