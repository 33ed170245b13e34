/**
 * The IAB's consent signals: the Global Privacy Platform string (header, {@code usnat}, {@code uspv1},
 * {@code tcfeuv2}), the TCF v2.2 TC string and the legacy US Privacy string, as typed values that decode
 * and encode, with errors that name the field that is wrong.
 *
 * <p>Start with {@link org.consent4j.iab.GppString}, {@link org.consent4j.iab.TcString} and
 * {@link org.consent4j.iab.UsPrivacy}. Everything here is pure: no I/O, no servlet API.
 */
@NullMarked
package org.consent4j.iab;

import org.jspecify.annotations.NullMarked;
