package io.fasterapi.examples.secure;

import io.fasterapi.web.HttpException;
import io.fasterapi.web.Security;

/** Makes the {@link ActiveUser} dependency: the current user with the {@code me} scope, not disabled. */
public final class ActiveUserFactory {
    /** The request's active user; 400 "Inactive user" for a disabled account, as FastAPI's tutorial. */
    public ActiveUser activeUser(@Security(scopes = "me") CurrentUser current) {
        if (current.user().disabled()) {
            throw new HttpException(400, "Inactive user");
        }
        return new ActiveUser(current.user());
    }
}
