package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

final class AddressTruncationProperties {

    @Example
    void offByDefaultKeepsNothing() {
        assertEquals("", AddressTruncation.OFF.apply("203.0.113.77"));
    }

    @Example
    void theDefaultKeepsTheIpv4Slash24AndTheIpv6Slash48() {
        assertEquals("203.0.113.0/24", AddressTruncation.DEFAULT.apply("203.0.113.77"));
        assertEquals("2001:db8:85a3::/48", AddressTruncation.DEFAULT.apply("2001:db8:85a3:8d3:1319:8a2e:370:7348"));
        assertEquals("2001:db8:85a3::/48", AddressTruncation.DEFAULT.apply("[2001:DB8:85A3::1]"));
        assertEquals("fe80::/48", AddressTruncation.DEFAULT.apply("fe80::1%eth0"));
        assertEquals("192.0.2.0/24", AddressTruncation.DEFAULT.apply("::ffff:192.0.2.128"));
    }

    @Example
    void prefixesAreConfigurable() {
        AddressTruncation t = AddressTruncation.prefixes(16, 32);

        assertEquals("203.0.0.0/16", t.apply(" 203.0.113.77 "));
        assertEquals("2001:db8::/32", t.apply("2001:db8:85a3::1"));
        assertEquals("203.0.113.77/32", AddressTruncation.prefixes(32, 128).apply("203.0.113.77"));
    }

    @Example
    void anythingButAnIpLiteralKeepsNothingAndNothingIsResolved() {
        for (String junk : new String[] {"", "unknown", "localhost", "example.com", "203.0.113", "203.0.113.256",
                "203.0.113.07", "1.2.3.4, 5.6.7.8", "::g", "1:2:3:4:5:6:7:8:9", "[::1", "12345"}) {
            assertEquals("", AddressTruncation.DEFAULT.apply(junk), junk);
        }
    }

    @Example
    void impossiblePrefixesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressTruncation.prefixes(33, 48));

        assertTrue(e.getMessage().contains("ipv4Prefix must be 0 to 32 bits, was 33"), e.getMessage());
    }

    @Property(tries = 300)
    void ipv4KeepsExactlyThePrefixBits(@ForAll @Size(4) byte[] address, @ForAll @IntRange(max = 32) int prefix) throws Exception {
        String text = InetAddress.getByAddress(address).getHostAddress();

        String kept = AddressTruncation.prefixes(prefix, 48).apply(text);

        assertEquals(masked(address, prefix), network(kept, prefix));
    }

    @Property(tries = 300)
    void ipv6KeepsExactlyThePrefixBits(@ForAll @Size(16) byte[] address, @ForAll @IntRange(max = 128) int prefix) throws Exception {
        InetAddress parsed = InetAddress.getByAddress(address);
        if (!(parsed instanceof java.net.Inet6Address)) {
            return; // an IPv4-mapped address is treated as IPv4
        }

        String kept = AddressTruncation.prefixes(24, prefix).apply(parsed.getHostAddress());

        assertEquals(masked(address, prefix), network(kept, prefix));
    }

    private static BigInteger masked(byte[] address, int prefix) {
        int bits = address.length * 8;
        BigInteger value = new BigInteger(1, address);
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return value.and(mask);
    }

    private static BigInteger network(String kept, int prefix) throws Exception {
        assertTrue(kept.endsWith("/" + prefix), kept);
        return new BigInteger(1, InetAddress.getByName(kept.substring(0, kept.indexOf('/'))).getAddress());
    }
}
