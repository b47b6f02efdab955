package io.fasterapi.examples.techempower;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The TechEmpower entry in {@code tfb/} (benchmark_config.json, config.toml, fasterapi.dockerfile,
 * assemble.sh) says what the app serves and what the project builds: its URLs answer on the real
 * server as the toolset checks them, its values are ones the toolset accepts, and its Dockerfile
 * copies the reactor, builds this module and runs this main class with the project's JVM flags.
 */
class TfbSubmissionTest {
    static final Path TFB = Path.of("tfb");
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The toolset's test types, by their key in benchmark_config.json and in config.toml. */
    static final Map<String, String> URL_KEYS = Map.of("json_url", "json", "plaintext_url", "plaintext", "db_url", "db",
            "query_url", "query", "update_url", "update", "fortune_url", "fortune", "cached_query_url", "cached_query");
    static ThrowawayDatabase database;
    static TestClient client;

    @BeforeAll
    static void start() {
        database = ThrowawayDatabase.create(TfbSubmissionTest.class);
        client = TestClient.of(TechEmpowerApp.create(database.pool));
    }

    @AfterAll
    static void stop() {
        client.close();
        database.close();
    }

    static JsonNode config() throws IOException {
        return JSON.readTree(Files.readString(TFB.resolve("benchmark_config.json")));
    }

    /** The entry's tests by name ("default" is the one named after the framework). */
    static Map<String, JsonNode> tests() throws IOException {
        Map<String, JsonNode> tests = new LinkedHashMap<>();
        for (JsonNode group : config().path("tests")) {
            for (String name : group.propertyNames()) {
                tests.put(name, group.get(name));
            }
        }
        return tests;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyUrlOfTheConfigAnswersAsTheToolsetChecksIt() throws IOException {
        int urls = 0;
        for (JsonNode test : tests().values()) {
            for (String key : test.propertyNames()) {
                if (!key.endsWith("_url")) {
                    continue;
                }
                assertThat(URL_KEYS).as("a test type of the toolset").containsKey(key);
                String url = test.get(key).asString();
                assertThat(url).startsWith("/");
                // The toolset appends the count to the query and update URLs.
                TestResponse r = client.get(url.endsWith("=") ? url + "20" : url);
                assertThat(r.status()).as(url).isEqualTo(200);
                assertThat(r.header("server")).as(url).isNotBlank();
                assertThat(r.header("date")).as(url).isNotBlank();
                switch (key) {
                    case "json_url" -> assertThat(r.text()).isEqualTo("{\"message\":\"Hello, World!\"}");
                    case "plaintext_url" -> assertThat(r.text()).isEqualTo("Hello, World!");
                    case "db_url" -> assertThat(r.json(Map.class).keySet()).containsExactlyInAnyOrder("id", "randomNumber");
                    case "query_url", "update_url" -> assertThat(r.json(List.class)).as(url).hasSize(20);
                    case "fortune_url" -> assertThat(r.text()).contains("Additional fortune added at request time.");
                    default -> throw new AssertionError("no check for " + key);
                }
                urls++;
            }
        }
        assertThat(urls).as("all six tests").isEqualTo(6);
    }

    @Test
    void configHoldsValuesTheToolsetAccepts() throws IOException {
        assertThat(config().path("framework").asString()).isEqualTo("fasterapi");
        Map<String, JsonNode> tests = tests();
        assertThat(tests).containsKey("default");
        for (Map.Entry<String, JsonNode> e : tests.entrySet()) {
            JsonNode t = e.getValue();
            assertThat(t.path("language").asString()).isEqualTo("Java");
            assertThat(t.path("approach").asString()).isIn("Realistic", "Stripped");
            assertThat(t.path("classification").asString()).isIn("Fullstack", "Micro", "Platform");
            assertThat(t.path("database").asString()).isEqualTo("Postgres");
            assertThat(t.path("orm").asString()).isIn("Full", "Micro", "Raw");
            assertThat(t.path("os").asString()).isEqualTo("Linux");
            assertThat(t.path("database_os").asString()).isEqualTo("Linux");
            assertThat(t.path("display_name").asString()).isNotBlank();
            assertThat(t.path("port").asInt()).as("the app's default port").isEqualTo(8080);
            String dockerfile = e.getKey().equals("default") ? "fasterapi.dockerfile" : "fasterapi-" + e.getKey() + ".dockerfile";
            assertThat(TFB.resolve(dockerfile)).as("the toolset builds the test from it").isRegularFile();
        }
    }

    @Test
    void configTomlSaysWhatBenchmarkConfigSays() throws IOException {
        Map<String, Map<String, String>> toml = new LinkedHashMap<>();
        Map<String, String> section = null;
        for (String line : Files.readAllLines(TFB.resolve("config.toml"))) {
            Matcher header = Pattern.compile("^\\[(.+)]$").matcher(line.trim());
            Matcher entry = Pattern.compile("^([\\w.]+) = \"(.*)\"$").matcher(line.trim());
            if (header.matches()) {
                section = toml.computeIfAbsent(header.group(1), k -> new LinkedHashMap<>());
            } else if (entry.matches()) {
                section.put(entry.group(1), entry.group(2));
            }
        }
        assertThat(toml.get("framework")).containsEntry("name", config().path("framework").asString());
        for (Map.Entry<String, JsonNode> e : tests().entrySet()) {
            Map<String, String> expected = new LinkedHashMap<>();
            for (String key : e.getValue().propertyNames()) {
                if (key.endsWith("_url")) {
                    expected.put("urls." + URL_KEYS.get(key), e.getValue().get(key).asString());
                } else if (Set.of("approach", "classification", "database", "database_os", "os", "orm", "platform", "webserver",
                        "versus").contains(key)) {
                    expected.put(key, e.getValue().get(key).asString());
                }
            }
            assertThat(toml.get(e.getKey().equals("default") ? "main" : e.getKey())).as(e.getKey())
                    .containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @Test
    void dockerfileCopiesTheReactorAndBuildsThisModule() throws Exception {
        List<String> copied = copySources();
        for (String source : copied) {
            assertThat(ROOT.resolve(source)).as("COPY %s", source).exists();
        }
        Map<String, Path> modules = new LinkedHashMap<>(); // artifactId -> module directory, relative to the root
        collectModules(Path.of(""), modules);
        for (Path module : modules.values()) {
            assertThat(copied.stream().anyMatch(s -> module.startsWith(Path.of(s)) || Path.of(s).equals(module.resolve("pom.xml"))))
                    .as("Maven reads every module's pom: %s", module).isTrue();
        }
        Path app = Path.of("examples/techempower");
        assertThat(artifactId(app)).isEqualTo("techempower");
        List<Path> built = new ArrayList<>(List.of(app));
        for (int i = 0; i < built.size(); i++) { // the -am closure: every io.fasterapi module the app needs
            for (String dependency : fasterapiDependencies(built.get(i))) {
                Path module = modules.get(dependency);
                assertThat(module).as("module of %s", dependency).isNotNull();
                if (!built.contains(module)) {
                    built.add(module);
                }
            }
        }
        for (Path module : built) {
            assertThat(copied.stream().anyMatch(s -> module.startsWith(Path.of(s)))).as("built, so copied whole: %s", module)
                    .isTrue();
        }
        String dockerfile = Files.readString(TFB.resolve("fasterapi.dockerfile"));
        assertThat(dockerfile).contains("-pl " + app + " -am").contains(app + "/target/techempower-*.jar");
        assertThat(Pattern.compile("^FROM .*25.*$", Pattern.MULTILINE).matcher(dockerfile).results().count())
                .as("both stages on Java 25").isEqualTo(2);
        assertThat(dockerfile).containsPattern("(?m)^ENV HOST=0\\.0\\.0\\.0$")
                .containsPattern("(?m)^EXPOSE " + tests().get("default").path("port").asInt() + "$");
    }

    @Test
    void dockerfileRunsTheAppWithTheProjectsJvmFlags() throws Exception {
        String cmd = Files.readAllLines(TFB.resolve("fasterapi.dockerfile")).stream().filter(l -> l.startsWith("CMD "))
                .findFirst().orElseThrow().substring(4);
        List<String> args = new ArrayList<>();
        JSON.readTree(cmd).forEach(a -> args.add(a.asString()));
        assertThat(args.getFirst()).isEqualTo("java");
        assertThat(args.getLast()).isEqualTo(TechEmpowerApp.class.getName());
        assertThat(args).containsSubsequence(projectJvmFlags());
        assertThat(args.subList(args.indexOf("-cp"), args.size() - 1)).containsExactly("-cp", "/app/techempower.jar:/app/lib/*");
    }

    @Test
    void assembledEntryHoldsTheConfigAndWhatTheDockerfileCopies(@TempDir Path dir) throws Exception {
        Path entry = dir.resolve("fasterapi");
        Process p = new ProcessBuilder("bash", TFB.resolve("assemble.sh").toString(), entry.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        for (String file : List.of("benchmark_config.json", "config.toml", "fasterapi.dockerfile")) {
            assertThat(entry.resolve(file)).hasSameTextualContentAs(TFB.resolve(file));
        }
        String readme = Files.readString(entry.resolve("README.md"));
        Matcher links = Pattern.compile("\\]\\((examples/[^)]+)\\)").matcher(readme);
        int count = 0;
        while (links.find()) {
            assertThat(entry.resolve(links.group(1))).as("a link of the README").exists();
            count++;
        }
        assertThat(count).isPositive();
        for (String source : copySources()) {
            assertThat(entry.resolve(source)).as("COPY %s", source).exists();
        }
    }

    /** The sources of the Dockerfile's COPY lines (not those from another stage). */
    static List<String> copySources() throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(TFB.resolve("fasterapi.dockerfile"))) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("COPY") && !words[1].startsWith("--")) {
                sources.add(words[1]);
            }
        }
        assertThat(sources).isNotEmpty();
        return sources;
    }

    /** The root pom's {@code fasterapi.jvm.flags} as on Java 25, where its unsafe-memory-access profile is active. */
    static List<String> projectJvmFlags() throws Exception {
        Element root = pom(Path.of(""));
        Map<String, String> properties = properties(root);
        NodeList profiles = root.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if (text(profile, "id").equals("unsafe-memory-access")) {
                properties.putAll(properties(profile));
            }
        }
        String flags = properties.get("fasterapi.jvm.flags");
        Matcher ref = Pattern.compile("\\$\\{([^}]+)}").matcher(flags);
        flags = ref.replaceAll(m -> Matcher.quoteReplacement(properties.get(m.group(1))));
        assertThat(flags).contains("--sun-misc-unsafe-memory-access=allow");
        return List.of(flags.trim().split("\\s+"));
    }

    static void collectModules(Path dir, Map<String, Path> modules) throws Exception {
        Element pom = pom(dir);
        modules.put(artifactId(dir), dir);
        NodeList list = pom.getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            collectModules(dir.resolve(list.item(i).getTextContent().trim()), modules);
        }
    }

    static List<String> fasterapiDependencies(Path module) throws Exception {
        List<String> ids = new ArrayList<>();
        NodeList dependencies = pom(module).getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (text(d, "groupId").equals("io.fasterapi")) {
                ids.add(text(d, "artifactId"));
            }
        }
        return ids;
    }

    static String artifactId(Path module) throws Exception {
        return text(pom(module), "artifactId");
    }

    static Element pom(Path module) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve(module).resolve("pom.xml").toFile())
                .getDocumentElement();
    }

    /** The text of {@code parent}'s own child element {@code name}, or "". */
    static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    static Map<String, String> properties(Element parent) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("properties")) {
                for (Node p = e.getFirstChild(); p != null; p = p.getNextSibling()) {
                    if (p instanceof Element property) {
                        properties.put(property.getTagName(), property.getTextContent().trim());
                    }
                }
            }
        }
        return properties;
    }
}
