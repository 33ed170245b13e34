package org.consent4j.examples.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each registration example, started on a real Jetty and asked over HTTP. */
final class RegistrationExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path WEB_XML = Path.of("src/main/webapp-example/WEB-INF/web.xml");
    static final Path CONFIG_FILE = Path.of("src/main/config-example/consent-filter.json");

    private static final List<Server> SERVERS = new ArrayList<>();
    private static URI embedded;
    private static URI webXml;
    private static URI configFile;
    private static Tomcat tomcat;
    private static URI tomcatUri;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startExamples() throws Exception {
        embedded = uri(track(EmbeddedJettyExample.start(0)));
        Server war = new Server();
        ServerConnector connector = new ServerConnector(war);
        connector.setHost("127.0.0.1");
        war.addConnector(connector);
        war.setHandler(WebXml.context(WEB_XML));
        war.start();
        webXml = uri(track(war));
        configFile = uri(track(ConfigFileExample.start(0, CONFIG_FILE)));
        tomcat = TomcatExample.start(0, Files.createDirectories(dir.resolve("tomcat")));
        tomcatUri = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/");
    }

    @AfterAll
    static void stopExamples() throws Exception {
        for (Server s : SERVERS) {
            s.stop();
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void embeddedJettyGatesTheAnalyticsCookieByWhereTheVisitorIs() throws Exception {
        HttpResponse<String> fr = get(embedded.resolve("/"), "CloudFront-Viewer-Country", "FR");
        assertTrue(fr.body().contains("jurisdiction=FR") && fr.body().contains("google-analytics=deny (no-choice-opt-in)"), fr.body());
        assertTrue(fr.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("_ga=")));
        HttpResponse<String> ca = get(embedded.resolve("/"), "CloudFront-Viewer-Country", "US", "CloudFront-Viewer-Country-Region", "CA");
        assertTrue(ca.body().contains("google-analytics=allow (opt-out-default)"), ca.body());
        assertTrue(ca.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("_ga=")));
    }

    @Test
    void embeddedTomcatGatesTheAnalyticsCookieByWhereTheVisitorIs() throws Exception {
        HttpResponse<String> fr = get(tomcatUri.resolve("/"), "CloudFront-Viewer-Country", "FR");
        assertTrue(fr.body().contains("jurisdiction=FR") && fr.body().contains("google-analytics=deny (no-choice-opt-in)"), fr.body());
        assertTrue(fr.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("_ga=")));
        HttpResponse<String> ca = get(tomcatUri.resolve("/"), "CloudFront-Viewer-Country", "US", "CloudFront-Viewer-Country-Region", "CA");
        assertTrue(ca.body().contains("google-analytics=allow (opt-out-default)"), ca.body());
        assertTrue(ca.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("_ga=")));
    }

    @Test
    void webXmlInitParametersAndListenerConfigureTheFilter() throws Exception {
        HttpResponse<String> de = get(webXml.resolve("/"), "CF-IPCountry", "DE");
        assertTrue(de.body().contains("jurisdiction=DE"), "jurisdiction from Cloudflare's header: " + de.body());
        assertTrue(de.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("_ga=")));
        JsonNode state = JSON.readTree(get(webXml.resolve("/my-consent"), "CF-IPCountry", "DE").body());
        assertEquals("DE", state.get("jurisdiction").asText(), "the endpoints answer under the prefix from web.xml");
        HttpResponse<String> defaultPrefix = get(webXml.resolve("/consent"), "CF-IPCountry", "DE");
        assertTrue(defaultPrefix.body().startsWith("jurisdiction=DE"), "the default prefix is the application's: " + defaultPrefix.body());
    }

    @Test
    void configFileSettingsApply() throws Exception {
        String origin = configFile.getScheme() + "://" + configFile.getAuthority();
        HttpResponse<String> chosen = HTTP.send(HttpRequest.newBuilder(configFile.resolve("/privacy/consent"))
                .header("Content-Type", "application/json").header("Origin", origin).header("CF-IPCountry", "FR")
                .POST(HttpRequest.BodyPublishers.ofString("{\"accept\":\"all\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, chosen.statusCode(), chosen.body());
        String cookie = chosen.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("site_consent="))
                .findFirst().orElseThrow(() -> new AssertionError("no site_consent cookie: " + chosen.headers().allValues("Set-Cookie")));
        assertTrue(!cookie.toLowerCase(java.util.Locale.ROOT).contains("secure"), "cookie-secure=false from the file: " + cookie);
        HttpResponse<String> home = get(configFile.resolve("/"), "CF-IPCountry", "FR", "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertTrue(home.body().contains("google-analytics=allow (granted)"), home.body());
    }

    @Test
    void aBrokenConfigFileStopsStartUpNamingTheFileAndSetting() throws Exception {
        Path bad = dir.resolve("consent-filter.json");
        Files.writeString(bad, "{\"prefix\": \"/privacy/consent\", \"cookie-secure\": \"maybe\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigFileExample.start(0, bad));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("cookie-secure"), e.getMessage());
    }

    private static Server track(Server server) {
        SERVERS.add(server);
        return server;
    }

    private static URI uri(Server server) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/");
    }

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).headers(headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
