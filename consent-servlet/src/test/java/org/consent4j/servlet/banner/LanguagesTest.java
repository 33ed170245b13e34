package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class LanguagesTest {

    private static final Set<String> SUPPORTED = Set.of("en", "fr", "de", "es");

    @Test
    void negotiateWhenRegionalTagThenPrimaryLanguage() {
        assertEquals("fr", Languages.negotiate("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", SUPPORTED, "en"));
        assertEquals("de", Languages.negotiate("de-CH", SUPPORTED, "en"));
        assertEquals("es", Languages.negotiate("ES-mx", SUPPORTED, "en"));
    }

    @Test
    void negotiateWhenPortugueseVariantsThenBrazilOnlyForPtBrAndEuropeanForPtPtAndPt() {
        Set<String> both = Set.of("en", "pt", "pt-BR");
        assertEquals("pt-BR", Languages.negotiate("pt-BR,pt;q=0.9,en;q=0.5", both, "en"));
        assertEquals("pt-BR", Languages.negotiate("PT-br", both, "en"));
        assertEquals("pt", Languages.negotiate("pt-PT,pt;q=0.9", both, "en"));
        assertEquals("pt", Languages.negotiate("pt", both, "en"));
        assertEquals("pt", Languages.negotiate("pt-AO", both, "en"), "other Portuguese regions get the European text");
        assertEquals("pt-BR", Languages.negotiate("pt", Set.of("en", "pt-BR"), "en"), "only a variant: that variant");
        assertEquals("en", Languages.negotiate("pt-BR;q=0, en", both, "fr"));
    }

    @Test
    void regionalWhenPortugueseInBrazilThenBrazilianUnlessPtPtAskedByName() {
        Set<String> both = Set.of("en", "pt", "pt-BR");
        assertEquals("pt-BR", Languages.regional("pt", "BR", "pt", both));
        assertEquals("pt-BR", Languages.regional("pt", "BR-SP", null, both));
        assertEquals("pt", Languages.regional("pt", "BR", "pt-PT, pt;q=0.9", both));
        assertEquals("pt", Languages.regional("pt", "PT", "pt", both));
        assertEquals("pt", Languages.regional("pt", "", "pt", both));
        assertEquals("pt", Languages.regional("pt", "BR", "pt", Set.of("en", "pt")));
        assertEquals("fr", Languages.regional("fr", "BR", "fr", both));
    }

    @Test
    void negotiateWhenWeightsThenHighestSupportedWins() {
        assertEquals("de", Languages.negotiate("fr;q=0.5, de;q=0.8, en;q=0.1", SUPPORTED, "en"));
        assertEquals("es", Languages.negotiate("it, es;q=0.9, fr;q=0.8", SUPPORTED, "en"));
    }

    @Test
    void negotiateWhenEqualWeightsThenHeaderOrderWins() {
        assertEquals("fr", Languages.negotiate("fr;q=0.8, de;q=0.8", SUPPORTED, "en"));
    }

    @Test
    void negotiateWhenWeightZeroThenLanguageRefused() {
        assertEquals("es", Languages.negotiate("fr;q=0, es;q=0.2", SUPPORTED, "en"));
        assertEquals("de", Languages.negotiate("fr;q=0.000", SUPPORTED, "de"));
    }

    @Test
    void negotiateWhenNothingSupportedOrWildcardOrAbsentThenDefault() {
        assertEquals("de", Languages.negotiate("ja, zh-CN;q=0.8", SUPPORTED, "de"));
        assertEquals("fr", Languages.negotiate("*", SUPPORTED, "fr"));
        assertEquals("fr", Languages.negotiate(null, SUPPORTED, "fr"));
        assertEquals("fr", Languages.negotiate("", SUPPORTED, "fr"));
    }

    @Test
    void negotiateWhenMalformedRangesThenSkippedNotFatal() {
        assertEquals("es", Languages.negotiate("fr;q=2, de;q=abc, <script>, es", SUPPORTED, "en"));
        assertEquals("en", Languages.negotiate(";;;,,,", SUPPORTED, "en"));
    }

    @Property(tries = 500)
    void negotiateWhenAnyHeaderThenSupportedOrDefaultAndNoException(@ForAll String header) {
        String lang = Languages.negotiate(header, SUPPORTED, "en");
        assertTrue(SUPPORTED.contains(lang), lang);
    }

    @Property(tries = 300)
    void negotiateWhenSupportedTagWithRegionThenThatLanguage(@ForAll("supported") String lang, @ForAll("regions") String region) {
        assertEquals(lang, Languages.negotiate("xx;q=0.9, " + lang + "-" + region + ";q=0.95", SUPPORTED, "en"));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> supported() {
        return net.jqwik.api.Arbitraries.of("en", "fr", "de", "es");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> regions() {
        return net.jqwik.api.Arbitraries.strings().withCharRange('A', 'Z').ofLength(2);
    }
}
