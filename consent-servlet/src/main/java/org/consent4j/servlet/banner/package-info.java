/**
 * The consent banner and the cookie declaration: the vanilla JavaScript and CSS the filter serves
 * under {@code {prefix}/assets/}, the localized texts, the per-response loader markup (with the
 * Google Consent Mode default) and the cookie declaration page at {@code {prefix}/cookies}.
 *
 * <p>Sites configure it through {@link org.consent4j.servlet.banner.BannerConfig}; the filter drives
 * it through {@link org.consent4j.servlet.banner.Banner}.
 */
@NullMarked
package org.consent4j.servlet.banner;

import org.jspecify.annotations.NullMarked;
