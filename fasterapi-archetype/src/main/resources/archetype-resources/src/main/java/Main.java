package ${package};

import io.fasterapi.web.Settings;

/** Starts the app: settings from the environment and .env, then serves until stopped (Ctrl-C, SIGTERM). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppSettings settings = Settings.load(AppSettings.class);
        Application.create(settings).run(settings.port());
    }
}
