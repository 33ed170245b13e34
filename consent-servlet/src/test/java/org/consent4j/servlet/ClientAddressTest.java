package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class ClientAddressTest {

    @Test
    void truncateWhenIpv4ThenLastOctetZeroed() {
        assertEquals("192.0.2.0", ClientAddress.truncate("192.0.2.77"));
    }

    @Test
    void truncateWhenIpv6ThenFirst48BitsKept() {
        assertEquals("2001:db8:85a3::", ClientAddress.truncate("2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
        assertEquals("0:0:0::", ClientAddress.truncate("::1"));
    }

    @Test
    void truncateWhenNotAnAddressThenEmptyWithoutLookup() {
        assertEquals("", ClientAddress.truncate("example.com"));
        assertEquals("", ClientAddress.truncate(""));
        assertEquals("", ClientAddress.truncate("999.1.1.1.1"));
    }
}
