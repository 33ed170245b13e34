package org.consent4j.servlet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Truncates a client address before it goes into a record: IPv4 to /24, IPv6 to /48. */
final class ClientAddress {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private ClientAddress() {
    }

    /** The truncated address, or empty when {@code address} is not an IP literal. */
    static String truncate(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            return "";
        }
        try {
            // Only literals reach here, so no name lookup happens.
            InetAddress a = InetAddress.getByName(address);
            byte[] b = a.getAddress();
            if (a instanceof Inet4Address) {
                return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0";
            }
            if (a instanceof Inet6Address) {
                return String.format(java.util.Locale.ROOT, "%x:%x:%x::", ((b[0] & 0xff) << 8) | (b[1] & 0xff),
                        ((b[2] & 0xff) << 8) | (b[3] & 0xff), ((b[4] & 0xff) << 8) | (b[5] & 0xff));
            }
            return "";
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
