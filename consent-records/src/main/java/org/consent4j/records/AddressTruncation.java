package org.consent4j.records;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How much of the client address a consent record keeps: nothing (the default, {@link #OFF}), or the
 * network prefix only, e.g. {@code 203.0.113.0/24} or {@code 2001:db8:85a3::/48} ({@link #DEFAULT}).
 *
 * <p>Only IP literals are accepted; anything else (a host name, {@code unknown}, a forwarded list)
 * yields the empty string. No name is ever resolved. IPv4-mapped IPv6 addresses are treated as IPv4.
 *
 * @param enabled      whether any address is kept
 * @param ipv4Prefix   bits of an IPv4 address kept, 0 to 32
 * @param ipv6Prefix   bits of an IPv6 address kept, 0 to 128
 */
public record AddressTruncation(boolean enabled, int ipv4Prefix, int ipv6Prefix) {

    /** Keep no address: the default. */
    public static final AddressTruncation OFF = new AddressTruncation(false, 0, 0);
    /** Keep the /24 of IPv4 and the /48 of IPv6 addresses. */
    public static final AddressTruncation DEFAULT = new AddressTruncation(true, 24, 48);

    /** Checks that the prefix lengths fit IPv4 (0-32) and IPv6 (0-128). */
    public AddressTruncation {
        if (ipv4Prefix < 0 || ipv4Prefix > 32) {
            throw new IllegalArgumentException("ipv4Prefix must be 0 to 32 bits, was " + ipv4Prefix);
        }
        if (ipv6Prefix < 0 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ipv6Prefix must be 0 to 128 bits, was " + ipv6Prefix);
        }
    }

    /** Keep this many leading bits of IPv4 and IPv6 addresses. */
    public static AddressTruncation prefixes(int ipv4Prefix, int ipv6Prefix) {
        return new AddressTruncation(true, ipv4Prefix, ipv6Prefix);
    }

    /**
     * The address as a record keeps it: {@code network/prefix}, or empty when off or when
     * {@code address} is not an IP literal.
     */
    public String apply(String address) {
        if (!enabled) {
            return "";
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        byte @Nullable [] bytes;
        if (a.indexOf(':') >= 0) {
            bytes = ipv6(a);
        } else {
            bytes = ipv4(a);
        }
        if (bytes == null) {
            return "";
        }
        int prefix = bytes.length == 4 ? ipv4Prefix : ipv6Prefix;
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            String network = InetAddress.getByAddress(bytes).getHostAddress();
            if (bytes.length == 16) {
                network = compress(network);
            }
            return network + "/" + prefix;
        } catch (UnknownHostException e) {
            return "";
        }
    }

    private static byte @Nullable [] ipv4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte @Nullable [] ipv6(String a) {
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return null;
            }
        }
        try {
            // A literal containing ':' is parsed, never resolved.
            InetAddress parsed = InetAddress.getByName(a);
            byte[] bytes = parsed.getAddress();
            return parsed instanceof Inet4Address ? bytes : bytes.length == 16 ? bytes : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** RFC 5952 text form: the longest run of two or more zero groups becomes "::". */
    private static String compress(String full) {
        String[] groups = full.toLowerCase(Locale.ROOT).split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }
}
