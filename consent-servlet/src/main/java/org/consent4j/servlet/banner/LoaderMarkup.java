package org.consent4j.servlet.banner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.consent4j.core.internal.html.HtmlEscaper;
import org.jspecify.annotations.Nullable;

/**
 * The markup placed right after {@code <head>} of an HTML page: the Google Consent Mode default
 * (when on) before any Google tag, a JSON data block with the visitor's state for the banner, and the
 * deferred banner script.
 *
 * <p>The data block is {@code type="application/json"}, which browsers never execute, so only the
 * Consent Mode script is inline code; it carries the CSP nonce when one is given. Every value is
 * escaped for its context: nothing in the state or the configuration can close the script element.
 * The markup is ASCII (characters beyond it are JSON escapes or percent-encoded), so the HTML gate
 * can insert it into a page in any ASCII-compatible charset.
 */
final class LoaderMarkup {

    /** The id of the JSON data block the script reads. */
    static final String BOOT_ID = "consent4j-boot";

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9+/=_-]{1,256}");

    private LoaderMarkup() {
    }

    /**
     * @param urls            where the assets are
     * @param language        the page's banner language
     * @param textsUrl        the versioned texts URL for that language
     * @param stateJson       the visitor's state, as GET {prefix} answers it
     * @param consentMode     the consent-type-to-categories mapping, or null when Consent Mode is off
     * @param defaults        granted/denied per consent type for this visitor (ignored when off)
     * @param waitForUpdateMs the {@code wait_for_update} to add, or 0
     * @param nonce           the CSP nonce, or empty
     */
    static String build(Urls urls, String language, String textsUrl, String stateJson,
                        @Nullable Map<String, List<String>> consentMode, Map<String, String> defaults,
                        long waitForUpdateMs, String nonce) {
        String nonceAttr = NONCE.matcher(nonce).matches() ? " nonce=\"" + HtmlEscaper.escape(nonce) + "\"" : "";
        StringBuilder sb = new StringBuilder(512 + stateJson.length());
        if (consentMode != null) {
            sb.append("<script").append(nonceAttr).append('>').append(consentModeScript(defaults, waitForUpdateMs))
                    .append("</script>");
        }
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("prefix", urls.base());
        boot.put("lang", language);
        boot.put("texts", textsUrl);
        boot.put("css", urls.css());
        if (consentMode != null) {
            boot.put("consentMode", consentMode);
        }
        String bootJson = Json.write(boot);
        // The state is spliced in as given; ScriptJson keeps any content from leaving the element.
        String json = bootJson.substring(0, bootJson.length() - 1) + ",\"state\":" + (stateJson.isBlank() ? "null" : stateJson) + "}";
        sb.append("<script type=\"application/json\" id=\"").append(BOOT_ID).append("\">")
                .append(ScriptJson.escape(json)).append("</script>");
        sb.append("<script src=\"").append(Html.escapeUrlAscii(urls.script())).append("\" defer=\"\"").append(nonceAttr)
                .append("></script>");
        return sb.toString();
    }

    /** The Consent Mode default command, as inline script text or the body of {@code consent-mode.js}. */
    static String consentModeScript(Map<String, String> defaults, long waitForUpdateMs) {
        Map<String, Object> values = new LinkedHashMap<>(defaults);
        if (waitForUpdateMs > 0) {
            values.put("wait_for_update", waitForUpdateMs);
        }
        return "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
                + "gtag('consent','default'," + ScriptJson.escape(Json.write(values)) + ");";
    }
}
