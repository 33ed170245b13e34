package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.consent4j.servlet.banner.Banner;

/**
 * The IAB page APIs' markup for the top of {@code <head>}: the inline stub that defines {@code __gpp},
 * {@code __tcfapi} and {@code __uspapi} before any tag can run, the visitor's signals as a JSON data
 * block, and the deferred script that answers the calls ({@link Banner#iabMarkup}).
 */
final class IabHeadMarkup implements HeadMarkup {

    private final Banner banner;
    private final IabPage iab;

    IabHeadMarkup(Banner banner, IabPage iab) {
        this.banner = banner;
        this.iab = iab;
    }

    @Override
    public String markup(HttpServletRequest request, ConsentContext context) {
        return banner.iabMarkup(request, iab.json(context.visitorQuietly(), banner.language(request)));
    }
}
