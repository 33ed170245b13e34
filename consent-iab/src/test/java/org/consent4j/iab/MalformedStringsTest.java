package org.consent4j.iab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class MalformedStringsTest {

    private static IabFormatException gpp(String text) {
        return assertThrows(IabFormatException.class, () -> GppString.parse(text));
    }

    @Test
    void errorsNameTheField() {
        assertEquals("usnat.SaleOptOut", gpp("DBABLA~BVV").field());
        assertTrue(gpp("DBABLA~BVV*kkklWA").getMessage().contains("not URL-safe base64"));
        assertEquals("header.Type", gpp("COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA").field());
        assertTrue(gpp("COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA").getMessage().contains("TcString.parse"));
        assertEquals("header.SectionIds", gpp("DBACNY~1YNN").field());
        assertEquals("uspv1.OptOutSale", gpp("DBABTA~1YXN").field());
        assertEquals("tcfeuv2.Version", assertThrows(IabFormatException.class,
                () -> TcString.parse("BOtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA")).field());
        assertEquals("tcfeuv2.VendorConsents.MaxVendorId", assertThrows(IabFormatException.class,
                () -> TcString.parse("COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAA")).field());
        assertEquals("gpp", gpp("D".repeat(GppString.MAX_LENGTH + 1)).field());
    }

    @Test
    void modelsRefuseValuesOutOfRange() {
        assertEquals("usnat.SaleOptOut", assertThrows(IabFormatException.class,
                () -> new UsNat(0, 0, 0, 0, 0, 0, 3, 0, 0, java.util.Collections.nCopies(16, 0),
                        java.util.Collections.nCopies(3, 0), 0, 2, 0, 0, java.util.Optional.empty())).field());
        assertEquals("uspv1.OptOutSale", assertThrows(IabFormatException.class,
                () -> new UsPrivacy(UsPrivacy.Flag.YES, UsPrivacy.Flag.NOT_APPLICABLE, UsPrivacy.Flag.NO)).field());
    }
}
