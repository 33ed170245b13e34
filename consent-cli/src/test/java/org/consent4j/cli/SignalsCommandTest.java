package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class SignalsCommandTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void decodesEachKindAsJson() throws IOException {
        Result gpp = run("signals", "decode", "DBACNY~COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA~1YNN");
        assertEquals(0, gpp.status(), gpp.err());
        JsonNode root = new ObjectMapper().readTree(gpp.out());
        assertEquals("gpp", root.path("kind").asText());
        assertEquals("tcfeuv2", root.path("sections").get(0).path("name").asText());
        assertEquals(675, root.path("sections").get(0).path("value").path("value").path("cmpId").asInt());
        assertEquals("1YNN", root.path("sections").get(1).path("value").path("value").asText());

        JsonNode tc = new ObjectMapper().readTree(run("signals", "decode", "COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA").out());
        assertEquals("[2,10]", tc.path("value").path("purposesConsent").toString());
        assertTrue(tc.path("v22Problems").size() >= 2, tc.toString());

        JsonNode usp = new ObjectMapper().readTree(run("signals", "decode", "1YYN").out());
        assertEquals("1YYN", usp.path("value").asText());
    }

    @Test
    void malformedStringsExitTwoNamingTheField() {
        Result r = run("signals", "decode", "DBABLA~BVV");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("usnat.SaleOptOut"), r.err());
        assertEquals(2, run("signals", "decode", "1XYN").status());
        assertEquals(0, run("signals", "decode", "--help").status());
    }

    @Test
    void encodesACaliforniaVisitorWithGpc() throws IOException {
        Result r = run("signals", "encode", "--jurisdiction", "us-ca", "--gpc");
        assertEquals(0, r.status(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("US-CA", root.path("jurisdiction").asText());
        assertEquals("[6,7,8]", root.path("gppSectionIds").toString());
        assertEquals("1YYN", root.path("usPrivacy").asText());
        assertTrue(root.path("tcString").isNull());
        // the printed string decodes to what was asked: opted out of sale and sharing, GPC set
        org.consent4j.iab.GppString gpp = org.consent4j.iab.GppString.parse(root.path("gpp").asText());
        assertEquals(1, gpp.usNat().orElseThrow().saleOptOut());
        assertEquals(java.util.Optional.of(true), gpp.usNat().orElseThrow().gpc());
        assertEquals(1, gpp.usState(org.consent4j.iab.UsState.CA).orElseThrow().value("SharingOptOut"));
        Result decoded = run("signals", "decode", root.path("gpp").asText());
        assertEquals(0, decoded.status(), decoded.err());
        assertTrue(decoded.out().contains("\"usca\""), decoded.out());
    }

    @Test
    void encodesATcStringForAFrenchVisitorWithTheCmpRegistration() throws IOException {
        Result r = run("signals", "encode", "--jurisdiction", "FR", "--consent", "analytics", "--cmp-id", "300",
                "--vendor-list-version", "150", "--language", "fr");
        assertEquals(0, r.status(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        org.consent4j.iab.TcString tc = org.consent4j.iab.TcString.parse(root.path("tcString").asText());
        assertEquals(org.consent4j.iab.IdSet.of(1, 8, 9, 10), tc.purposesConsent());
        assertEquals(300, tc.cmpId());
        assertEquals(150, tc.vendorListVersion());
        assertEquals("FR", tc.consentLanguage());
        assertEquals("[2]", root.path("gppSectionIds").toString());
        assertTrue(root.path("usPrivacy").isNull());

        JsonNode noCmp = new ObjectMapper().readTree(run("signals", "encode", "--jurisdiction", "FR", "--consent",
                "all").out());
        assertTrue(noCmp.path("tcString").isNull());
        assertTrue(noCmp.path("notes").toString().contains("--cmp-id"), noCmp.toString());
    }

    @Test
    void textFormatPrintsOneStringPerLine() {
        Result r = run("signals", "encode", "--jurisdiction", "US-TX", "--consent", "reject", "--format", "text");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\\R");
        assertTrue(lines[0].startsWith("gpp D"), r.out());
        assertEquals("tcf -", lines[1]);
        assertEquals("usp -", lines[2]);
        assertEquals(java.util.List.of(7, 16), org.consent4j.iab.GppString.parse(lines[0].substring(4)).sectionIds());
    }

    @Test
    void badArgumentsExitTwoNamingTheValue() {
        Result category = run("signals", "encode", "--jurisdiction", "FR", "--consent", "analytics,adverts");
        assertEquals(2, category.status());
        assertTrue(category.err().contains("'adverts'"), category.err());
        Result code = run("signals", "encode", "--jurisdiction", "France");
        assertEquals(2, code.status());
        assertTrue(code.err().contains("'France'"), code.err());
        Result cmp = run("signals", "encode", "--jurisdiction", "FR", "--cmp-id", "5000", "--vendor-list-version", "1");
        assertEquals(2, cmp.status());
        assertTrue(cmp.err().contains("5000"), cmp.err());
        Result half = run("signals", "encode", "--jurisdiction", "FR", "--cmp-id", "12");
        assertEquals(2, half.status());
        assertTrue(half.err().contains("--vendor-list-version"), half.err());
        Result format = run("signals", "encode", "--jurisdiction", "FR", "--format", "xml");
        assertEquals(2, format.status());
        assertTrue(format.err().contains("'xml'"), format.err());
        Result notANumber = run("signals", "encode", "--jurisdiction", "FR", "--cmp-id", "many", "--vendor-list-version", "1");
        assertEquals(2, notANumber.status());
        assertTrue(notANumber.err().contains("many"), notANumber.err());
        Result help = run("signals", "encode", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--vendor-list-version"), help.out());
    }
}
